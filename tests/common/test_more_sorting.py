"""The kept versions of the committee report, the consultation bodies and the inbox sort
by their offered columns; any other ``?sort=`` leaves the default order, never an error."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.classification import Classification
from reminders.models import Notification
from reminders.sweep import reminders_sweep
from tests.factories import DAY, client_for, keep_report, make_body, make_dossier, today

pytestmark = pytest.mark.django_db
HOSTILE = ("password", "-created_by__password", "content", "-", "__class__", "pk;--", "x" * 300)


def rows(client, name: str, **query) -> list:
    response = client.get(reverse(name), query)
    assert response.status_code == 200, query
    return list(response.context["page"])


def test_the_kept_versions_sort_by_committee_date_and_level(cleared_officer, officer_client):
    officer = cleared_officer
    for day, ceiling in ((10, Classification.BEPERKT), (3, Classification.NIET_GECLASSIFICEERD)):
        keep_report(officer, ceiling, committee_date=datetime.date(2026, 3, day))
    keep_report(officer, committee_date=datetime.date(2026, 3, 20))
    keep_report(officer, kept_at=None, committee_date=datetime.date(2026, 3, 1))  # a draft
    dates = [
        r.committee_date.day
        for r in rows(officer_client, "dossiers:reports", sort="committee_date")
    ]
    assert dates == [3, 10, 20]
    dates = [
        r.committee_date.day
        for r in rows(officer_client, "dossiers:reports", sort="-committee_date")
    ]
    assert dates == [20, 10, 3]
    levels = [r.ceiling for r in rows(officer_client, "dossiers:reports", sort="-ceiling")]
    assert levels[0] == Classification.BEPERKT
    default = rows(officer_client, "dossiers:reports")
    for hostile in HOSTILE:
        assert rows(officer_client, "dossiers:reports", sort=hostile) == default


def test_sorting_the_kept_versions_does_not_submit_the_preview_form(officer_client):
    response = officer_client.get(reverse("dossiers:reports"), {"sort": "kept_at", "page": "2"})
    assert response.status_code == 200
    assert not response.context["form"].is_bound and response.context["report"] is None


def test_the_bodies_sort_by_reference_name_and_kind(officer, officer_client):
    for title, kind in (("B-platform", "platform"), ("A-crisiscel", "crisis_cell")):
        make_body(officer, title=title, kind=kind)
    make_body(officer, title="C-werkgroep", kind="working_group")
    names = [b.dossier.title for b in rows(officer_client, "network:body_list", sort="-name")]
    assert names == ["C-werkgroep", "B-platform", "A-crisiscel"]
    kinds = [b.kind for b in rows(officer_client, "network:body_list", sort="kind")]
    assert kinds == sorted(kinds)
    references = [
        b.dossier.reference for b in rows(officer_client, "network:body_list", sort="reference")
    ]
    assert references == sorted(references)
    default = rows(officer_client, "network:body_list")
    for hostile in HOSTILE:
        assert rows(officer_client, "network:body_list", sort=hostile) == default


def test_the_sorted_body_list_makes_as_many_queries_for_12_bodies_as_for_2(officer, officer_client):
    officer_client.get(reverse("network:body_list"))  # the session's first request
    counts = []
    for size in (2, 10):
        for number in range(size):
            make_body(officer, title=f"Orgaan {size}-{number}")
        with CaptureQueriesContext(connection) as queries:
            assert rows(officer_client, "network:body_list", sort="-name")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_inbox_sorts_by_arrival_and_by_default_unread_first(officer):
    dossiers = [
        make_dossier(officer, title=f"Dossier {number}", deadline=today() + number * DAY)
        for number in (1, 2, 3)
    ]
    reminders_sweep()
    arrival = timezone.now()
    for age, dossier in enumerate(dossiers):  # the first dossier's notification is the oldest
        Notification.objects.filter(reminder__reference=dossier.reference).update(
            created_at=arrival - datetime.timedelta(hours=10 - age)
        )
    newest = Notification.objects.get(reminder__reference=dossiers[2].reference)
    Notification.objects.filter(pk=newest.pk).update(read_at=arrival)
    client = client_for(officer)

    def order(**query) -> list[str]:
        return [n.reminder.reference for n in rows(client, "inbox", **query)]

    references = [dossier.reference for dossier in dossiers]
    assert order(sort="received") == references
    assert order(sort="-received") == references[::-1]
    assert order() == [references[1], references[0], references[2]]  # unread first
    for hostile in HOSTILE:
        assert order(sort=hostile) == order()
    page = client.get(reverse("inbox"), {"sort": "-received"}).content.decode()
    assert 'aria-current="true"' in page and 'href="?sort=received"' in page
