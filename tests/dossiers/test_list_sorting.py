"""The dossier list sorted by a column, paged by number, with a page size and a capped count."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from common.lists import CappedPaginator
from directory.classification import Classification
from dossiers.models import Dossier
from tests.factories import data_queries, make_dossier, today

pytestmark = pytest.mark.django_db
LIST = reverse("dossiers:list")


def listed(client, **query) -> list[Dossier]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return list(response.context["page"])


def links(response) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="(\?[^"]*)"', response.text)]


def test_sorting_by_deadline_both_ways(cleared_officer, officer_client):
    for days in (30, 5, 60):
        make_dossier(cleared_officer, deadline=today() + datetime.timedelta(days=days))
    make_dossier(cleared_officer)  # no deadline
    ascending = [d.deadline for d in listed(officer_client, sort="deadline") if d.deadline]
    assert ascending == sorted(ascending) and len(ascending) == 3
    descending = [d.deadline for d in listed(officer_client, sort="-deadline") if d.deadline]
    assert descending == sorted(ascending, reverse=True)


def test_sorting_by_reference_and_by_classification(cleared_officer, officer_client):
    for level in (Classification.GEHEIM, Classification.NIET_GECLASSIFICEERD):
        make_dossier(cleared_officer, level)
    make_dossier(cleared_officer, Classification.VERTROUWELIJK)
    references = [d.reference for d in listed(officer_client, sort="-reference")]
    assert references == sorted(references, reverse=True)
    levels = [d.classification for d in listed(officer_client, sort="classification")]
    assert levels == sorted(levels)


def test_a_column_that_is_not_offered_leaves_the_default_order(cleared_officer, officer_client):
    for number in range(3):
        make_dossier(cleared_officer, title=f"{'CBA'[number]} dossier")
    default = [d.pk for d in listed(officer_client)]
    for hostile in ("title", "summary", "owner__password", "-", "__class__", "reference;--"):
        assert [d.pk for d in listed(officer_client, sort=hostile)] == default


def test_a_deadline_window_lists_the_nearest_deadline_first(cleared_officer, officer_client):
    for days in (80, 3, 40):
        make_dossier(cleared_officer, deadline=today() + datetime.timedelta(days=days))
    deadlines = [d.deadline for d in listed(officer_client, deadline="90")]
    assert deadlines == sorted(deadlines) and len(deadlines) == 3


def test_the_page_links_keep_the_sort_and_the_filter(cleared_officer, officer_client):
    for number in range(30):
        make_dossier(cleared_officer, title=f"R {number}", workstream="radicalisation")
    make_dossier(cleared_officer, title="Elders", workstream="daily_operations")
    query = {"workstream": "radicalisation", "sort": "-reference"}
    response = officer_client.get(LIST, query)
    page_links = [link for link in links(response) if "page=2" in link]
    assert page_links and all(
        "workstream=radicalisation" in link and "sort=-reference" in link for link in page_links
    )
    second = officer_client.get(LIST, {**query, "page": 2})
    assert [d.title for d in second.context["page"]] == ["R 4", "R 3", "R 2", "R 1", "R 0"]
    # A column heading sorts the other way and keeps the filter, back on the first page.
    headings = [link for link in links(second) if "sort=reference" in link]
    assert headings and all(
        "workstream=radicalisation" in link and "page=" not in link for link in headings
    )
    # The page size links keep both and start again on the first page.
    sizes = [link for link in links(second) if "per_page=50" in link]
    assert sizes == ["?workstream=radicalisation&sort=-reference&per_page=50"]


@pytest.mark.parametrize(
    "value", ["abc", "-1", "0", "26", "1000000", str(2**64), "25;--", "", "\x00", "1e2", "٢٥"]
)
def test_a_page_size_that_is_not_offered_falls_back_to_the_default(
    cleared_officer, officer_client, value
):
    make_dossier(cleared_officer)
    response = officer_client.get(LIST, {"per_page": value, "page": value})
    assert response.status_code == 200
    assert response.context["page"].paginator.per_page == 25


def test_an_offered_page_size_is_used(cleared_officer, officer_client):
    for _number in range(60):
        make_dossier(cleared_officer)
    assert len(listed(officer_client, per_page="50")) == 50
    assert len(listed(officer_client, per_page="100")) == 60


def test_the_count_stops_at_the_cap(cleared_officer, officer_client, settings):
    settings.LIST_COUNT_CAP = 4
    for _number in range(6):
        make_dossier(cleared_officer)
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.get(LIST, {"per_page": 25})
    statements = [q["sql"] for q in queries.captured_queries]
    # One walk of the list's order: the keys of its first cap + 1 dossiers, no count.
    keys = [sql for sql in statements if sql.startswith('SELECT "dossiers_dossier"."id" AS "pk"')]
    assert len(keys) == 1 and "LIMIT 5" in keys[0]
    assert not any(
        sql.startswith("SELECT COUNT(") and "dossiers_dossier" in sql for sql in statements
    )
    assert response.context["page"].paginator.is_capped
    marker = response.text.split('data-testid="result-count">')[1].split("</p>")[0]
    assert marker.startswith("4+")
    settings.LIST_COUNT_CAP = 6
    assert not officer_client.get(LIST).context["page"].paginator.is_capped


def test_the_capped_count_reads_in_the_users_language():
    paginator = CappedPaginator(list(range(1001)), 25, cap=1000)
    with translation.override("nl"):
        assert paginator.count_label == "1.000+"
    with translation.override("en"):
        assert paginator.count_label == "1,000+"
    assert paginator.num_pages == 40


def test_a_sorted_page_costs_the_same_at_10_and_200_dossiers(cleared_officer, officer_client):
    query = {"sort": "-deadline", "per_page": "100", "workstream": "information_position"}

    def list_queries(until: int) -> int:
        for number in range(Dossier.objects.count(), until):
            make_dossier(
                cleared_officer,
                Classification.VERTROUWELIJK,
                deadline=today() + datetime.timedelta(days=number % 50),
            )
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(LIST, query).status_code == 200
        return data_queries(queries)

    small = list_queries(10)
    assert small == list_queries(200) and small <= 12
