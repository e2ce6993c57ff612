"""Logs are one JSON object per line, with time, level, request id and user id."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.urls import reverse

from directory.classification import Classification
from tests.factories import give_clearance, make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the portal's configured log handler writes during the test."""
    root = logging.getLogger()
    (configured,) = root.handlers[:1]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured.formatter)
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def test_each_line_is_json_with_time_level_request_id_and_user_id(
    officer, officer_client, log_lines
):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(
        officer, Classification.GEHEIM, title="Voorstel technische sweeping", summary="Afluisteren"
    )
    officer_client.post(
        reverse("dossiers:purpose", args=[dossier.pk]),
        {"purpose": "case_work", "detail": "opvolging"},
    )
    assert officer_client.get(dossier.get_absolute_url()).status_code == 200
    assert officer_client.get("/dossiers/999999/").status_code == 404
    officer_client.get(reverse("dossiers:list"), {"q": "sweeping"})
    officer_client.get(reverse("calendar_feed", args=[officer.calendar_token]))

    output = log_lines.getvalue()
    records = [json.loads(line) for line in output.splitlines()]
    assert len(records) >= 10
    for record in records:
        assert {"timestamp", "level", "event", "logger"} <= set(record), record
        assert record["user_id"] == officer.pk, record
        assert record["request_id"], record
    not_found = next(r for r in records if r.get("code") == 404)
    assert (not_found["level"], not_found["event"]) == ("warning", "request_finished")
    same_request = [r for r in records if r["request_id"] == not_found["request_id"]]
    assert [r["event"] for r in same_request] == ["request_started", "request_finished"]
    # Neither the classified title, nor a search for it, nor the calendar's secret.
    assert "sweeping" not in output and "Afluisteren" not in output
    assert officer.calendar_token not in output


def test_anonymous_requests_are_logged_without_a_user(client, log_lines):
    client.get("/healthz")
    records = [json.loads(line) for line in log_lines.getvalue().splitlines()]
    finished = next(r for r in records if r["event"] == "request_finished")
    assert finished["user_id"] is None
    assert finished["code"] == 200
