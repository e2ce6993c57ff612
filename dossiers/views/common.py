"""The read gate: how dossier views fetch a dossier and account for opening it.

Every view that renders anything of a dossier (page, htmx partial, invalid-form
re-render, export, attachment, history, grants) is decorated with
:func:`dossier_view`, so that none repeats the sequence: fetch the dossier or 404,
ask the purpose when it is classified or for need-to-know only, and log the opening
(rule 9). Kept committee reports with a classified ceiling pass the same gate
through :func:`classified_read`.
"""

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from dossiers.access import can_edit, get_dossier_for_user, visible_reports
from dossiers.forms import AccessPurposeForm
from dossiers.models import CommitteeReport
from dossiers.services import access_log

SESSION_PURPOSES = "dossier_access_purposes"

DossierView = Callable[..., HttpResponse]


def require_editor(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied


def purpose_key(item: models.Model) -> str:
    return f"{item._meta.label_lower}:{item.pk}"


def session_purpose(request: HttpRequest, item: models.Model) -> dict | None:
    return request.session.get(SESSION_PURPOSES, {}).get(purpose_key(item))


def remember_purpose(request: HttpRequest, item: models.Model, purpose: str, detail: str) -> None:
    purposes = request.session.get(SESSION_PURPOSES, {})
    purposes[purpose_key(item)] = {"purpose": purpose, "detail": detail}
    request.session[SESSION_PURPOSES] = purposes


def safe_next(request: HttpRequest, fallback: str) -> str:
    """Where to go after the purpose is given: only a path of this site."""
    next_url = request.POST.get("next") or request.GET.get("next") or fallback
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return fallback
    return next_url


def purpose_required(request: HttpRequest, purpose_url: str, back_to: str) -> HttpResponse:
    """An answer that shows nothing of the item and sends the reader to the purpose form.

    A full page is redirected; an htmx request, which would swap a redirect's target
    into the page, is told to go there itself (``HX-Redirect``). After the purpose,
    a page comes back to itself; a part, or a form sent from a page opened in another
    session, to ``back_to``, the item's page.
    """
    comes_back = request.method == "GET" and not request.htmx
    next_url = request.get_full_path() if comes_back else back_to
    location = f"{purpose_url}?{urlencode({'next': next_url})}"
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = location
        return response
    return HttpResponseRedirect(location, status=303 if request.method == "POST" else 302)


def purpose_page(
    request: HttpRequest, item: models.Model, *, label: str, cancel_url: str, **context: object
) -> HttpResponse:
    """The form that asks why the user opens the item; shows its label and marking only."""
    next_url = safe_next(request, item.get_absolute_url())
    form = AccessPurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        remember_purpose(request, item, form.cleaned_data["purpose"], form.cleaned_data["detail"])
        return redirect(next_url)
    context.update({"label": label, "form": form, "next": next_url, "cancel_url": cancel_url})
    return render(request, "dossiers/dossier_purpose.html", context)


def is_redirect(response: HttpResponse) -> bool:
    return 300 <= response.status_code < 400


def classified_read(
    request: HttpRequest,
    item: models.Model,
    *,
    purpose_url: str,
    back_to: str,
    render: Callable[[], HttpResponse],
    opening: bool = True,
) -> HttpResponse:
    """Render ``item`` only after its purpose is known, and log every answer that shows it.

    A redirect after a change shows nothing, so it is not an opening: the page it
    leads to is. Nor is an answer that shows nothing of the item (``opening=False``:
    the people a picker may offer), or it would be logged at each keystroke.
    """
    purpose = session_purpose(request, item)
    if purpose is None:
        return purpose_required(request, purpose_url, back_to)
    response = render()
    if opening and not is_redirect(response):
        access_log(item=item, user=request.user, **purpose)
    return response


def gate(
    request: HttpRequest,
    item: models.Model,
    *,
    purpose_url_name: str,
    back_to: str,
    render: Callable[[], HttpResponse],
    opening: bool = True,
) -> HttpResponse:
    """``render()`` at once for an open item; for one that needs it, after the purpose."""
    if not item.needs_access_purpose:
        return render()
    return classified_read(
        request,
        item,
        purpose_url=reverse(purpose_url_name, args=[item.pk]),
        back_to=back_to,
        render=render,
        opening=opening,
    )


def item_view(
    *,
    fetch: Callable[[object, int], models.Model],
    purpose_url_name: str,
    write: Callable[[object], bool] | None = None,
    marked_by: Callable[[models.Model], models.Model] | None = None,
    opening: bool = True,
) -> Callable[[DossierView], DossierView]:
    """The read gate of a view of one item, which then receives the item instead of its pk.

    ``fetch(user, pk)`` returns the item or raises 404 when the user may not see it;
    ``write``, on a view that changes it, says whether the user may (403 otherwise);
    then, for an item that needs it (``needs_access_purpose``), the purpose. An item
    whose marking is another's (a body's, its dossier's) names it with ``marked_by``:
    the purpose is asked and logged for that one. A view that shows nothing of the item
    (``opening=False``) still needs the purpose but is not logged as an opening.
    """

    def decorator(view: DossierView) -> DossierView:
        @functools.wraps(view)
        def gated(request: HttpRequest, pk: int, *args: object, **kwargs: object) -> HttpResponse:
            item = fetch(request.user, pk)
            if write is not None and not write(request.user):
                raise PermissionDenied
            return gate(
                request,
                marked_by(item) if marked_by else item,
                purpose_url_name=purpose_url_name,
                back_to=item.get_absolute_url(),
                render=lambda: view(request, item, *args, **kwargs),
                opening=opening,
            )

        return gated

    return decorator


def dossier_view(
    *, write: bool = False, opening: bool = True
) -> Callable[[DossierView], DossierView]:
    """The read gate of a dossier view: 404 when the user may not see the dossier, 403 on
    a ``write`` view when he may see but not change it; then, if needed, the purpose
    (logged as an opening unless ``opening=False``: see ``item_view``)."""
    return item_view(
        fetch=get_dossier_for_user,
        purpose_url_name="dossiers:purpose",
        write=can_edit if write else None,
        opening=opening,
    )


def visible_report(user: object, pk: int) -> CommitteeReport:
    return get_object_or_404(visible_reports(user), pk=pk)


# The read gate of a committee report, which the view then receives; the state of its
# files, polled while the worker makes them, needs the purpose but is not an opening.
report_view = item_view(fetch=visible_report, purpose_url_name="dossiers:report_purpose")
report_state_view = item_view(
    fetch=visible_report, purpose_url_name="dossiers:report_purpose", opening=False
)
