"""/healthz, /healthz/worker and the containers' health checks, with real faults."""

import datetime
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from liaison.models import WorkerHeartbeat
from liaison.tasks import record_heartbeat
from tests.factories import real_worker

BASE_DIR = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: a hanging broker."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


@pytest.mark.django_db
def test_healthz_answers_without_login_and_tells_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "broker": "failing"}


@pytest.mark.django_db
def test_healthz_fails_within_seconds_when_the_broker_hangs(client, settings, silent_server):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_server}/0"
    started = time.monotonic()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "failing"
    assert time.monotonic() - started < 15


def test_health_command_fails_when_the_database_is_unreachable():
    environment = dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/liaison",
        DJANGO_SETTINGS_MODULE="liaison.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "healthcheck"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "database: failing" in result.stdout
    assert "broker: ok" in result.stdout


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https_while_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    login = client.get("/login/")
    assert login.status_code == 301
    assert login["Location"].startswith("https://")


@pytest.mark.django_db(transaction=True)
def test_web_health_check_passes_with_the_portal_host_name(live_server, settings):
    """What compose runs in the web container: the host passes ALLOWED_HOSTS."""
    settings.ALLOWED_HOSTS = ["liaison.vlaanderen.be"]

    def run_check(allowed_hosts: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "scripts/http_health.py", f"{live_server.url}/healthz"],
            cwd=BASE_DIR,
            env=dict(os.environ, ALLOWED_HOSTS=allowed_hosts),
            capture_output=True,
            text=True,
            timeout=60,
        )

    passed = run_check("liaison.vlaanderen.be,other.vlaanderen.be")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert '"status": "ok"' in passed.stdout
    refused = run_check("elsewhere.example")
    assert refused.returncode == 1


@pytest.mark.django_db
def test_worker_health_needs_a_recent_heartbeat(client, settings):
    url = reverse("healthz_worker")
    assert client.get(url).status_code == 503  # no worker ever completed one

    record_heartbeat.delay()
    assert client.get(url).json() == {"status": "ok", "worker": "ok"}

    stale = timezone.now() - datetime.timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS + 1)
    WorkerHeartbeat.objects.update(completed_at=stale)
    response = client.get(url)
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "worker": "failing"}


def test_beat_sends_the_heartbeat_often_enough_for_the_check(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == record_heartbeat.name
    assert entry["schedule"] == settings.WORKER_HEARTBEAT_SECONDS


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_keeps_its_health_check_passing():
    database = connection.settings_dict
    # The check runs as in the container, in its own process, on the test database.
    environment = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="liaison.settings",
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
    )

    def worker_check() -> int:
        command = [sys.executable, "manage.py", "healthcheck", "--worker"]
        return subprocess.run(
            command, cwd=BASE_DIR, env=environment, capture_output=True, timeout=60
        ).returncode

    assert worker_check() == 1
    with real_worker():
        record_heartbeat.delay().get(timeout=30)
    assert worker_check() == 0
