import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.dates import is_active_on
from common.storage import AtomicFileSystemStorage
from common.versions import version_field
from directory.classification import (
    Classification,
    classification_field,
    restricted_distribution_field,
)
from directory.models import Organisation, PolicyDomain
from dossiers.workstreams import Workstream


class Dossier(models.Model):
    """The unit of work of one workstream. ``str()`` is the reference number, never the title."""

    class Kind(models.TextChoices):
        ACCESS_REQUEST = (
            "access_request",
            _("Request for access to police information (WPA 44/11/9)"),
        )
        PROTOCOL_AGREEMENT = "protocol_agreement", _("Protocol agreement")
        LEGISLATIVE_FILE = "legislative_file", _("Legislative file")
        ADVICE = "advice", _("Advice")
        PILOT_PROJECT = "pilot_project", _("Pilot project")
        ACTIVITY = "activity", _("Activity")
        CONTACT = "contact", _("Contact")
        MEETING = "meeting", _("Meeting")
        ACTION = "action", _("Operational action")
        PROPOSAL = "proposal", _("Proposal")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for a partner")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    workstream = models.CharField(_("workstream"), max_length=30, choices=Workstream.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_dossiers",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="dossiers"
    )
    classification = classification_field()
    restricted_distribution = restricted_distribution_field()
    declassification_review_on = models.DateField(
        _("declassification review"),
        null=True,
        blank=True,
        help_text=_(
            "When the classification must be evaluated; left empty, the legal term applies."
        ),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), default=datetime.date.today)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = version_field()  # of the dossier with its details; see common.versions

    # Statuses of a dossier still being worked on: its deadlines and tasks still count.
    OPEN_STATUSES = [Status.OPEN, Status.IN_PROGRESS, Status.WAITING]

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(classification=Classification.NIET_GECLASSIFICEERD)
                | Q(declassification_review_on__isnull=False),
                name="dossier_classified_has_review_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["classification", "restricted_distribution"], name="dossier_access_idx"
            ),
            models.Index(fields=["workstream", "status"], name="dossier_workstream_idx"),
            models.Index(fields=["deadline"], name="dossier_deadline_idx"),
            models.Index(fields=["owner"], name="dossier_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])

    def get_additional_data(self) -> dict[str, int]:
        """Ties audit entries to the dossier, so its history can be shown."""
        return {"dossier": self.pk}

    @property
    def is_classified(self) -> bool:
        return self.classification > Classification.NIET_GECLASSIFICEERD

    @property
    def is_confidential(self) -> bool:
        """Classified (BEPERKT and up) or need-to-know only: the opposite of open to all.

        Messages about it name the reference only, and opening it asks the purpose.
        """
        from dossiers.access import is_open_to_all  # the rule lives with the access rule

        return not is_open_to_all(self)

    @property
    def needs_access_purpose(self) -> bool:
        """Opening it asks the purpose and logs the access (rule 9)."""
        return self.is_confidential


class ReferenceCounter(models.Model):
    """The last reference number used in a year; locked while a dossier is created."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class DossierPart(models.Model):
    """A row that belongs to one dossier: its audit entries are tied to the dossier."""

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, int]:
        """Ties audit entries to the dossier, so its history can show them (rule 4)."""
        return {"dossier": self.dossier_id}


class KindDetails(DossierPart):
    """The details one kind of dossier carries, one-to-one with the dossier."""

    # Shown after the reference in ``str()``: never the content (rule 4).
    label: str = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {self.label}"


def kind_details_dossier(related_name: str) -> models.OneToOneField:
    """The one-to-one of a kind's details to its dossier, deleted with it."""
    return models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name=related_name
    )


class AccessRequest(KindDetails):
    """A request for access to police information under WPA art. 44/11/9."""

    class Step(models.TextChoices):
        SERVICES_CONTACTED = "services_contacted", _("Services written to")
        SUBMITTED = "submitted", _("Request passed to the federal police for the ministers")
        OPINIONS_REQUESTED = "opinions_requested", _("Opinions requested (College PG, COC)")
        REVISION = "revision", _("Request being revised")
        AGREEMENT_PENDING = "agreement_pending", _("Cooperation agreement pending")
        AGREEMENT_SIGNED = "agreement_signed", _("Cooperation agreement signed")

    label = "44/11/9"

    dossier = kind_details_dossier("access_request")
    step = models.CharField(
        _("step"), max_length=30, choices=Step.choices, default=Step.SERVICES_CONTACTED
    )
    requesting_services = models.ManyToManyField(
        Organisation, verbose_name=_("requesting services"), blank=True, related_name="+"
    )
    addressees = models.ManyToManyField(
        Organisation, verbose_name=_("addressees"), blank=True, related_name="+"
    )
    cooperation_agreement = models.TextField(_("cooperation agreement"), blank=True)

    class Meta:
        verbose_name = _("access request (WPA 44/11/9)")
        verbose_name_plural = _("access requests (WPA 44/11/9)")


class Opinion(models.Model):
    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")
        CONDITIONAL = "conditional", _("Conditional")
        PENDING = "pending", _("Pending")

    access_request = models.ForeignKey(
        AccessRequest,
        verbose_name=_("access request"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    body = models.ForeignKey(
        Organisation, verbose_name=_("advisory body"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.access_request.dossier.reference} · {_('opinion')} {self.pk}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.access_request.dossier_id}


class ProtocolAgreement(KindDetails):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        NEGOTIATION = "negotiation", _("Negotiation")
        SIGNED = "signed", _("Signed")
        EXPIRED = "expired", _("Expired")

    label = _("protocol")

    dossier = kind_details_dossier("protocol_agreement")
    partner = models.ForeignKey(
        Organisation,
        verbose_name=_("partner service"),
        on_delete=models.PROTECT,
        related_name="protocol_agreements",
    )
    policy_domain = models.ForeignKey(
        PolicyDomain,
        verbose_name=_("policy domain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("agreement status"), max_length=20, choices=Status.choices, default=Status.DRAFTING
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)

    class Meta:
        verbose_name = _("protocol agreement")
        verbose_name_plural = _("protocol agreements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="protocol_signed_has_date",
                violation_error_code="signed_on_required",
                violation_error_message=_("A signed agreement needs its date of signature."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=F("signed_on")),
                name="protocol_valid_after_signature",
                violation_error_code="ends_before_signature",
                violation_error_message=_("The agreement cannot end before it is signed."),
            ),
        ]


class PilotProject(KindDetails):
    label = _("pilot")

    dossier = kind_details_dossier("pilot_project")
    municipalities = models.ManyToManyField(
        Organisation,
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )

    class Meta:
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")


class Activity(KindDetails):
    class ActivityKind(models.TextChoices):
        TRAINING = "training", _("Training")
        RETURN_DAY = "return_day", _("Return day")
        AWARENESS_SESSION = "awareness_session", _("Awareness session")
        NETWORK = "network", _("Network meeting")
        OTHER = "other", _("Other")

    label = _("activity")

    dossier = kind_details_dossier("activity")
    activity_kind = models.CharField(
        _("kind of activity"),
        max_length=20,
        choices=ActivityKind.choices,
        default=ActivityKind.TRAINING,
    )
    held_on = models.DateField(_("date"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=250, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["occurred_on", "pk"]
        indexes = [
            models.Index(fields=["dossier", "occurred_on"], name="timeline_dossier_date_idx")
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

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
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

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


class GrantFields(models.Model):
    """What every need-to-know grant records beside guardian's permission."""

    reason = models.CharField(_("reason"), max_length=250)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("After this day the grant no longer counts."),
    )

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return is_active_on(day, ends_on=self.ends_on)


class DossierUserGrant(UserObjectPermissionBase, GrantFields):
    """Need-to-know of one user on one dossier (guardian's direct foreign-key model)."""

    content_object = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="user_grants"
    )

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("need-to-know grant to a person")
        verbose_name_plural = _("need-to-know grants to people")
        indexes = [models.Index(fields=["user", "content_object"], name="user_grant_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.content_object_id} → {self.user_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.content_object_id}


class DossierGroupGrant(GroupObjectPermissionBase, GrantFields):
    """Need-to-know of a group (such as an organisation's group) on one dossier."""

    content_object = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="group_grants"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("need-to-know grant to a group")
        verbose_name_plural = _("need-to-know grants to groups")
        indexes = [models.Index(fields=["group", "content_object"], name="group_grant_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.content_object_id} → {self.group_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.content_object_id}


class OrganisationGroup(models.Model):
    """The group through which a dossier is shared with everybody of an organisation."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sharing_group",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="organisation_link"
    )

    class Meta:
        verbose_name = _("organisation group")
        verbose_name_plural = _("organisation groups")

    def __str__(self) -> str:
        return str(self.organisation)


class CommitteeReport(models.Model):
    """A kept version of the briefing to the parliamentary committee ("terugkoppeling")."""

    committee_date = models.DateField(_("committee date"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    ceiling = classification_field(
        verbose_name=_("highest classification"),
        help_text=_("Dossiers above this level are left out of the report."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    content = models.TextField(_("content"), editable=False)
    dossier_count = models.PositiveIntegerField(_("dossiers reported"), default=0)
    left_out_count = models.PositiveIntegerField(_("dossiers left out"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_in_order",
                violation_error_code="period_order",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Committee report')} {self.committee_date:%Y-%m-%d} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:report_detail", args=[self.pk])

    @property
    def needs_access_purpose(self) -> bool:
        """Reading a report with a classified ceiling asks the purpose and is logged."""
        return Classification(self.ceiling).needs_access_purpose
