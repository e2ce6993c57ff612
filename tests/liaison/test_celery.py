import pytest
from celery.result import EagerResult

from liaison.celery import app
from liaison.tasks import check_health
from tests.factories import real_worker


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_on_a_real_worker_through_redis():
    assert app.conf.broker_url.startswith("redis://")
    assert not app.conf.task_always_eager
    with real_worker():
        result = check_health.delay()
        assert not isinstance(result, EagerResult)
        outcome = result.get(timeout=30)
    assert outcome["database"] is True
    assert outcome["vendor"] == "postgresql"
    assert outcome["worker"]  # a worker's hostname, which an eager run does not have


def test_beat_sweeps_every_quarter_of_an_hour_and_keeps_its_schedule_on_a_volume(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-reminders"]
    assert entry["task"] == "reminders.tasks.sweep_reminders"
    assert entry["schedule"].minute == {0, 15, 30, 45}
    assert entry["schedule"].hour == set(range(24))
    schedule_file = app.conf.beat_schedule_filename
    assert schedule_file == settings.CELERY_BEAT_SCHEDULE_FILENAME
    # In the project's var/ folder (a volume in docker-compose.yml), not a container's
    # temporary folder; asked relative to the checkout, which may itself be anywhere.
    assert schedule_file.startswith(str(settings.BASE_DIR / "var"))


def test_beat_creates_the_folder_of_its_schedule_file(tmp_path):
    """A fresh, empty volume: beat makes its folder instead of failing to start."""
    scheduler_class = app.subclass_with_self(app.conf.beat_scheduler)
    schedule_file = tmp_path / "volume" / "beat" / "celerybeat-schedule"
    scheduler = scheduler_class(app=app, schedule_filename=str(schedule_file), lazy=False)
    scheduler.close()
    assert schedule_file.parent.is_dir()
    assert any(schedule_file.parent.iterdir())


def test_every_task_has_a_soft_and_a_hard_time_limit_and_email_a_timeout(settings):
    assert 0 < settings.EMAIL_TIMEOUT < app.conf.task_soft_time_limit
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit
    for name, task in app.tasks.items():
        if name.startswith(("liaison.", "reminders.")):
            assert (task.soft_time_limit or app.conf.task_soft_time_limit) > 0, name
            assert (task.time_limit or app.conf.task_time_limit) > 0, name
