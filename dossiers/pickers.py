"""Who and what a dossier form may offer in its pickers: the same list for the plain
select (no JavaScript) and for the autocomplete that filters it as the user types."""

from collections.abc import Callable

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from accounts.models import User
from accounts.pickers import with_picker_details
from accounts.roles import Role, role_expression
from directory.models import Organisation
from directory.pickers import in_label_order
from dossiers.access import dossier_readers
from dossiers.models import Dossier


def possible_owners(dossier: Dossier | None = None) -> QuerySet[User]:
    """Liaison officers; of an existing dossier, those who may open it now (the form
    checks again against the classification it will have)."""
    officers = User.objects.filter(is_active=True, groups__name=Role.LIAISON_OFFICER)
    if dossier is not None and dossier.pk is not None:
        officers = officers.filter(pk__in=dossier_readers(dossier).values("pk"))
    return with_picker_details(officers)


def assignable_people(dossier: Dossier) -> QuerySet[User]:
    """Only people who may open the dossier: the reminders name it to the assignee."""
    return with_picker_details(dossier_readers(dossier))


def grantable_people(dossier: Dossier | None = None) -> QuerySet[User]:
    """Whoever a grant can give access to: liaison and security officers (cabinet staff
    read only what is open to all, whatever they are granted)."""
    users = (
        User.objects.filter(is_active=True)
        .annotate(portal_role=role_expression())
        .filter(portal_role__in=[Role.LIAISON_OFFICER, Role.SECURITY_OFFICER])
    )
    return with_picker_details(users)


# The pickers of a dossier's forms, by the name the autocomplete is asked for.
PEOPLE_PICKERS: dict[str, Callable[[Dossier], QuerySet[User]]] = {
    "owner": possible_owners,
    "assignee": assignable_people,
    "grantee": grantable_people,
}


def people_url(dossier: Dossier | None, picker: str) -> str:
    if dossier is None or dossier.pk is None:
        return reverse("dossiers:owner_choices")
    return f"{reverse('dossiers:people', args=[dossier.pk])}?{urlencode({'for': picker})}"


def any_organisations() -> QuerySet[Organisation]:
    """Where a timeline entry or an opinion comes from: any organisation, even one since
    closed (the record is of the past)."""
    return in_label_order(Organisation.objects.all())


def active_organisations() -> QuerySet[Organisation]:
    """With whom a dossier can be shared now."""
    return in_label_order(Organisation.objects.filter(is_active=True))


# The organisation pickers of a dossier's forms, by the name the autocomplete is asked for.
ORGANISATION_PICKERS: dict[str, Callable[[], QuerySet[Organisation]]] = {
    "any": any_organisations,
    "active": active_organisations,
}


def organisations_url(picker: str) -> str:
    return f"{reverse('dossiers:organisations')}?{urlencode({'for': picker})}"
