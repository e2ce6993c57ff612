"""The autocomplete behind the pickers: only people and organisations the form may offer."""

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from accounts import permissions
from accounts.permissions import only_for
from accounts.pickers import people_response
from directory.pickers import organisations_response
from dossiers.models import Dossier
from dossiers.pickers import ORGANISATION_PICKERS, PEOPLE_PICKERS, possible_owners
from dossiers.views.common import dossier_view


@require_GET
@dossier_view(write=True, opening=False)
def people(request: HttpRequest, dossier: Dossier) -> JsonResponse:
    """People matching ``q`` for the picker named by ``for`` on this dossier's forms."""
    offered = PEOPLE_PICKERS.get(request.GET.get("for", ""))
    if offered is None:
        raise Http404
    return people_response(request, offered(dossier))


@require_GET
@only_for(permissions.is_liaison_officer)
def owner_choices(request: HttpRequest) -> JsonResponse:
    """Possible owners of a dossier being created."""
    return people_response(request, possible_owners())


@require_GET
@only_for(permissions.is_liaison_officer)
def organisations(request: HttpRequest) -> JsonResponse:
    """Organisations matching ``q`` for the picker named by ``for`` on the dossier forms."""
    offered = ORGANISATION_PICKERS.get(request.GET.get("for", ""))
    if offered is None:
        raise Http404
    return organisations_response(request, offered())
