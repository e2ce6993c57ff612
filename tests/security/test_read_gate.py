"""Every view that renders a classified dossier or report passes the read gate (rule 9).

The views are found through the URL resolver, like the leak matrix, so a new URL of
a dossier or a report is walked without changing this test.
"""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from directory.classification import Classification
from dossiers.models import AccessRequest, CommitteeReport, Dossier, Opinion, TimelineEntry
from tests.factories import (
    client_for,
    give_clearance,
    hang_parts,
    keep_report,
    make_dossier,
    make_organisation,
)
from tests.security.test_leak_matrix import id_patterns

pytestmark = pytest.mark.django_db

# The gate itself: they show the reference and the marking only.
PURPOSE_FORMS = {"dossiers:purpose", "dossiers:report_purpose"}
SECRETS = [
    "Geheime titel",
    "Geheime samenvatting",
    "Geheime tijdlijntekst",
    "Geheime taak",
    "Geheim advies",
    "geheime bijlage",
    "Geheim rapport",
]
HTMX = {"HTTP_HX_REQUEST": "true"}
# Views that show nothing of the item (the state of a report's files, polled every few
# seconds): the purpose is asked all the same, but an answer is not an opening.
NOT_OPENINGS = {"dossiers:report_files"}
# Views the walk must find rendering content once the purpose is given.
MUST_RENDER = {
    "dossiers:detail",
    "dossiers:update",
    "dossiers:timeline",
    "dossiers:export",
    "dossiers:attachment_download",
    "dossiers:grants",
    "dossiers:history",
    "dossiers:timeline_add",
    "dossiers:task_add",
    "dossiers:attachment_add",
    "dossiers:link_add",
    "dossiers:opinion_add",
    "dossiers:grant_add",
    "dossiers:report_detail",
}


def gated_views() -> list[tuple[str, list[str]]]:
    return [
        (name, args)
        for name, args in id_patterns()
        if name.startswith("dossiers:") and name not in PURPOSE_FORMS
    ]


@pytest.fixture
def secret(officer):
    """A GEHEIM access request of the officer, with one of everything, and a kept report."""
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(
        officer,
        Classification.GEHEIM,
        title="Geheime titel",
        summary="Geheime samenvatting",
        kind=Dossier.Kind.ACCESS_REQUEST,
    )
    access_request = AccessRequest.objects.create(dossier=dossier)
    Opinion.objects.create(
        access_request=access_request, body=make_organisation("COC"), summary="Geheim advies"
    )
    TimelineEntry.objects.create(
        dossier=dossier, occurred_on=datetime.date(2026, 1, 5), text="Geheime tijdlijntekst"
    )
    report = keep_report(
        officer,
        Classification.BEPERKT,
        committee_date=datetime.date(2026, 1, 10),
        period_start=datetime.date(2026, 1, 1),
        content="<p>Geheim rapport</p>",
    )
    return {**hang_parts(dossier, b"geheime bijlage"), "report": report, "dossier": dossier}


def url_of(name: str, arguments: list[str], ids: dict[str, object]) -> str:
    kwargs = {arg: ids[arg] for arg in arguments}
    if name.startswith("dossiers:report_"):
        kwargs["pk"] = ids["report"].pk
    return reverse(name, kwargs=kwargs)


def purpose_url_of(name: str, ids: dict[str, object]) -> str:
    if name.startswith("dossiers:report_"):
        return reverse("dossiers:report_purpose", args=[ids["report"].pk])
    return reverse("dossiers:purpose", args=[ids["pk"]])


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def openings():
    """Access entries of dossiers and reports (a log-in is an access entry of a user)."""
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        content_type__in=ContentType.objects.get_for_models(Dossier, CommitteeReport).values(),
    )


def accesses() -> int:
    return openings().count()


# Each way a view is reached: page and htmx, read and (empty, so invalid) form.
WAYS = ["GET", "GET htmx", "POST", "POST htmx"]


def send(client, way: str, url: str):
    headers = HTMX if "htmx" in way else {}
    if way.startswith("POST"):
        return client.post(url, {}, **headers)
    return client.get(url, **headers)


def test_the_walk_finds_every_view_that_must_render():
    assert {name for name, _args in gated_views()} >= MUST_RENDER


@pytest.mark.parametrize(("name", "arguments"), gated_views(), ids=lambda value: str(value))
def test_a_fresh_session_is_asked_the_purpose_and_every_rendering_is_logged(
    name, arguments, officer, secret
):
    url = url_of(name, arguments, secret)
    purpose_url = purpose_url_of(name, secret)
    rendered = []
    for way in WAYS:
        before = accesses()
        response = send(client_for(officer), way, url)
        if response.status_code == 405:
            continue
        text = body(response)
        assert not [s for s in SECRETS if s in text], (name, way, response.status_code)
        assert accesses() == before, (name, way)
        if "htmx" in way:
            assert response.status_code == 204, (name, way, response.status_code)
            assert response["HX-Redirect"].startswith(purpose_url), (name, way)
        else:
            assert response.status_code in (302, 303), (name, way, response.status_code)
            assert response["Location"].startswith(purpose_url), (name, way)

        client = client_for(officer)
        client.post(purpose_url, {"purpose": "case_work", "detail": "opvolging"})
        before = accesses()
        response = send(client, way, url)
        if response.status_code in (200, 422):
            rendered.append(way)
            if name in NOT_OPENINGS:
                assert accesses() == before, (name, way)
                assert not [s for s in SECRETS if s in body(response)], (name, way)
                continue
            assert accesses() == before + 1, (name, way)
            entry = openings().latest("pk")
            assert (entry.actor, entry.additional_data["purpose"]) == (officer, "case_work")
    if name in MUST_RENDER:
        assert rendered, f"{name} rendered nothing even with a purpose"


def test_the_gate_logs_the_object_it_shows(officer, secret):
    client = client_for(officer)
    report = secret["report"]
    client.post(
        reverse("dossiers:report_purpose", args=[report.pk]),
        {"purpose": "briefing", "detail": "commissie"},
    )
    assert "Geheim rapport" in client.get(report.get_absolute_url()).content.decode()
    entry = openings().get()
    assert entry.content_type == ContentType.objects.get_for_model(CommitteeReport)
    assert entry.object_id == report.pk
