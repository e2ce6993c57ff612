"""Every page a role can open has a <title> of its own and exactly one <h1>.

The pages are found by walking the URL resolver, so a new page is checked without
being listed here; the ids come from one object of each kind.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clearances.models import SecurityOfficerAppointment
from tests.factories import appoint, hang_parts, keep_report, make_clearance, make_dossier

pytestmark = pytest.mark.django_db
NAMESPACES = {None, "dossiers", "clearances", "network"}
# Not pages: downloads, feeds, log-in and health endpoints, the admin and two-factor.
NOT_PAGES = {"login", "logout", "healthz", "healthz_worker", "calendar_feed", "set_language"}
ROLES = ["officer", "vo_onderwijs", "cabinet"]
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page_names() -> list[tuple[str, list[str]]]:
    """(name, its arguments) of every named portal URL."""
    found = []

    def walk(patterns: list, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in NAMESPACES or pattern.namespace is None:
                    walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace in NAMESPACES:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if pattern.name not in NOT_PAGES and "export" not in pattern.name:
                    found.append((name, list(pattern.pattern.converters)))

    walk(get_resolver().url_patterns, None)
    return found


@pytest.fixture
def objects(officer, vo_onderwijs, onderwijs) -> dict[str, int]:
    """One of each: an open dossier with its parts, a clearance, an appointment, a report."""
    parts = hang_parts(make_dossier(officer, title="Netwerkdag"))
    appoint(vo_onderwijs)
    clearance = make_clearance(vo_onderwijs.person)
    appointment = SecurityOfficerAppointment.objects.get(person=vo_onderwijs.person)
    return {
        "dossiers": parts,
        "dossiers:report_detail": {"pk": keep_report(officer).pk},
        "clearances": {"pk": clearance.pk},
        "clearances:person_detail": {"pk": clearance.person_id},
        "clearances:person_update": {"pk": clearance.person_id},
        "clearances:appointment_update": {"pk": appointment.pk},
        "network:organisation_detail": {"pk": onderwijs.pk},
        "network:contact_detail": {"pk": clearance.person_id},
    }


def url_of(name: str, arguments: list[str], objects: dict) -> str | None:
    if not arguments:
        return reverse(name)
    values = objects.get(name) or objects.get(name.partition(":")[0])
    if values is None or not set(arguments) <= set(values):
        return None
    return reverse(name, kwargs={argument: values[argument] for argument in arguments})


@pytest.mark.parametrize("role", ROLES)
def test_every_page_has_a_title_of_its_own_and_one_h1(request, role, objects):
    client = request.getfixturevalue(f"{role}_client")
    titles: dict[str, str] = {}
    for name, arguments in page_names():
        url = url_of(name, arguments, objects)
        if url is None:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        page = response.content.decode()
        if "<html" not in page:  # an htmx part, not a page
            continue
        assert page.count("<h1") == 1, f"{name}: {page.count('<h1')} <h1>"
        titles[url] = " ".join(TITLE.search(page).group(1).split())
    assert len(titles) >= 5, titles
    repeated = {title for title in titles.values() if list(titles.values()).count(title) > 1}
    assert not repeated, {url: title for url, title in titles.items() if title in repeated}
