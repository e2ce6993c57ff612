"""Settings are read at start-up from the environment, so each case runs in a new process."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PORTAL_VARIABLES = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
}


def run_python(code: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    environment.update(variables, DJANGO_SETTINGS_MODULE="liaison.settings")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_variables_the_portal_runs_embedded():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "from liaison.celery import app; "
        "print(s.DATABASES['default']['ENGINE'], app.conf.task_always_eager, s.DEBUG, "
        "s.EMAIL_BACKEND)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "True",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_variables_switch_to_postgresql_and_redis():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "from liaison.celery import app; "
        "print(s.DATABASES['default']['ENGINE'], app.conf.task_always_eager, app.conf.broker_url)",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/liaison",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "redis://127.0.0.1:6379/0",
    ]


def test_production_without_secret_key_refuses_to_start():
    result = run_python("import django; django.setup()", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DEBUG="false",
        SECRET_KEY="p" + "x7Lq2!vR9#mK4$wZ8@nB3^tY6&hJ1*cF5(dS0)gA" * 2,
        ALLOWED_HOSTS="liaison.vlaanderen.be",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/liaison",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_source = (BASE_DIR / "liaison" / "settings.py").read_text()
    used = set(re.findall(r'env(?:_bool|_int|_list)?\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.M))
    assert len(used) > 20
    assert used - documented == set()
