"""Which parts of the portal each role may use: the one place views, filters, the audit
page and the navigation ask. What a user may see *of* a dossier or a clearance is the
access rule of those apps (``dossiers.access``, ``clearances.selectors``), not this.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse

from accounts.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def has_role(user: User | AnonymousUser, *roles: Role) -> bool:
    return user.is_authenticated and user.role in roles


def is_liaison_officer(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.LIAISON_OFFICER)


def is_security_officer(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.SECURITY_OFFICER)


def is_cabinet_staff(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.CABINET_STAFF)


def sees_dossiers(user: User | AnonymousUser) -> bool:
    """The dossier lists and workstreams (each dossier still asks the access rule)."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER, Role.CABINET_STAFF)


def sees_clearance_register(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER)


def sees_coverage(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER, Role.CABINET_STAFF)


def sees_organisations(user: User | AnonymousUser) -> bool:
    """The directory of organisations: names, kinds, domains; no personal data."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER, Role.CABINET_STAFF)


def sees_contacts(user: User | AnonymousUser) -> bool:
    """The people of the directory: names, functions and organisations."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER)


def sees_contact_details_of_all(user: User | AnonymousUser) -> bool:
    """E-mail and phone of every contact; a security officer sees his organisation's only."""
    return is_liaison_officer(user)


def sees_bodies(user: User | AnonymousUser) -> bool:
    """Consultation bodies and their meetings (each still asks the dossiers' access rule)."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER)


def counts_bodies(user: User | AnonymousUser) -> bool:
    """How many bodies and meetings there are, without naming any: cabinet staff."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER, Role.CABINET_STAFF)


def edits_network(user: User | AnonymousUser) -> bool:
    """Organisations, contacts, bodies and meetings are written by the liaison officer."""
    return is_liaison_officer(user)


def ticks_off_own_tasks(user: User | AnonymousUser) -> bool:
    """Tasks assigned to the user, on dossiers he may read, can be marked done by him."""
    return has_role(user, Role.LIAISON_OFFICER, Role.SECURITY_OFFICER)


def writes_committee_reports(user: User | AnonymousUser) -> bool:
    return is_liaison_officer(user)


def reviews_declassification(user: User | AnonymousUser) -> bool:
    """The worklist of declassification reviews (each dossier still asks the access rule)."""
    return is_liaison_officer(user)


def sees_audit_trail(user: User | AnonymousUser) -> bool:
    return is_liaison_officer(user)


def navigation(user: User | AnonymousUser) -> dict[str, bool]:
    """What the menu offers; each page checks again on its own."""
    return {
        "dossiers": sees_dossiers(user),
        "clearances": sees_clearance_register(user),
        "coverage": sees_coverage(user),
        "organisations": sees_organisations(user),
        "contacts": sees_contacts(user),
        "bodies": counts_bodies(user),
        "edits_network": edits_network(user),
        "reports": writes_committee_reports(user),
        "audit": sees_audit_trail(user),
    }


View = Callable[..., HttpResponse]


def only_for(allowed: Callable[[User], bool]) -> Callable[[View], View]:
    """404 for users the page is not for: denied looks like absent."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not allowed(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
