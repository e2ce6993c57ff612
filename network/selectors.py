"""What the directory pages may show to whom: the one place for organisations and contacts.

Who may use which page is a role check (``accounts.permissions``); which dossiers,
clearances and appointments appear is the access rule of their own apps. Contact
details (e-mail, telephone) are personal data: the liaison officer sees them for
everybody, a security officer for the people of his own organisation only. The rule is
a database expression, so a list loads no detail it may not show.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from accounts import permissions
from accounts.models import User
from directory.models import Organisation, Person
from dossiers.access import visible_dossiers
from dossiers.models import Dossier, TimelineEntry

NOBODY = Q(pk__in=[])


def contact_details_condition(user: User) -> Q:
    """The people whose e-mail and telephone the user may see, as a condition."""
    if permissions.sees_contact_details_of_all(user):
        return Q(pk__isnull=False)
    if permissions.is_security_officer(user) and user.organisation_id is not None:
        return Q(organisation_id=user.organisation_id)
    return NOBODY


def last_contact_on(user: User, organisation_ref: str) -> Subquery:
    """The latest timeline entry from the organisation, in a dossier the user may see.

    Only visible dossiers count: the date of a hidden one would tell that it exists.
    """
    entries = (
        TimelineEntry.objects.filter(
            organisation=OuterRef(organisation_ref), dossier__in=visible_dossiers(user)
        )
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    return Subquery(entries)


def visible_organisations(user: User) -> QuerySet[Organisation]:
    if not permissions.sees_organisations(user):
        return Organisation.objects.none()
    return Organisation.objects.annotate(last_contact_on=last_contact_on(user, "pk"))


def visible_contacts(user: User) -> QuerySet[Person]:
    """The people the user may see, each with ``shows_details`` and the details he may see.

    ``visible_email`` and ``visible_phone`` are empty where the user may not see them;
    templates use those, never ``email`` or ``phone``.
    """
    if not permissions.sees_contacts(user):
        return Person.objects.none()
    details = contact_details_condition(user)
    return Person.objects.annotate(
        shows_details=Case(When(details, then=Value(True)), default=Value(False)),
        visible_email=Case(When(details, then=F("email")), default=Value("")),
        visible_phone=Case(When(details, then=F("phone")), default=Value("")),
        last_contact_on=last_contact_on(user, "organisation"),
    )


def may_see_contact_details(user: User, person: Person) -> bool:
    return visible_contacts(user).filter(pk=person.pk, shows_details=True).exists()


def name_search(text: str, *fields: str) -> Q:
    """Any of the fields contains the text, ignoring case (and accents on PostgreSQL)."""
    lookup = "unaccent__icontains" if connection.vendor == "postgresql" else "icontains"
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__{lookup}": text})
    return condition


def organisation_search(text: str) -> Q:
    return name_search(text, "name", "name_fr", "short_name", "short_name_fr")


def display_name_order(language: str | None) -> ExpressionWrapper:
    """Sort by the name the user reads: the French one for French, Dutch otherwise."""
    if language and language.startswith("fr"):
        name = Coalesce(NullIf(F("name_fr"), Value("")), F("name"))
    else:
        name = F("name")
    return ExpressionWrapper(name, output_field=CharField())


def dossiers_about(user: User, organisation: Organisation) -> QuerySet[Dossier]:
    """The dossiers the user may see with the organisation as partner or in the timeline."""
    partnered = Dossier.partners.through.objects.filter(organisation=organisation)
    mentioned = TimelineEntry.objects.filter(organisation=organisation)
    return visible_dossiers(user).filter(
        Q(pk__in=partnered.values("dossier")) | Q(pk__in=mentioned.values("dossier"))
    )
