"""The portal's PostgreSQL connections give up a statement in time and sort in memory."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_statements_are_cancelled_after_the_timeout_and_sorts_get_their_memory(settings):
    assert settings.DATABASE_STATEMENT_TIMEOUT_MS == 25_000
    assert setting("statement_timeout") == "25s"
    assert setting("work_mem") == settings.DATABASE_WORK_MEM == "16MB"


def test_statements_are_not_jit_compiled():
    """A capped count whose estimate grows with the tables must not pay a compilation."""
    assert setting("jit") == "off"


@pytest.mark.django_db(transaction=True)  # the sweep's transaction is the outermost one
def test_the_sweep_may_run_longer_statements_within_its_own_transaction():
    from django.db import transaction

    from reminders.sweep import allow_long_statements

    with transaction.atomic():
        allow_long_statements()
        assert setting("statement_timeout") == "10min"
    assert setting("statement_timeout") == "25s"


def test_migrations_run_without_the_requests_statement_timeout(monkeypatch):
    """A migration that rewrites a million rows must not be cancelled after 25 s: the
    migrate command lifts the limit on its connection while it runs, then puts it back."""
    from django.core.management import call_command
    from django.core.management.commands import migrate

    seen = []
    monkeypatch.setattr(
        migrate.Command, "handle", lambda self, *a, **o: seen.append(setting("statement_timeout"))
    )
    call_command("migrate", verbosity=0)
    assert seen == ["0"]
    assert setting("statement_timeout") == "25s"
