"""Settings are read at start-up from the environment, so each case runs in a new process."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
PORTAL_VARIABLES = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "PORTAL_BASE_URL",
}
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "p" + "x7Lq2!vR9#mK4$wZ8@nB3^tY6&hJ1*cF5(dS0)gA" * 2,
    "ALLOWED_HOSTS": "liaison.vlaanderen.be",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/liaison",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_HOST": "smtp.vlaanderen.be",
    "PORTAL_BASE_URL": "https://liaison.vlaanderen.be",
}
DEPLOY_CHECK = (
    "from django.core.management import execute_from_command_line; "
    "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
)


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


def maintenance_database_url() -> str:
    """The server of the test database, its maintenance database (no tables needed)."""
    database = settings.DATABASES["default"]
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/postgres"


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
    result = run_python(DEPLOY_CHECK, **PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "variable", ["DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_HOST", "PORTAL_BASE_URL"]
)
def test_production_without_a_required_variable_refuses_to_start(variable):
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != variable}
    result = run_python(DEPLOY_CHECK, **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr
    assert all(other not in result.stderr for other in set(environment) - {"DEBUG"})


def test_deploy_check_names_each_missing_production_variable():
    """Run where DEBUG is still on (the embedded defaults), --deploy says what is missing."""
    result = run_python(DEPLOY_CHECK, EMAIL_HOST="smtp.vlaanderen.be")
    assert result.returncode != 0
    for variable in ("DATABASE_URL", "CELERY_BROKER_URL", "PORTAL_BASE_URL"):
        assert f"(liaison.E001) {variable} is not set." in result.stderr
    assert "EMAIL_HOST is not set" not in result.stderr


def test_connections_are_checked_before_reuse_after_a_database_restart():
    """A connection PostgreSQL dropped (a restart) is replaced, not answered with a 500."""
    code = textwrap.dedent(
        """
        import os, django, psycopg2
        django.setup()
        from django.db import close_old_connections, connection
        connection.ensure_connection()
        killer = psycopg2.connect(os.environ["DATABASE_URL"])
        killer.autocommit = True
        killer.cursor().execute(
            "SELECT pg_terminate_backend(%s)", [connection.connection.get_backend_pid()]
        )
        close_old_connections()  # what Django does when a request starts
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            print(cursor.fetchone()[0])
        """
    )
    result = run_python(code, DATABASE_URL=maintenance_database_url())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_source = (BASE_DIR / "liaison" / "settings.py").read_text()
    used = set(re.findall(r'env(?:_bool|_int|_list)?\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (BASE_DIR / ".env.example").read_text(), re.M))
    assert len(used) > 20
    assert used - documented == set()
