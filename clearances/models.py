import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.dates import is_active_on
from common.fields import actor_field
from common.versions import version_field
from directory.classification import Classification, classification_field
from directory.models import Organisation, Person

# A clearance is valid for at most five years after the decision.
MAX_VALIDITY = relativedelta(years=5)
# Renewal starts this long before the end of validity.
RENEWAL_LEAD = relativedelta(months=7)
RENEWAL_LEAD_ZEER_GEHEIM = relativedelta(months=10)


def renewal_lead(level: int) -> relativedelta:
    return RENEWAL_LEAD_ZEER_GEHEIM if level == Classification.ZEER_GEHEIM else RENEWAL_LEAD


def day_number(field: str) -> models.Expression:
    """A date as the number YYYYMMDD: adding 50000 is adding five years, 29 February
    included (2024-02-29 + 5 years is 2029-02-28, as relativedelta says), in any database."""
    return ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field)


# The five-year cap, as the database can hold it.
WITHIN_MAX_VALIDITY = LessThanOrEqual(
    day_number("valid_until"), day_number("decided_on") + MAX_VALIDITY.years * 10000
)


class ClearanceTerms(models.Model):
    """What a clearance says: shared by the clearance and a proposal to record one."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        APPEAL_LODGED = "appeal_lodged", _("Appeal lodged")
        APPEAL_DECIDED = "appeal_decided", _("Appeal decided")

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        EU = "eu", _("European Union (EU)")
        NATO = "nato", _("NATO")

    class AppealOutcome(models.TextChoices):
        UPHELD = "upheld", _("Decision upheld")
        OVERTURNED = "overturned", _("Decision overturned")

    class Authority(models.TextChoices):
        NVO = "NVO", _("National Security Authority (NVO)")
        VSSE = "VSSE", _("State Security (VSSE), for its own staff")
        ADIV = "ADIV", _("Military intelligence (ADIV), for its own staff")

    level = classification_field(
        verbose_name=_("level"),
        default=Classification.VERTROUWELIJK,
        choices=[(level.value, level.label) for level in Classification.classified_levels()],
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL
    )
    authority = models.CharField(
        _("issuing authority"), max_length=10, choices=Authority.choices, default=Authority.NVO
    )
    authority_reference = models.CharField(
        _("reference of the authority"), max_length=60, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    briefed_on = models.DateField(
        _("security briefing on"),
        null=True,
        blank=True,
        help_text=_("When the holder was briefed on the duties the clearance brings."),
    )
    appeal_lodged_on = models.DateField(
        _("appeal lodged on"),
        null=True,
        blank=True,
        help_text=_("Against a refusal or withdrawal, with the appeal body."),
    )
    appeal_decided_on = models.DateField(_("appeal decided on"), null=True, blank=True)
    appeal_outcome = models.CharField(
        _("outcome of the appeal"), max_length=12, choices=AppealOutcome.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True


# A request the authority has not answered, or an answer under appeal: still in progress.
IN_PROGRESS = [
    ClearanceTerms.Status.REQUESTED,
    ClearanceTerms.Status.UNDER_INVESTIGATION,
    ClearanceTerms.Status.APPEAL_LODGED,
]


class Clearance(ClearanceTerms):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="clearances"
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        help_text=_("The expiring clearance this request renews."),
    )
    version = version_field()

    class Meta:
        verbose_name = _("security clearance")
        verbose_name_plural = _("security clearances")
        ordering = ["person__last_name", "person__first_name", "-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=Classification.BEPERKT),
                name="clearance_level_is_classified",
            ),
            models.CheckConstraint(
                condition=~Q(status="granted")
                | Q(decided_on__isnull=False, valid_until__isnull=False),
                name="clearance_granted_has_decision_and_end",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(decided_on__isnull=True)
                | Q(valid_until__gte=F("decided_on")),
                name="clearance_valid_until_after_decision",
                violation_error_code="ends_before_decision",
                violation_error_message=_("The validity cannot end before the decision."),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("requested_on")),
                name="clearance_decided_after_request",
                violation_error_code="decided_before_request",
                violation_error_message=_("The decision cannot come before the request."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(decided_on__isnull=False),
                name="clearance_end_needs_decision",
                violation_error_code="decided_on_required",
                violation_error_message=_("A clearance with an end date needs its decision date."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(decided_on__isnull=True)
                | WITHIN_MAX_VALIDITY,
                name="clearance_valid_at_most_five_years",
                violation_error_code="validity_too_long",
                violation_error_message=_(
                    "A clearance is valid for at most five years after the decision."
                ),
            ),
            models.CheckConstraint(
                condition=Q(appeal_lodged_on__isnull=True)
                | Q(decided_on__isnull=False, appeal_lodged_on__gte=F("decided_on")),
                name="clearance_appeal_after_decision",
                violation_error_code="appeal_before_decision",
                violation_error_message=_(
                    "An appeal is lodged against a decision: on or after its date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(appeal_decided_on__isnull=True)
                | Q(appeal_lodged_on__isnull=False, appeal_decided_on__gte=F("appeal_lodged_on")),
                name="clearance_appeal_decided_after_lodged",
                violation_error_code="appeal_decided_before_lodged",
                violation_error_message=_(
                    "An appeal is decided on or after the day it was lodged."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="appeal_lodged") | Q(appeal_lodged_on__isnull=False),
                name="clearance_appeal_lodged_has_date",
                violation_error_code="appeal_lodged_on_required",
                violation_error_message=_("A lodged appeal needs the date it was lodged."),
            ),
            models.CheckConstraint(
                condition=~Q(status="appeal_decided")
                | (Q(appeal_decided_on__isnull=False) & ~Q(appeal_outcome="")),
                name="clearance_appeal_decided_has_date_and_outcome",
                violation_error_code="appeal_decision_required",
                violation_error_message=_("A decided appeal needs its date and its outcome."),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status", "valid_until"], name="clearance_validity_idx"),
            models.Index(fields=["status", "valid_until"], name="clearance_renewal_idx"),
            # The list's order within a person (people are read in name order by theirs).
            models.Index(fields=["person", "-valid_until", "id"], name="clearance_list_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_level_display()} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("clearances:detail", args=[self.pk])

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == self.Status.GRANTED
            and self.decided_on is not None
            and is_active_on(
                day, starts_on=self.decided_on, ends_on=self.valid_until, open_ended=False
            )
        )

    def renewal_opens_on(self) -> datetime.date | None:
        """When its renewal should start; None for a clearance that is not granted (a
        refused or withdrawn one is renewed by nobody)."""
        if self.status != self.Status.GRANTED or self.valid_until is None:
            return None
        return self.valid_until - renewal_lead(self.level)

    def is_due_for_renewal_on(self, day: datetime.date) -> bool:
        opens_on = self.renewal_opens_on()
        return self.is_valid_on(day) and opens_on is not None and opens_on <= day

    def days_left_on(self, day: datetime.date) -> int | None:
        if self.valid_until is None:
            return None
        return (self.valid_until - day).days

    @property
    def is_in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    def effective_status_on(self, day: datetime.date) -> str:
        """A granted clearance past its end counts as expired without anyone saying so."""
        if self.status == self.Status.GRANTED and self.valid_until and self.valid_until < day:
            return self.Status.EXPIRED
        return self.status


class ClearanceStatusChange(models.Model):
    """Who moved a clearance from one status to another, and when."""

    clearance = models.ForeignKey(
        Clearance,
        verbose_name=_("security clearance"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Clearance.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Clearance.Status.choices)
    changed_by = actor_field(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class SecurityOfficerAppointment(models.Model):
    class Function(models.TextChoices):
        OFFICER = "officer", _("Security officer")
        ASSISTANT = "assistant", _("Assistant security officer")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="appointments"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="security_officer_appointments",
    )
    function = models.CharField(
        _("function"), max_length=10, choices=Function.choices, default=Function.OFFICER
    )
    interim = models.BooleanField(
        _("interim"),
        default=False,
        help_text=_("Appointed ad interim, until a permanent appointment."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("security officer appointment")
        verbose_name_plural = _("security officer appointments")
        ordering = ["organisation__name", "function", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="appointment_ends_after_start",
                violation_error_code="ends_before_start",
                violation_error_message=_("The appointment cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        interim = f" ({_('interim')})" if self.interim else ""
        return f"{self.person} · {self.get_function_display()}{interim} · {self.organisation}"

    def is_active_on(self, day: datetime.date) -> bool:
        return is_active_on(day, starts_on=self.starts_on, ends_on=self.ends_on)


# The terms a proposal carries, in the order of the form.
TERMS = [field.name for field in ClearanceTerms._meta.local_fields]


class ClearanceProposal(ClearanceTerms):
    """A clearance of a liaison officer, recorded by one person, waiting for a second.

    It gives no access: the access rule reads ``Clearance`` only. Confirming it by
    another authorised person (not the proposer, not the holder) writes its terms to
    the clearance.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Superseded")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    clearance = models.ForeignKey(
        Clearance,
        verbose_name=_("security clearance"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("The clearance it changes; empty for a new one until confirmed."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or rejected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("confirmed or rejected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("clearance proposal")
        verbose_name_plural = _("clearance proposals")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="proposal_decided_by_a_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_level_display()} · {self.get_outcome_display()}"

    @property
    def is_pending(self) -> bool:
        return self.outcome == self.Outcome.PENDING

    def terms(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in TERMS}


class CoverageFigures(models.Model):
    """The coverage figures of one organisation, as counted on ``day``.

    Counted once (``clearances.services.coverage_figures_refresh``) after every write that
    changes them and when the day changes, so that the coverage page and the homes read
    one stored row per organisation instead of grouping every person and clearance.
    """

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="coverage_figures",
    )
    day = models.DateField(_("counted for the day"))
    counted_at = models.DateTimeField(_("counted at"))
    officer_count = models.PositiveIntegerField(_("security officers"))
    cleared_count = models.PositiveIntegerField(_("people with a valid clearance"))
    renewal_count = models.PositiveIntegerField(_("people with a clearance due for renewal"))
    uncleared_officer = models.BooleanField(_("security officer without a valid clearance"))

    class Meta:
        verbose_name = _("coverage figures")
        verbose_name_plural = _("coverage figures")

    def __str__(self) -> str:
        return f"{self.organisation_id} · {self.day}"
