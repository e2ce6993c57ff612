"""The cabinet's figures over every dossier: counted by the worker, stored in one row that
every web process reads, labelled in the reader's language; never counted by a page."""

import datetime

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from dashboards import tasks
from dashboards.models import CabinetFigures
from directory.models import Organisation
from dossiers.models import Dossier, ProtocolAgreement
from dossiers.workstreams import Workstream
from liaison.celery import app
from tests.factories import data_queries, make_dossier, real_worker

pytestmark = pytest.mark.django_db

# What a page counting over the dossiers would read; the cabinet's home reads none of it.
COUNTED_TABLES = ('"dossiers_dossier"', '"dossiers_protocolagreement"', '"dossiers_accessrequest"')


def workstream_total(response, workstream: str = Workstream.INFORMATION_POSITION) -> int:
    with translation.override(response.headers["Content-Language"]):
        label = str(Workstream(workstream).label)
    return next(
        total
        for row_label, _values, total in response.context["by_status"].rows
        if row_label == label
    )


def viewed(client) -> tuple[object, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def counted_over_dossiers(sql: list[str]) -> list[str]:
    return [query for query in sql if any(table in query for table in COUNTED_TABLES)]


def test_the_page_shows_what_the_worker_counted_and_counts_nothing_itself(officer, cabinet_client):
    make_dossier(officer, title="Eerste")
    tasks.refresh_cabinet_figures.delay()
    for number in range(20):
        make_dossier(officer, title=f"Later {number}")
    response, sql = viewed(cabinet_client)
    assert workstream_total(response) == 1  # as last counted
    assert counted_over_dossiers(sql) == []
    tasks.refresh_cabinet_figures.delay()  # beat's next interval
    response, sql = viewed(cabinet_client)
    assert workstream_total(response) == 21
    assert counted_over_dossiers(sql) == []


def test_before_the_first_count_the_page_says_so_and_shows_the_coverage(
    officer, cabinet_client, onderwijs
):
    make_dossier(officer, title="Nog niet geteld")
    response, sql = viewed(cabinet_client)
    assert 'data-testid="figures-not-counted"' in response.text
    assert 'data-testid="as-of"' not in response.text
    assert "by_status" not in response.context
    assert response.context["coverage_bars"]  # stored figures of their own
    assert counted_over_dossiers(sql) == []


def test_figures_not_counted_again_for_three_intervals_are_shown_as_late(officer, cabinet_client):
    make_dossier(officer, title="Geteld")
    tasks.refresh_cabinet_figures.delay()
    response, _sql = viewed(cabinet_client)
    assert 'data-testid="figures-late"' not in response.text
    counted_at = timezone.now() - datetime.timedelta(seconds=4 * settings.DASHBOARD_SUMMARY_SECONDS)
    CabinetFigures.objects.update(counted_at=counted_at)  # the worker stopped since
    response, sql = viewed(cabinet_client)
    assert 'data-testid="figures-late"' in response.text
    assert workstream_total(response) == 1  # still shown, as last counted
    marker = response.text.split('data-testid="as-of"')[1].split("</p>")[0]
    assert f'datetime="{timezone.localtime(counted_at).isoformat()}"' in marker
    assert counted_over_dossiers(sql) == []


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_one_count_is_labelled_in_each_readers_language(language, officer, cabinet_client):
    ccb = Organisation.objects.create(
        short_name="CCB",
        name="Centrum voor Cybersecurity België",
        name_fr="Centre pour la Cybersécurité Belgique",
        kind="federal_partner",
    )
    dossier = make_dossier(officer, title="Protocolafspraak", kind="protocol_agreement")
    ProtocolAgreement.objects.create(dossier=dossier, partner=ccb, status="drafting")
    with translation.override("nl"):
        tasks.refresh_cabinet_figures.delay()  # whatever the worker's language
    cabinet_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response, _sql = viewed(cabinet_client)
    assert response.headers["Content-Language"] == language
    assert workstream_total(response) == 1
    with translation.override(language):
        status = str(Dossier.Status.OPEN.label)
        drafting = str(ProtocolAgreement.Status.DRAFTING.label)
    assert response.context["by_status"].columns[0] == status
    [partner] = response.context["protocols"].rows
    french = "Centre pour la Cybersécurité Belgique"
    assert partner[0] == (french if language == "fr" else "Centrum voor Cybersecurity België")
    assert response.context["protocols"].columns[0] == drafting


def test_the_stored_row_names_no_partner_of_a_classified_agreement(officer):
    ocad = Organisation.objects.create(short_name="OCAD", name="OCAD", kind="federal_partner")
    dossier = make_dossier(
        officer, title="Afspraak OCAD", kind="protocol_agreement", restricted_distribution=True
    )
    ProtocolAgreement.objects.create(dossier=dossier, partner=ocad, status="drafting")
    tasks.refresh_cabinet_figures.delay()
    stored = CabinetFigures.objects.get()
    assert stored.protocols == [["", "", "", "drafting", 1]]


def test_the_home_reads_the_figures_at_the_same_cost_at_any_size(officer, cabinet_client):
    cabinet_client.get(reverse("home"))  # the session's first request renews its idle timer

    def measured() -> tuple[int, list[str]]:
        tasks.refresh_cabinet_figures.delay()  # as beat's worker does every minute
        with CaptureQueriesContext(connection) as queries:
            assert cabinet_client.get(reverse("home")).status_code == 200
        return data_queries(queries), [query["sql"] for query in queries.captured_queries]

    make_dossier(officer, title="Een")
    few, _sql = measured()
    for number in range(40):
        make_dossier(officer, title=f"Meer {number}", deadline=timezone.localdate())
    many, sql = measured()
    assert many == few
    assert counted_over_dossiers(sql) == []


def test_beat_has_the_worker_count_them_at_each_interval_and_drops_a_late_one():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-cabinet-figures"]
    assert entry["task"] == tasks.refresh_cabinet_figures.name
    assert entry["schedule"] == settings.DASHBOARD_SUMMARY_SECONDS
    assert entry["options"]["expires"] == settings.DASHBOARD_SUMMARY_SECONDS


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_counts_them_through_redis(officer):
    assert app.conf.broker_url.startswith("redis://")
    make_dossier(officer, title="Door de worker geteld")
    with real_worker():
        result = tasks.refresh_cabinet_figures.delay()
        assert not isinstance(result, EagerResult)
        counted_at = result.get(timeout=30)
    stored = CabinetFigures.objects.get()
    assert stored.counted_at.isoformat() == counted_at
    assert [Workstream.INFORMATION_POSITION, Dossier.Status.OPEN, 1] in stored.by_status


def test_without_a_worker_the_page_counts_missing_or_late_figures_itself(
    officer, cabinet_client, settings
):
    """``make run`` runs tasks in the web process and has no beat: its page counts them."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    make_dossier(officer, title="Eerste")
    response, sql = viewed(cabinet_client)
    assert workstream_total(response) == 1
    assert counted_over_dossiers(sql)
    make_dossier(officer, title="Tweede")
    response, sql = viewed(cabinet_client)
    assert workstream_total(response) == 1  # counted a moment ago: not late
    assert counted_over_dossiers(sql) == []
    CabinetFigures.objects.update(counted_at=timezone.now() - datetime.timedelta(hours=1))
    response, _sql = viewed(cabinet_client)
    assert workstream_total(response) == 2
    assert not response.context["figures_late"]
