"""Who may see which part of the register: the only way views reach its rows.

The liaison officer sees every person, clearance and appointment; a security officer
those of his own organisation; anybody else none. The coverage page is the one part
that cabinet staff also see, as counts without names.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from clearances.models import (
    IN_PROGRESS,
    RENEWAL_LEAD,
    RENEWAL_LEAD_ZEER_GEHEIM,
    Clearance,
    ClearanceProposal,
    SecurityOfficerAppointment,
)
from clearances.validity import valid_clearance_level_expression, valid_on
from common.dates import active_on
from directory.classification import Classification
from directory.models import Organisation, Person

# More security officers than this in one organisation is against the recommendation.
RECOMMENDED_MAX_OFFICERS = 2


# --- Access -----------------------------------------------------------------------------


def sees_register(user: User) -> bool:
    """The liaison officer and security officers work with the register; nobody else."""
    return user.is_authenticated and (user.is_liaison_officer or user.is_security_officer)


def sees_coverage(user: User) -> bool:
    return sees_register(user) or (user.is_authenticated and user.is_cabinet_staff)


def in_scope(queryset: QuerySet, user: User, organisation_path: str) -> QuerySet:
    """All rows for the liaison officer, his organisation's for a security officer, or none."""
    if not sees_register(user):
        return queryset.none()
    if user.is_liaison_officer:
        return queryset
    return queryset.filter(**{organisation_path: user.organisation_id})


def visible_people(user: User) -> QuerySet[Person]:
    return in_scope(Person.objects.all(), user, "organisation")


def visible_clearances(user: User) -> QuerySet[Clearance]:
    return in_scope(Clearance.objects.all(), user, "person__organisation")


def visible_appointments(user: User) -> QuerySet[SecurityOfficerAppointment]:
    return in_scope(SecurityOfficerAppointment.objects.all(), user, "organisation")


def visible_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations the user may put people and appointments in."""
    return in_scope(Organisation.objects.filter(is_active=True), user, "pk")


def clearance_holders(user: User) -> QuerySet[Person]:
    """The people whose clearances the user may record or change.

    Nobody records his own clearance, the liaison officer included: it is what gives
    him access to classified dossiers.
    """
    people = visible_people(user)
    if user.is_authenticated:
        people = people.exclude(user=user)
    return people


def holds_liaison_officer_role(user_id: int | None) -> bool:
    """Whether the account holds the liaison-officer role (deputies included)."""
    return user_id is not None and (
        User.objects.filter(pk=user_id, groups__name=Role.LIAISON_OFFICER).exists()
    )


def account_link_refusal(*, by: User, person_pk: int | None, user: User | None) -> str | None:
    """Why ``by`` may not link ``user`` to the person, or None.

    Linking an account to a person hands it the person's clearance: nobody links or
    unlinks his own account, and a liaison officer's account is linked only to a person
    without a granted clearance, so that his clearance still needs a second person.
    """
    recorded = Person.objects.filter(pk=person_pk).values_list("user", flat=True).first()
    chosen = user.pk if user is not None else None
    if chosen == recorded:
        return None
    if by.pk in (recorded, chosen):
        return _("Nobody links or unlinks his own account.")
    granted = Clearance.objects.filter(person=person_pk, status=Clearance.Status.GRANTED)
    if person_pk and holds_liaison_officer_role(chosen) and granted.exists():
        return _(
            "A liaison officer's account is linked only to a person without a granted "
            "clearance: record the clearance afterwards, so that a second person confirms it."
        )
    return None


def needs_second_person(*, person: Person, status: str) -> bool:
    """A record that leaves a liaison officer with a granted clearance needs confirmation.

    What confers no access (a request, a refusal, a withdrawal) takes effect at once:
    delaying a withdrawal would keep access open.
    """
    return status == Clearance.Status.GRANTED and holds_liaison_officer_role(person.user_id)


def visible_proposals(user: User) -> QuerySet[ClearanceProposal]:
    return in_scope(ClearanceProposal.objects.all(), user, "person__organisation")


def proposals_to_decide(user: User) -> QuerySet[ClearanceProposal]:
    """The pending proposals the user may confirm: neither his own nor about himself."""
    return (
        visible_proposals(user)
        .filter(outcome=ClearanceProposal.Outcome.PENDING, person__in=clearance_holders(user))
        .exclude(proposed_by=user)
    )


def get_proposal_for_user(user: User, pk: int) -> ClearanceProposal:
    try:
        return visible_proposals(user).select_related("person", "proposed_by").get(pk=pk)
    except ClearanceProposal.DoesNotExist:
        raise Http404 from None


def may_decide_proposal(user: User, proposal: ClearanceProposal) -> bool:
    return proposals_to_decide(user).filter(pk=proposal.pk).exists()


def get_person_for_user(user: User, pk: int) -> Person:
    """The person, with ``valid_level`` today, if the user may see him; 404 otherwise."""
    people = visible_people(user).annotate(valid_level=valid_clearance_level_expression())
    try:
        return people.select_related("organisation", "user").get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def get_clearance_for_user(user: User, pk: int) -> Clearance:
    try:
        return visible_clearances(user).select_related("person__organisation", "renews").get(pk=pk)
    except Clearance.DoesNotExist:
        raise Http404 from None


def get_appointment_for_user(user: User, pk: int) -> SecurityOfficerAppointment:
    try:
        return visible_appointments(user).select_related("person", "organisation").get(pk=pk)
    except SecurityOfficerAppointment.DoesNotExist:
        raise Http404 from None


def may_record_clearance_of(user: User, person_id: int) -> bool:
    return clearance_holders(user).filter(pk=person_id).exists()


# --- Validity and renewal in the database ----------------------------------------------


def last_end_due_on(day: datetime.date, lead: relativedelta) -> datetime.date:
    """The latest end of validity whose renewal window is open on ``day``.

    Subtracting months is not invertible at the end of a month (30 September less 7
    months is 29 February, and so is 29 September less 7 months), so the bound is
    found by stepping from the naive guess until the model's own rule agrees.
    """
    end = day + lead
    while end + datetime.timedelta(days=1) - lead <= day:
        end += datetime.timedelta(days=1)
    while end - lead > day:
        end -= datetime.timedelta(days=1)
    return end


def due_for_renewal(day: datetime.date, prefix: str = "") -> Q:
    """The clearances (reached through ``prefix``) valid on ``day`` and due for renewal.

    The same rule as ``Clearance.is_due_for_renewal_on``, in the database.
    """
    top_secret = Q(**{f"{prefix}level": Classification.ZEER_GEHEIM})
    window = (
        top_secret
        & Q(**{f"{prefix}valid_until__lte": last_end_due_on(day, RENEWAL_LEAD_ZEER_GEHEIM)})
    ) | (~top_secret & Q(**{f"{prefix}valid_until__lte": last_end_due_on(day, RENEWAL_LEAD)}))
    return valid_on(day, prefix) & window


def renewal_under_way() -> Exists:
    """For the clearance at ``OuterRef("pk")``: a renewal filed for it, in progress or granted."""
    return Exists(
        Clearance.objects.filter(
            renews=OuterRef("pk"), status__in=[*IN_PROGRESS, Clearance.Status.GRANTED]
        )
    )


def renewal_under_way_id() -> Subquery:
    """``renewal_under_way`` for a list: the id of such a renewal, or None.

    A scalar subquery is asked per row shown, down the index on ``renews``; the ``EXISTS``
    was hashed over every clearance, the planner expecting the whole list to be read.
    """
    renewals = Clearance.objects.filter(
        renews=OuterRef("pk"), status__in=[*IN_PROGRESS, Clearance.Status.GRANTED]
    )
    return Subquery(renewals.order_by().values("pk")[:1])


def pending_renewal(clearance: Clearance) -> Clearance | None:
    """The renewal filed for the clearance that is in progress or granted, if any."""
    return (
        clearance.renewals.filter(status__in=[*IN_PROGRESS, Clearance.Status.GRANTED])
        .order_by("-requested_on", "-pk")
        .first()
    )


def expired_on(day: datetime.date) -> Q:
    """Clearances recorded as expired, or granted and past their end."""
    return Q(status=Clearance.Status.EXPIRED) | Q(
        status=Clearance.Status.GRANTED, valid_until__lt=day
    )


# --- Coverage ---------------------------------------------------------------------------


def appointments_active_on(day: datetime.date) -> Q:
    return active_on(day, start="starts_on")


def coverage_organisations(user: User) -> QuerySet[Organisation]:
    organisations = Organisation.objects.filter(is_active=True, handles_classified=True)
    if user.is_authenticated and (user.is_liaison_officer or user.is_cabinet_staff):
        return organisations
    if user.is_authenticated and user.is_security_officer:
        return organisations.filter(pk=user.organisation_id)
    return organisations.none()


def counted_coverage(
    day: datetime.date, organisations: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    """Count the coverage figures of ``organisations`` (all of them by default) on ``day``.

    Annotated with ``officer_count``, ``cleared_count`` (people with a valid clearance),
    ``renewal_count`` (people with a clearance due for renewal) and ``uncleared_officer``
    (an active officer without a valid clearance): one ``GROUP BY`` over the organisations
    joined with their people, clearances and officers. The only place these figures are
    counted; they are stored per organisation (``CoverageFigures``) and read from there.
    """
    officers = SecurityOfficerAppointment.objects.filter(
        appointments_active_on(day),
        organisation=OuterRef("pk"),
        function=SecurityOfficerAppointment.Function.OFFICER,
    )
    appointment = "security_officer_appointments__"
    officer = Q(**{f"{appointment}function": SecurityOfficerAppointment.Function.OFFICER})
    organisations = Organisation.objects.all() if organisations is None else organisations
    return organisations.annotate(
        officer_count=Count(
            "security_officer_appointments",
            filter=officer & active_on(day, start="starts_on", prefix=appointment),
            distinct=True,
        ),
        cleared_count=Count("people", filter=valid_on(day, "people__clearances__"), distinct=True),
        renewal_count=Count(
            "people", filter=due_for_renewal(day, "people__clearances__"), distinct=True
        ),
        uncleared_officer=Exists(
            with_holder_level(officers, day).filter(holder_level__isnull=True)
        ),
    ).order_by()


def coverage_counted_for(day: datetime.date, organisations: QuerySet[Organisation]) -> bool:
    """Whether each of the organisations has its figures stored for ``day``."""
    return not organisations.exclude(coverage_figures__day=day).exists()


def coverage(user: User, day: datetime.date | None = None) -> QuerySet[Organisation]:
    """Each organisation that handles classified information, with its coverage figures.

    Annotated, from its stored ``CoverageFigures``, with ``officer_count``,
    ``cleared_count``, ``renewal_count``, ``uncleared_officer``, and the flags
    ``no_officer`` and ``too_many_officers``: the figures sort and page in the database.
    Figures of another day (a clearance lapses at midnight) or missing are counted
    again here, once, and stored. Except for cabinet staff, who see counts only,
    ``active_appointments`` holds the active officers and assistants, each with
    ``holder_level``.
    """
    day = day or timezone.localdate()
    organisations = coverage_organisations(user)
    if not coverage_counted_for(day, organisations):
        # The one write a read makes: services call selectors, not the reverse.
        from clearances.services import coverage_figures_refresh

        coverage_figures_refresh(day=day, unless_counted=True)
    figures = "coverage_figures__"
    organisations = organisations.annotate(
        officer_count=F(f"{figures}officer_count"),
        cleared_count=F(f"{figures}cleared_count"),
        renewal_count=F(f"{figures}renewal_count"),
        uncleared_officer=F(f"{figures}uncleared_officer"),
        counted_at=F(f"{figures}counted_at"),
    ).annotate(
        no_officer=flag(Q(officer_count=0)),
        too_many_officers=flag(Q(officer_count__gt=RECOMMENDED_MAX_OFFICERS)),
    )
    if sees_register(user):
        organisations = organisations.prefetch_related(
            Prefetch(
                "security_officer_appointments",
                queryset=with_holder_level(
                    SecurityOfficerAppointment.objects.filter(appointments_active_on(day)), day
                )
                .select_related("person")
                # "officer" after "assistant" in the alphabet: officers first.
                .order_by("-function", "person__last_name", "person__first_name"),
                to_attr="active_appointments",
            )
        )
    return organisations.order_by("name")


def with_holder_level(
    appointments: QuerySet[SecurityOfficerAppointment], day: datetime.date | None = None
) -> QuerySet[SecurityOfficerAppointment]:
    """Appointments with ``holder_level``: the holder's valid clearance level, or None."""
    return appointments.annotate(holder_level=valid_clearance_level_expression("person", day))


def flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())
