"""The benchmark over HTTP: gunicorn with the production settings, on a tiny data set."""

import re

import pytest
from django.db import connection

from bench import dataset
from bench.management.commands.bench import Command
from bench.measure import FLOOR, register_baseline_admin, unregister_baseline_admin

# Committed rows: gunicorn's workers read them over their own connections. Flushed after the
# test, with the role groups made again (post_migrate) as for every transactional test: a
# serialized rollback would leave the next tests of its process without them.
pytestmark = pytest.mark.django_db(transaction=True)

ROW = re.compile(r"^\| (?P<label>[^|]+) \| (?P<p50>\d+\.\d) \| (?P<p95>\d+\.\d) \| ")


@pytest.fixture
def baseline_admin():
    register_baseline_admin()
    yield
    unregister_baseline_admin()


def test_every_page_answers_over_http_from_gunicorn_and_its_time_is_printed(baseline_admin):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # the build, not a request
        dataset.build(scale=0.002)
        cursor.execute("RESET statement_timeout")
    command = Command()
    # A page that does not answer 200 (log-in lost, wrong host, CSRF refused) stops the run.
    # Queries are not counted here (tests/bench/test_small_bench.py counts them in process).
    figures, explain = command.measure(repeat=1, sweep=False, server="gunicorn", count=False)
    report = command.render(figures, explain, "gunicorn")

    labels = [figure.label for figure in figures]
    assert labels[0] == FLOOR
    assert "officer: dossier detail, classified" in labels  # the purpose reached the server
    assert "admin changelist (baseline)" in labels
    printed = {
        found["label"]: float(found["p50"])
        for found in map(ROW.match, report.splitlines())
        if found
    }
    assert set(printed) == set(labels)
    assert all(time > 0 for time in printed.values())
    assert all(row.endswith("| 1 | — |") for row in report.splitlines() if ROW.match(row))
    assert "gunicorn" in report.splitlines()[0]
