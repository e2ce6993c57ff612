"""A period of thousands of dossiers: the preview and the draft's page show the first
few of each section, count the rest in the database, and page the draft's rows."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from common.lists import CappedCount
from directory.classification import Classification
from dossiers import services
from dossiers.models import CommitteeReport, Dossier
from dossiers.report import build_draft_report, reordered
from dossiers.workstreams import Workstream
from tests.factories import client_for, give_clearance, keep_report, make_dossier

pytestmark = pytest.mark.django_db

COMMITTEE = {
    "committee_date": "2022-09-27",
    "period_start": "2022-01-01",
    "period_end": "2022-09-27",
}
READING = {"purpose": "briefing", "detail": "commissie"}
MARCH = datetime.date(2022, 3, 1)
SHOWN = 5
SECTION = Workstream.INFORMATION_POSITION.value


@pytest.fixture(autouse=True)
def five_per_section(settings) -> None:
    settings.REPORT_PREVIEW_ITEMS = SHOWN


def make_dossiers(
    officer, first: int, last: int, level: Classification = Classification.BEPERKT
) -> list[Dossier]:
    """Dossiers of the period, one a day, each with an open task."""
    dossiers = []
    for number in range(first, last):
        dossier = make_dossier(
            officer,
            level,
            title=f"Punt-{number:02d}",
            opened_on=MARCH + datetime.timedelta(days=number),
        )
        services.task_add(dossier=dossier, created_by=officer, title=f"Taak-{number:02d}")
        dossiers.append(dossier)
    return dossiers


def read(dossiers: list[Dossier]) -> list[str]:
    """The titles of the dossiers logged as read."""
    return [
        dossier.title
        for dossier in dossiers
        if LogEntry.objects.get_for_object(dossier).filter(action=LogEntry.Action.ACCESS).exists()
    ]


def titles(count: int, first: int = 0) -> list[str]:
    return [f"Punt-{number:02d}" for number in range(first, first + count)]


def test_the_preview_shows_the_first_of_each_section_and_counts_the_rest(officer, officer_client):
    give_clearance(officer, Classification.VERTROUWELIJK)
    dossiers = make_dossiers(officer, 0, 3)
    url = reverse("dossiers:reports")
    query = {**COMMITTEE, "ceiling": Classification.BEPERKT, **READING}
    officer_client.get(url, query)  # the content types are cached by the first
    with CaptureQueriesContext(connection) as few:
        response = officer_client.get(url, query)
    assert response.context["report"].sections[0].more == 0
    assert read(dossiers) == titles(3)
    LogEntry.objects.filter(action=LogEntry.Action.ACCESS).delete()
    dossiers += make_dossiers(officer, 3, 40)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(url, query)
    assert len(many) == len(few)
    report = response.context["report"]
    assert [item.title for item in report.sections[0].items] == titles(SHOWN)
    assert report.sections[0].more == 40 - SHOWN
    html = response.content.decode()
    assert f'data-more="{40 - SHOWN}"' in html
    assert "Punt-04" in html and "Punt-05" not in html and "Taak-05" not in html
    # exactly the dossiers shown are logged as read, not those only counted
    assert read(dossiers) == titles(SHOWN)


def more_label(html: str) -> str:
    """The count of the section's paragraph "and N more", as shown."""
    paragraph = re.search(rf'data-testid="more-{SECTION}"[^>]*>([^<]*)<', html)
    return re.search(r"\d[\d.]*\+?", paragraph.group(1)).group(0) if paragraph else ""


def left_out_label(html: str) -> str:
    paragraph = re.search(r'data-testid="left-out">([^<]*)<', html)
    return re.search(r"\d[\d.]*\+?", paragraph.group(1)).group(0)


def test_counts_past_the_cap_say_so_and_the_kept_version_counts_them_all(
    officer, officer_client, settings, media, django_capture_on_commit_callbacks
):
    settings.REPORT_PREVIEW_COUNT_CAP = 3
    give_clearance(officer, Classification.VERTROUWELIJK)
    # the period's dossiers come in three parts, each counted: opened before the period
    # with activity in it, opened in it, opened after it with a back-dated entry in it
    before = make_dossier(officer, title="Voorloper", opened_on=datetime.date(2021, 6, 1))
    after = make_dossier(officer, title="Nakomer", opened_on=datetime.date(2022, 10, 3))
    for dossier in (before, after):
        services.timeline_entry_add(dossier=dossier, author=officer, occurred_on=MARCH, text="x")
    make_dossier(officer, title="Stilstaand", opened_on=datetime.date(2021, 6, 1))  # not of it
    make_dossiers(officer, 0, 6, Classification.NIET_GECLASSIFICEERD)
    make_dossiers(officer, 50, 52)  # above the ceiling, without releasable wording
    url = reverse("dossiers:reports")
    query = {**COMMITTEE, "ceiling": Classification.NIET_GECLASSIFICEERD}
    officer_client.get(url, query)  # the content types are cached by the first
    with CaptureQueriesContext(connection) as few:
        response = officer_client.get(url, query)
    report = response.context["report"]
    assert report.sections[0].more == 8 - SHOWN and not report.sections[0].more.capped
    assert not report.left_out_count.capped
    html = response.content.decode()
    assert (more_label(html), left_out_label(html)) == ("3", "2")
    make_dossiers(officer, 6, 40, Classification.NIET_GECLASSIFICEERD)
    make_dossiers(officer, 52, 56)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(url, query)
    assert len(many) == len(few)
    report = response.context["report"]
    assert report.sections[0].more == 3 and report.sections[0].more.capped
    assert report.left_out_count == 3 and report.left_out_count.capped
    html = response.content.decode()
    assert (more_label(html), left_out_label(html)) == ("3+", "3+")
    with translation.override("nl"):  # a larger cap shows with the Dutch grouping
        assert CappedCount(1001, 1000).label == "1.000+"
    # the kept version, written by the worker, holds and counts every dossier
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    with django_capture_on_commit_callbacks(execute=True):
        services.committee_report_keep(draft=draft, user=officer)
    kept = CommitteeReport.objects.get(pk=draft.pk)
    assert (kept.dossier_count, kept.left_out_count) == (42, 6)
    assert "Voorloper" in kept.content and "Nakomer" in kept.content and "Punt-39" in kept.content
    assert "Stilstaand" not in kept.content and "Punt-55" not in kept.content


def test_a_section_the_officer_arranged_shows_his_order_then_the_newcomers_by_date(
    officer, officer_client
):
    dossiers = make_dossiers(officer, 0, 3, Classification.NIET_GECLASSIFICEERD)
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    draft.order = {SECTION: [dossiers[2].pk, dossiers[0].pk]}
    draft.save()
    with CaptureQueriesContext(connection) as few:
        officer_client.get(draft.get_absolute_url())
    dossiers += make_dossiers(officer, 3, 12, Classification.NIET_GECLASSIFICEERD)
    with CaptureQueriesContext(connection) as many:
        report = officer_client.get(draft.get_absolute_url()).context["report"]
    assert len(many) == len(few)
    expected = ["Punt-02", "Punt-00", "Punt-01", "Punt-03", "Punt-04"]
    assert [item.title for item in report.sections[0].items] == expected
    assert report.sections[0].more == 12 - SHOWN
    # placed past the page: only his first ones, none of those not placed
    draft.order = {SECTION: [dossier.pk for dossier in reversed(dossiers)]}
    draft.save()
    report = officer_client.get(draft.get_absolute_url()).context["report"]
    assert [item.title for item in report.sections[0].items] == titles(SHOWN, 7)[::-1]


def test_the_first_of_a_section_come_from_every_part_of_the_period_in_order(
    officer, officer_client
):
    """Opened before the period with activity in it, opened in it, opened after it with
    a back-dated entry: read part by part, shown and paged by date or as placed."""
    before = make_dossier(officer, title="Voorloper", opened_on=datetime.date(2021, 6, 1))
    after = make_dossier(officer, title="Nakomer", opened_on=datetime.date(2022, 10, 3))
    for dossier in (before, after):
        services.timeline_entry_add(dossier=dossier, author=officer, occurred_on=MARCH, text="x")
    make_dossier(officer, title="Stilstaand", opened_on=datetime.date(2021, 5, 1))  # not of it
    dossiers = make_dossiers(officer, 0, 5, Classification.NIET_GECLASSIFICEERD)
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    report = officer_client.get(draft.get_absolute_url()).context["report"]
    expected = ["Voorloper", *titles(4)]
    assert [item.title for item in report.sections[0].items] == expected
    assert report.sections[0].more == 2
    # placed first: the newcomer; left out: the second, shown after those included
    draft.order = {SECTION: [after.pk, dossiers[3].pk]}
    draft.left_out_ids = [dossiers[1].pk]
    draft.save()
    response = officer_client.get(draft.get_absolute_url())
    expected = ["Nakomer", "Punt-03", "Voorloper", "Punt-00", "Punt-02"]
    assert [item.title for item in response.context["report"].sections[0].items] == expected
    # the page takes them from its rows; read again by the report alone, the same
    rebuilt = build_draft_report(draft, officer, limit=SHOWN)
    assert [item.title for item in rebuilt.sections[0].items] == expected
    order = [after, dossiers[3], before, dossiers[0], dossiers[2], dossiers[4], dossiers[1]]
    assert row_ids(response) == [dossier.pk for dossier in order[:SHOWN]]
    rows = officer_client.get(rows_url(draft, section=SECTION, page=2)).content.decode()
    assert re.findall(r'name="position_(\d+)"', rows) == [str(d.pk) for d in order[SHOWN:]]


def test_rows_left_out_on_the_first_page_are_not_in_the_report(officer, officer_client):
    dossiers = make_dossiers(officer, 0, 7, Classification.NIET_GECLASSIFICEERD)
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    draft.left_out_ids = [dossiers[0].pk, dossiers[2].pk, dossiers[3].pk, dossiers[4].pk]
    draft.save()
    response = officer_client.get(draft.get_absolute_url())
    included = [dossiers[1], dossiers[5], dossiers[6]]
    assert row_ids(response) == [d.pk for d in [*included, dossiers[0], dossiers[2]]]
    expected = ["Punt-01", "Punt-05", "Punt-06"]
    assert [item.title for item in response.context["report"].sections[0].items] == expected
    rebuilt = build_draft_report(draft, officer, limit=SHOWN)
    assert [item.title for item in rebuilt.sections[0].items] == expected


def start_draft(client, **fields) -> CommitteeReport:
    client.post(reverse("dossiers:reports"), {**COMMITTEE, **fields})
    return CommitteeReport.objects.latest("pk")


def rows_url(draft: CommitteeReport, **params: object) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('dossiers:report_rows', args=[draft.pk])}?{query}"


def row_ids(response) -> list[int]:
    form = response.context["form"]
    return [int(name.split("_")[1]) for name in form.fields if name.startswith("position_")]


def test_the_draft_page_pages_each_section_and_costs_the_same_for_more(officer, officer_client):
    give_clearance(officer, Classification.VERTROUWELIJK)
    dossiers = make_dossiers(officer, 0, 3)
    draft = start_draft(officer_client, ceiling=Classification.BEPERKT, **READING)
    officer_client.get(draft.get_absolute_url())  # the content types are cached by the first
    LogEntry.objects.filter(action=LogEntry.Action.ACCESS).delete()
    with CaptureQueriesContext(connection) as few:
        response = officer_client.get(draft.get_absolute_url())
    assert row_ids(response) == [dossier.pk for dossier in dossiers]
    assert b'data-testid="more-rows"' not in response.content
    with CaptureQueriesContext(connection) as few_rows:
        officer_client.get(rows_url(draft, section=SECTION, page=1))
    LogEntry.objects.filter(action=LogEntry.Action.ACCESS).delete()
    dossiers += make_dossiers(officer, 3, 40)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(draft.get_absolute_url())
    assert len(many) == len(few)
    assert row_ids(response) == [dossier.pk for dossier in dossiers[:SHOWN]]
    assert b'data-testid="more-rows"' in response.content
    assert response.context["report"].sections[0].more == 40 - SHOWN
    assert read(dossiers) == titles(SHOWN)
    with CaptureQueriesContext(connection) as many_rows:
        response = officer_client.get(rows_url(draft, section=SECTION, page=2))
    assert len(many_rows) == len(few_rows)
    html = response.content.decode()
    assert "Punt-05" in html and "Punt-09" in html and "Punt-10" not in html
    assert f'name="position_{dossiers[5].pk}"' in html and 'value="6"' in html
    assert "page=3" in html
    assert read(dossiers) == titles(2 * SHOWN)
    last = officer_client.get(rows_url(draft, section=SECTION, page=8))
    assert "Punt-39" in last.content.decode() and b"more-rows" not in last.content


def test_a_save_changes_only_the_rows_sent(officer, officer_client):
    dossiers = make_dossiers(officer, 0, 12, Classification.NIET_GECLASSIFICEERD)
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    page = officer_client.get(draft.get_absolute_url()).context["form"]
    data = {name: page[name].value() for name in page.fields}
    data = {name: value for name, value in data.items() if value not in (False, None)}
    assert len([name for name in data if name.startswith("position_")]) == SHOWN
    # the officer leaves out the second, and moves the eleventh (loaded from page 3) to the top
    second, eleventh = dossiers[1], dossiers[10]
    data.pop(f"include_{second.pk}")
    data.update(
        {
            f"include_{eleventh.pk}": "on",
            f"position_{eleventh.pk}": 1,
            f"position_{dossiers[0].pk}": 2,
        }
    )
    assert officer_client.post(draft.get_absolute_url(), data).status_code == 302
    draft.refresh_from_db()
    assert draft.left_out_ids == [second.pk]
    expected = [eleventh, dossiers[0], second, *dossiers[2:10], dossiers[11]]
    assert draft.order[SECTION] == [dossier.pk for dossier in expected]
    # saving the first page again loses neither the dossier left out nor the order
    page = officer_client.get(draft.get_absolute_url())
    assert row_ids(page) == [d.pk for d in [eleventh, dossiers[0], *dossiers[2:5]]]
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (False, None)}
    assert officer_client.post(draft.get_absolute_url(), data).status_code == 302
    draft.refresh_from_db()
    assert draft.left_out_ids == [second.pk]
    # as before paging, a saved dossier left out goes after those included
    expected = [eleventh, dossiers[0], *dossiers[2:10], dossiers[11], second]
    assert draft.order[SECTION] == [dossier.pk for dossier in expected]
    report = officer_client.get(draft.get_absolute_url()).context["report"]
    assert report.sections[0].more == 11 - SHOWN
    # a row naming a dossier the draft does not hold is ignored
    other = make_dossier(officer, title="Buiten de periode", opened_on=datetime.date(2020, 1, 1))
    data.update({f"include_{other.pk}": "on", f"position_{other.pk}": 1})
    assert officer_client.post(draft.get_absolute_url(), data).status_code == 302
    draft.refresh_from_db()
    assert other.pk not in draft.order[SECTION]


@pytest.mark.parametrize(
    "params",
    [
        {"section": SECTION, "page": -1},
        {"section": SECTION, "page": 0},
        {"section": SECTION, "page": "abc"},
        {"section": SECTION, "page": 99},
        {"section": SECTION, "page": 10**30},
        {"section": "unknown", "page": 2},
        {"page": 2},
        {},
    ],
)
def test_hostile_paging_gets_404(officer, officer_client, params):
    make_dossiers(officer, 0, 7, Classification.NIET_GECLASSIFICEERD)
    draft = start_draft(officer_client, ceiling=Classification.NIET_GECLASSIFICEERD)
    assert officer_client.get(rows_url(draft, section=SECTION, page=2)).status_code == 200
    assert officer_client.get(rows_url(draft, **params)).status_code == 404


@pytest.mark.parametrize("fixture", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_the_rows_are_for_the_officer_only(request, fixture, officer):
    make_dossier(officer, title="Openbaar punt", opened_on=MARCH)
    draft = keep_report(officer, kept_at=None, period_start=datetime.date(2022, 1, 1))
    kept = keep_report(officer)
    client = client_for(request.getfixturevalue(fixture))
    for report in (draft, kept):
        assert client.get(rows_url(report, section=SECTION, page=1)).status_code == 404


def test_the_rows_of_a_kept_version_are_gone(officer, officer_client):
    kept = keep_report(officer)
    assert officer_client.get(rows_url(kept, section=SECTION, page=1)).status_code == 404


def test_the_rows_of_a_classified_draft_ask_the_purpose_first(officer, officer_client):
    give_clearance(officer, Classification.VERTROUWELIJK)
    make_dossiers(officer, 0, 2)
    draft = start_draft(officer_client, ceiling=Classification.BEPERKT, **READING)
    other = client_for(officer)  # another session: no purpose given there
    response = other.get(rows_url(draft, section=SECTION, page=1), HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and "HX-Redirect" in response
    assert b"Punt" not in response.content


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ({}, [1, 2, 3, 4, 5]),
        ({5: 1}, [5, 1, 2, 3, 4]),
        ({1: 4}, [2, 3, 4, 1, 5]),
        ({2: 1, 1: 1}, [1, 2, 3, 4, 5]),  # the same position: the earlier stays first
        ({1: 99}, [2, 3, 4, 5, 1]),
        ({4: 2, 5: 2}, [1, 4, 5, 2, 3]),
    ],
)
@pytest.mark.django_db(False)
def test_moved_rows_land_where_asked_and_the_others_keep_their_order(positions, expected):
    assert reordered([1, 2, 3, 4, 5], positions) == expected
