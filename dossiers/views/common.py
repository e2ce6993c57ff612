"""How dossier views fetch a dossier and account for opening it."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from dossiers.access import can_edit, get_dossier_for_user
from dossiers.models import Dossier
from dossiers.services import access_purpose_log

SESSION_PURPOSES = "dossier_access_purposes"


def get_dossier_to_read(request: HttpRequest, pk: int) -> Dossier:
    return get_dossier_for_user(request.user, pk)


def require_editor(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied


def get_dossier_to_write(request: HttpRequest, pk: int) -> Dossier:
    """404 when the user may not see it, 403 when he may see but not change it."""
    dossier = get_dossier_for_user(request.user, pk)
    require_editor(request)
    return dossier


def session_purpose(request: HttpRequest, dossier: Dossier) -> dict | None:
    return request.session.get(SESSION_PURPOSES, {}).get(str(dossier.pk))


def remember_purpose(request: HttpRequest, dossier: Dossier, purpose: str, detail: str) -> None:
    purposes = request.session.get(SESSION_PURPOSES, {})
    purposes[str(dossier.pk)] = {"purpose": purpose, "detail": detail}
    request.session[SESSION_PURPOSES] = purposes


def account_for_opening(request: HttpRequest, dossier: Dossier) -> HttpResponseRedirect | None:
    """Log the opening of a dossier that needs a purpose; ask the purpose first if unknown.

    Returns a redirect to the purpose form when the user has not given one in this
    session, and None when the view may go on.
    """
    if not dossier.needs_access_purpose:
        return None
    purpose = session_purpose(request, dossier)
    if purpose is None:
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('dossiers:purpose', args=[dossier.pk])}?{query}")
    access_purpose_log(dossier=dossier, user=request.user, **purpose)
    return None
