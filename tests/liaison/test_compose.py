import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parents[2]


def test_compose_file_follows_the_compose_specification():
    checker = shutil.which("check-jsonschema") or str(
        Path(sys.executable).with_name("check-jsonschema")
    )
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.compose-spec", str(BASE_DIR / "docker-compose.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def load_compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def readme_services() -> dict[str, str]:
    """The service table of the README's Production section: name -> health check."""
    readme = (BASE_DIR / "README.md").read_text()
    production = readme[readme.index("## Production") : readme.index("## Architecture")]
    rows = re.findall(r"^\| `([a-z]+)` \| .* \| (.+) \|$", production, re.M)
    return {name: check.strip("` ") for name, check in rows}


def healthcheck_command(service: dict) -> str:
    test = service["healthcheck"]["test"]
    return test[1] if test[0] == "CMD-SHELL" else " ".join(test[1:])


def test_compose_services_and_health_checks_are_what_the_readme_says():
    services = load_compose()["services"]
    documented = readme_services()
    assert set(services) == set(documented) == {"migrate", "web", "worker", "beat", "db", "redis"}
    for name, service in services.items():
        if "healthcheck" in service:
            assert healthcheck_command(service) == documented[name], name
        else:
            assert documented[name] == "none (one-shot)", name


def test_migrations_run_once_before_web_worker_and_beat():
    services = load_compose()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert migrate["restart"] == "no"
    for name in ("web", "worker", "beat"):
        assert "migrate" not in " ".join(services[name]["command"]), name
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_web_scales_out_without_a_fixed_host_port():
    web = load_compose()["services"]["web"]
    assert "ports" not in web
    assert web["expose"] == ["8000"]
    assert "gunicorn" in " ".join(web["command"])
    assert "/healthz" in healthcheck_command(web)


def test_the_worker_health_check_uses_the_heartbeat_not_ping():
    worker = load_compose()["services"]["worker"]
    assert healthcheck_command(worker) == "python manage.py healthcheck --worker"
    # Beat's first heartbeat comes within a minute; three are allowed before failing.
    assert worker["healthcheck"]["start_period"] == "180s"


def test_the_beat_schedule_survives_a_recreated_container():
    compose = load_compose()
    beat = compose["services"]["beat"]
    schedule = Path(beat["environment"]["CELERY_BEAT_SCHEDULE_FILENAME"])
    mounts = dict(reversed(volume.split(":")[:2]) for volume in beat["volumes"])
    assert str(schedule.parent) in mounts
    assert mounts[str(schedule.parent)] in compose["volumes"]
    assert not str(schedule).startswith("/tmp")
    # The portal's variables stay the same as the other services'.
    assert (
        beat["environment"]["DATABASE_URL"]
        == compose["services"]["web"]["environment"]["DATABASE_URL"]
    )


def test_the_image_can_write_the_volumes_it_mounts():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "mkdir -p /app/var/media /app/var/beat" in dockerfile
    assert "postgresql-client" in dockerfile  # for scripts/backup.sh and restore.sh
