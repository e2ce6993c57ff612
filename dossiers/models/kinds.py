"""The details each kind of dossier carries, one-to-one with it, and their abstract base."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.versions import version_field
from directory.models import Organisation, PolicyDomain
from dossiers.models.dossier import Dossier, DossierPart


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
        DECIDED = "decided", _("Ministers decided")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Access granted")
        GRANTED_WITH_CONDITIONS = "granted_with_conditions", _("Access granted with conditions")
        REFUSED = "refused", _("Access refused")

    label = "44/11/9"
    # Shown only when the reader may see that dossier too.
    shown_apart = ("resulting_dossier",)

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
    # The end of the procedure: the ministers of the Interior and of Justice decide.
    deciding_ministries = models.ManyToManyField(
        Organisation,
        verbose_name=_("deciding ministries"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.FEDERAL_SERVICE},
    )
    decision = models.CharField(
        _("ministers' decision"), max_length=30, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    resulting_dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("resulting agreement or protocol"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("access request (WPA 44/11/9)")
        verbose_name_plural = _("access requests (WPA 44/11/9)")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="pending") | Q(decided_on__isnull=False),
                name="access_request_decision_has_date",
                violation_error_code="decided_on_required",
                violation_error_message=_("A decision needs its date."),
            ),
        ]


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
    version = version_field()

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.access_request.dossier.reference} · {_('opinion')} {self.pk}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.access_request.dossier_id}


def dpo_outcome_field(verbose_name: str) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=20,
        choices=Opinion.Outcome.choices,
        default=Opinion.Outcome.PENDING,
    )


def dpo_attachment_field(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "dossiers.Attachment",
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class ProtocolAgreement(KindDetails):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        NEGOTIATION = "negotiation", _("Negotiation")
        SIGNED = "signed", _("Signed")
        EXPIRED = "expired", _("Expired")

    label = _("protocol")
    # Shown as links to the dossier's attachments.
    shown_apart = ("flemish_dpo_attachment", "federal_dpo_attachment")

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
    # What article 20 of the law of 30 July 2018 asks a protocol to state.
    flemish_party = models.ForeignKey(
        Organisation,
        verbose_name=_("Flemish party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flemish_protocol_agreements",
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    purposes = models.TextField(_("purposes"), blank=True)
    data_categories = models.TextField(_("categories of personal data"), blank=True)
    person_categories = models.TextField(_("categories of persons"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    retention = models.CharField(_("retention period"), max_length=250, blank=True)
    security_measures = models.TextField(_("security measures"), blank=True)
    # The opinions of both data-protection officers.
    flemish_dpo_opinion_on = models.DateField(_("Flemish DPO opinion on"), null=True, blank=True)
    flemish_dpo_outcome = dpo_outcome_field(_("Flemish DPO opinion"))
    flemish_dpo_attachment = dpo_attachment_field(_("Flemish DPO opinion (attachment)"))
    federal_dpo_opinion_on = models.DateField(_("federal DPO opinion on"), null=True, blank=True)
    federal_dpo_outcome = dpo_outcome_field(_("federal DPO opinion"))
    federal_dpo_attachment = dpo_attachment_field(_("federal DPO opinion (attachment)"))
    # The Flemish e-government decree asks publication on the parties' websites.
    published_url = models.URLField(_("published at"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("protocol agreement")
        verbose_name_plural = _("protocol agreements")
        # The officer's home lists the reviews due soonest: read in this order, not sorted.
        indexes = [models.Index(fields=["review_on"], name="protocol_review_idx")]
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
            models.CheckConstraint(
                condition=Q(published_url="") | Q(published_on__isnull=False),
                name="protocol_published_has_date",
                violation_error_code="published_on_required",
                violation_error_message=_("A published agreement needs its date of publication."),
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
