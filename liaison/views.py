from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from liaison.roles import Role

HOME_TEMPLATES = {
    Role.LIAISON_OFFICER: "liaison/home_liaison_officer.html",
    Role.SECURITY_OFFICER: "liaison/home_security_officer.html",
    Role.CABINET_STAFF: "liaison/home_cabinet_staff.html",
    Role.ADMINISTRATOR: "liaison/home_administrator.html",
}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    template = HOME_TEMPLATES.get(request.user.role, "liaison/home_without_role.html")
    return render(request, template)
