"""What a dossier holds beside its details: timeline, tasks, attachments and links."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from common.fields import actor_field
from common.storage import AtomicFileSystemStorage
from common.versions import version_field
from directory.models import Organisation
from dossiers.models.dossier import Dossier, DossierPart


class TimelineEntry(DossierPart):
    class EntryType(models.TextChoices):
        EVENT = "event", _("Event")
        OPINION = "opinion", _("Opinion received")
        DECISION = "decision", _("Decision")
        MEETING = "meeting", _("Meeting")
        NOTE = "note", _("Note")

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="timeline"
    )
    occurred_on = models.DateField(_("date"))
    entry_type = models.CharField(
        _("type"), max_length=20, choices=EntryType.choices, default=EntryType.EVENT
    )
    text = models.TextField(_("what happened"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("from organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who said or did it, when it was a partner."),
    )
    author = actor_field(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["occurred_on", "pk"]
        indexes = [
            models.Index(fields=["dossier", "occurred_on"], name="timeline_dossier_date_idx"),
            # The officer's home: the latest entries first, read from the index.
            models.Index(fields=["-created_at", "-id"], name="timeline_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {self.occurred_on:%Y-%m-%d}"


class Task(DossierPart):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=250)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = actor_field(_("created by"))
    version = version_field()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [F("done_on").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["due_on", "done_on"], name="task_due_idx")]

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {_('task')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.done_on is None


class AttachmentStorage(LazyObject):
    """Files under MEDIA_ROOT, outside the web root, with no public URL."""

    def _setup(self) -> None:
        self._wrapped = AtomicFileSystemStorage(location=settings.MEDIA_ROOT, base_url=None)


attachment_storage = AttachmentStorage()


def get_attachment_storage() -> AttachmentStorage:
    """A callable, so migrations name it instead of one machine's MEDIA_ROOT."""
    return attachment_storage


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random name: the original one is kept in the database only."""
    return f"attachments/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class Attachment(DossierPart):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, storage=get_attachment_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.TextField(_("description"), blank=True, default="", db_default="")
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = actor_field(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {_('attachment')} {self.pk}"


class DossierLink(models.Model):
    source = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="links"
    )
    target = models.ForeignKey(
        Dossier,
        verbose_name=_("linked dossier"),
        on_delete=models.CASCADE,
        related_name="backlinks",
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="dossier_link_unique"),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="dossier_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.reference} → {self.target.reference}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.source_id}
