"""The benchmark's data set, small (a few thousand rows), with the query targets asserted."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from bench import dataset
from bench.management.commands.bench import ROLES, Command
from bench.measure import register_baseline_admin, unregister_baseline_admin
from dossiers.access import visible_dossiers
from dossiers.views.dossiers import filtered_dossiers

pytestmark = pytest.mark.django_db

QUERY_TARGETS = {
    "dossier list": 12,
    "dossier list, filtered": 12,
    "search": 12,
    "dossier detail": 15,
    "home / dashboard": 15,
    # the capped counts, the first items of the four sections, their statuses and steps as
    # of the period (the trail: the steps' only when a shown dossier has an access
    # request, which depends on the ids the data set was given); the draft's page adds
    # the first rows of each section
    "committee report, a quarter": 17,
    "committee report draft, a quarter": 18,
    "committee report draft, more rows": 6,
    "clearance list": 12,
    "coverage": 12,
    "inbox": 12,
    "audit page": 12,
}


@pytest.fixture
def baseline_admin():
    register_baseline_admin()
    yield
    unregister_baseline_admin()


def test_every_page_of_every_role_stays_within_its_query_target(baseline_admin):
    sizes = dataset.build(scale=0.03)
    assert sizes["dossiers"] == 3000 and sizes["user grants"] == 24000
    figures, explain = Command().measure(repeat=2)
    pages = {figure.label: figure.queries for figure in figures}
    assert len(pages) >= 20
    floor = pages["floor: static page of the same size"]
    for label, queries in pages.items():
        page = label.split(": ", 1)[-1].removesuffix(", classified")
        if page in QUERY_TARGETS:
            assert queries <= QUERY_TARGETS[page], label
    assert pages["admin changelist (baseline)"] > floor  # through the same middleware
    assert "officer: dossier detail, classified" in pages  # the read gate, purpose and log
    assert all(
        figure.samples == 2 and figure.ratio for figure in figures if "sweep" not in figure.label
    )
    assert "dossiers_dossierusergrant" in explain
    assert "Seq Scan on dossiers_dossierusergrant" not in explain
    again = next(figure for figure in figures if figure.label == "reminder sweep, nothing new")
    assert again.queries < 100  # a sweep does not query per item
    # The officer's grants are asked of the dossiers not open to all, each by its key: a
    # page's statement does not first read all of them into a hashed set.
    officer = User.objects.get(username=ROLES["officer"])
    listed = visible_dossiers(officer).order_by("-opened_on", "-pk")[:26].explain()
    assert "dossiers_dossiergroupgrant" in listed and "hashed" not in listed
    # Where a statement reads many of them (each cell of his home's counts), once.
    cell = visible_dossiers(officer, per_row=False).filter(workstream="radicalisation")
    assert "hashed SubPlan" in cell.order_by("classification")[:1001].explain()
    # A security officer's list and search read a page and stop (they are not counted):
    # asked of the rows they read; his export reads everything: once.
    request = RequestFactory().get(reverse("dossiers:list"))
    request.user = User.objects.get(username=ROLES["security officer"])
    for query in ("", "q=protocolafspraak", "workstream=radicalisation&status=open"):
        request.GET = QueryDict(query)
        page = filtered_dossiers(request).qs[:26].explain()
        assert "dossiers_dossiergroupgrant" in page and "hashed" not in page
    exported = filtered_dossiers(request, per_row=False).qs.explain()
    assert "hashed SubPlan" in exported
