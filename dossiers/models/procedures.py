"""The procedures of issue 16 that are kinds of their own: information requests in both
directions and the parliamentary follow-up (questions and committee commitments)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.versions import version_field
from directory.classification import Classification, classification_field
from directory.models import Organisation
from dossiers.models.dossier import Dossier, DossierPart
from dossiers.models.kinds import KindDetails, kind_details_dossier
from dossiers.models.reports import CommitteeReport

# The key, in an audit entry's additional data, of the answer's level at the change.
ANSWER_LEVEL = "answer_level"


class InformationRequest(KindDetails):
    """A request for information between a Flemish and a federal service, either way."""

    class Direction(models.TextChoices):
        TO_FLANDERS = "to_flanders", _("To Flanders (a partner asks a Flemish service)")
        FROM_FLANDERS = "from_flanders", _("From Flanders (a Flemish service asks a partner)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SENT = "sent", _("Sent, awaiting the answer")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Statuses in which the request still waits for its answer: its due date counts.
    OPEN_STATUSES = [Status.DRAFT, Status.SENT]

    label = _("information request")
    # Shown under its own classification (``dossiers.access.reaches_level``), not in the list.
    shown_apart = ("answer", "answered_on")

    dossier = kind_details_dossier("information_request")
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.FROM_FLANDERS
    )
    requesting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("requested organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=250)
    question = models.TextField(_("question"))
    due_on = models.DateField(_("answer due on"), null=True, blank=True)
    status = models.CharField(
        _("request status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_classification = classification_field(
        verbose_name=_("classification of the answer"),
        help_text=_(
            "May be higher than the dossier's: the answer then shows only to who may read it."
        ),
    )

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_on__isnull=False),
                name="information_answered_has_date",
                violation_error_code="answered_on_required",
                violation_error_message=_("An answered request needs the date of its answer."),
            ),
            models.CheckConstraint(
                condition=~Q(requesting_organisation=F("requested_organisation")),
                name="information_between_two_parties",
                violation_error_code="same_party",
                violation_error_message=_("A service cannot ask itself."),
            ),
        ]

    def get_additional_data(self) -> dict[str, int]:
        """The dossier, and the level of the answer as saved: the history shows the answer
        only to a reader whose clearance reaches it (``dossiers.history``)."""
        return {**super().get_additional_data(), ANSWER_LEVEL: self.answer_classification}

    @property
    def answer_is_classified(self) -> bool:
        return self.answer_classification > Classification.NIET_GECLASSIFICEERD

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class ParliamentaryFollowUp(KindDetails):
    """The follow-up of the Flemish Parliament: the committee and the minister answering."""

    label = _("parliamentary follow-up")

    dossier = kind_details_dossier("parliamentary_follow_up")
    committee = models.CharField(_("committee"), max_length=200, blank=True)
    minister = models.CharField(_("minister answering"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("parliamentary follow-up")
        verbose_name_plural = _("parliamentary follow-ups")


class ParliamentaryQuestion(DossierPart):
    """A written or oral question of a member of the Flemish Parliament, and its answer."""

    class QuestionKind(models.TextChoices):
        WRITTEN = "written", _("Written question")
        ORAL = "oral", _("Oral question")

    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        related_name="parliamentary_questions",
    )
    question_kind = models.CharField(
        _("kind of question"), max_length=10, choices=QuestionKind.choices
    )
    member = models.CharField(_("member of the Flemish Parliament"), max_length=200)
    number = models.CharField(_("number"), max_length=30, blank=True)
    asked_on = models.DateField(_("asked on"))
    subject = models.CharField(_("subject"), max_length=250)
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("parliamentary question")
        verbose_name_plural = _("parliamentary questions")
        ordering = ["asked_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("asked_on")),
                name="question_answered_after_asked",
                violation_error_code="answered_before_asked",
                violation_error_message=_("A question cannot be answered before it is asked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {_('question')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


class CommitteeCommitment(DossierPart):
    """A commitment made in committee ("we will report back"), and where it was kept."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="commitments"
    )
    description = models.TextField(_("commitment"))
    made_on = models.DateField(_("made on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    answered_in = models.ForeignKey(
        CommitteeReport,
        verbose_name=_("answered in the committee report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("committee commitment")
        verbose_name_plural = _("committee commitments")
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=F("made_on")),
                name="commitment_due_after_made",
                violation_error_code="due_before_made",
                violation_error_message=_("A commitment cannot fall due before it is made."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier.reference} · {_('commitment')} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.answered_on is None and self.answered_in_id is None
