"""A meeting of a body: agenda, attendance, minutes, decisions and action items.

A meeting may carry a stricter marking than its body; what it holds (minutes,
decisions, action items) follows the stricter of the two (``dossiers.access``).
``str()`` of a meeting and of its parts names the reference, never their text.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.classification import classification_field, restricted_distribution_field
from dossiers.access import is_open_to_all
from dossiers.models import Dossier
from network.models.bodies import Body, Membership


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    classification = classification_field(
        help_text=_("The meeting is at least as strictly marked as its body.")
    )
    restricted_distribution = restricted_distribution_field()
    minutes = models.TextField(_("minutes"), blank=True)
    discussed = models.ManyToManyField(
        Dossier, verbose_name=_("dossiers discussed"), blank=True, related_name="meetings"
    )
    agenda_sent_at = models.DateTimeField(_("agenda sent at"), null=True, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date_idx")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("network:meeting_detail", args=[self.pk])

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.body.dossier_id}

    @property
    def reference(self) -> str:
        """The body's reference with the date: names the meeting, tells nothing of it."""
        return f"{self.body.dossier.reference} · {self.held_on:%Y-%m-%d}"

    @property
    def needs_access_purpose(self) -> bool:
        """Its own marking or its body's is classified or need-to-know only (rule 9)."""
        return not is_open_to_all(self) or self.body.dossier.needs_access_purpose


class MeetingPart(models.Model):
    """A row of one meeting; its audit entries are tied to the body's dossier."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self._meta.model_name}/{self.pk}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.meeting.body.dossier_id}


class AgendaItem(MeetingPart):
    title = models.CharField(_("agenda item"), max_length=250)

    class Meta(MeetingPart.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        default_related_name = "agenda_items"


class Decision(MeetingPart):
    text = models.TextField(_("decision"))

    class Meta(MeetingPart.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        default_related_name = "decisions"


class ActionItem(MeetingPart):
    """A task from a meeting: it falls due for its assignee like a dossier task."""

    title = models.CharField(_("action"), max_length=250)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta(MeetingPart.Meta):
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        default_related_name = "action_items"
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(done_on__isnull=True), name="action_open_idx"
            )
        ]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["membership", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.membership_id}: {self.status}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.meeting.body.dossier_id}
