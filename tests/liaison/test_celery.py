import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult

from liaison.celery import app
from liaison.tasks import check_health


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_on_a_real_worker_through_redis():
    assert app.conf.broker_url.startswith("redis://")
    assert not app.conf.task_always_eager
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = check_health.delay()
        assert not isinstance(result, EagerResult)
        outcome = result.get(timeout=30)
    assert outcome["database"] is True
    assert outcome["vendor"] == "postgresql"
    assert outcome["worker"]  # a worker's hostname, which an eager run does not have
