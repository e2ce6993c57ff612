from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_end_all_sessions
from dashboards import cabinet
from dashboards import figures as dashboards

HOME_TEMPLATES = {
    Role.LIAISON_OFFICER: "dashboards/home_liaison_officer.html",
    Role.SECURITY_OFFICER: "dashboards/home_security_officer.html",
    Role.CABINET_STAFF: "dashboards/home_cabinet_staff.html",
    Role.ADMINISTRATOR: "dashboards/home_administrator.html",
}


def home_context(user: User) -> dict[str, object]:
    if user.role == Role.LIAISON_OFFICER:
        return dashboards.officer_dashboard(user)
    if user.role == Role.SECURITY_OFFICER:
        return dashboards.security_officer_dashboard(user)
    if user.role == Role.CABINET_STAFF:
        return cabinet.cabinet_dashboard(user)
    return {}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    template = HOME_TEMPLATES.get(request.user.role, "dashboards/home_without_role.html")
    return render(request, template, home_context(request.user))


@login_not_required
@require_POST
def choose_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, remembered on the profile so e-mails follow the choice."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(
        request.user._meta.get_field("language").choices
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End all of the user's sessions, this one included."""
    user_end_all_sessions(user=request.user)
    logout(request)
    messages.success(request, _("You are logged out on every device."))
    return redirect("login")


def admin_shortcut_disabled(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """The admin's "view on site" redirect told whether an object existed: not offered."""
    raise Http404
