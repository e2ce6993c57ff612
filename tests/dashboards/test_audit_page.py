import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from dossiers.forms.purpose import AccessPurpose
from dossiers.services import access_purpose_log
from tests.factories import make_dossier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fixture", ["vo_onderwijs_client", "cabinet_client", "uncleared_client"])
def test_audit_page_is_for_the_officer_only(request, fixture):
    client = request.getfixturevalue(fixture)
    assert client.get(reverse("audit")).status_code == 404
    assert client.get(reverse("audit_export")).status_code == 404


def test_audit_page_filters_by_user_object_action_and_period(officer, officer_client, vo_onderwijs):
    first = make_dossier(officer, title="Eerste")
    second = make_dossier(officer, title="Tweede")
    access_purpose_log(dossier=second, user=vo_onderwijs, purpose="briefing", detail="Commissie")
    page = officer_client.get(reverse("audit"), {"actor": vo_onderwijs.pk})
    entries = list(page.context["page"])
    assert [(e.object_repr, e.action) for e in entries] == [
        (second.reference, LogEntry.Action.ACCESS)
    ]
    page = officer_client.get(reverse("audit"), {"object": first.reference, "action": 0})
    assert {e.object_repr for e in page.context["page"]} == {first.reference}
    page = officer_client.get(reverse("audit"), {"since": "2000-01-01", "until": "2000-12-31"})
    assert list(page.context["page"]) == []
    page = officer_client.get(reverse("audit"), {"since": "not-a-date", "action": "99"})
    assert page.status_code == 200


def test_audit_export_is_csv_with_the_purpose(officer, officer_client, vo_onderwijs):
    dossier = make_dossier(officer, title="Derde")
    access_purpose_log(dossier=dossier, user=vo_onderwijs, purpose="briefing", detail="Commissie")
    response = officer_client.get(reverse("audit_export"), {"actor": vo_onderwijs.pk})
    content = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    with translation.override("nl"):  # the officer's language: the label, not the code
        assert f"{AccessPurpose.BRIEFING.label} — Commissie" in content
    assert dossier.reference in content
    assert "Derde" not in content


def test_audit_and_clearance_exports_as_excel(officer, officer_client):
    import io

    from openpyxl import load_workbook

    make_dossier(officer, title="Vierde")
    for url in (reverse("audit_export"), reverse("clearances:export")):
        response = officer_client.get(url, {"format": "xlsx"})
        assert response["Content-Disposition"].endswith('.xlsx"'), url
        header = next(load_workbook(io.BytesIO(response.content)).active.values)
        assert len(header) >= 7


def test_audit_page_sorts_by_time_and_by_action(officer, officer_client, vo_onderwijs):
    dossier = make_dossier(officer, title="Vijfde")
    access_purpose_log(dossier=dossier, user=vo_onderwijs, purpose="briefing", detail="Commissie")
    oldest_first = list(officer_client.get(reverse("audit"), {"sort": "time"}).context["page"])
    times = [entry.timestamp for entry in oldest_first]
    assert times == sorted(times) and len(times) >= 2
    newest_first = list(officer_client.get(reverse("audit")).context["page"])
    assert [e.pk for e in newest_first] == [e.pk for e in reversed(oldest_first)]
    by_action = officer_client.get(reverse("audit"), {"sort": "-action"}).context["page"]
    actions = [entry.action for entry in by_action]
    assert actions == sorted(actions, reverse=True)


def test_audit_page_costs_the_same_at_two_sizes(officer, officer_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import data_queries

    def page_queries(dossiers: int) -> int:
        for number in range(dossiers):
            make_dossier(officer, title=f"Audit {number}")
        with CaptureQueriesContext(connection) as queries:
            response = officer_client.get(reverse("audit"), {"sort": "-time", "per_page": 100})
            assert response.status_code == 200
        return data_queries(queries)

    small = page_queries(3)
    assert page_queries(60) == small


def actor_options(html: str) -> list[str]:
    import re

    select = re.search(r'<select[^>]*name="actor".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)"', select.group(0))


def test_the_user_filter_holds_only_the_chosen_user_whatever_their_number(
    officer, officer_client, kanselarij, vo_onderwijs
):
    from accounts.roles import Role
    from tests.factories import make_user

    def options(users: int, **query: object) -> list[str]:
        for number in range(users):
            make_user(f"user{users}-{number}", kanselarij, Role.SECURITY_OFFICER)
        return actor_options(officer_client.get(reverse("audit"), query).content.decode())

    assert options(2) == options(30) == [""]
    assert options(0, actor=vo_onderwijs.pk) == ["", str(vo_onderwijs.pk)]
    page = officer_client.get(reverse("audit"), {"action": 0}).content.decode()
    assert 'data-autocomplete-url="/audit/people/"' in page
    # Without JavaScript, a link lists every account and keeps the other filters.
    assert "?action=0&amp;choices=all" in page
    assert len(options(0, choices="all")) == 1 + User.objects.count()


def test_the_user_filter_finds_accounts_by_name_or_log_in_for_the_officer_only(
    request, officer, officer_client, vo_onderwijs
):
    vo_onderwijs.first_name, vo_onderwijs.last_name = "Sofie", "Janssens"
    vo_onderwijs.save()
    url = reverse("audit_people")
    found = officer_client.get(url, {"q": "vo-onderw"}).json()["results"]  # the log-in
    assert [row["value"] for row in found] == [vo_onderwijs.pk]
    assert vo_onderwijs.organisation.short_name in found[0]["text"]
    by_name = officer_client.get(url, {"q": "sofie jans"}).json()["results"]
    assert [row["value"] for row in by_name] == [vo_onderwijs.pk]
    for fixture in ("vo_onderwijs_client", "cabinet_client", "uncleared_client"):
        assert request.getfixturevalue(fixture).get(url, {"q": "o"}).status_code == 404
