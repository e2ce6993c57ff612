"""Django's ``migrate``, without the requests' statement timeout."""

from django.core.management.commands import migrate
from django.db import connections


class Command(migrate.Command):
    """A migration that rewrites a large table (an index, a stored column) runs for
    minutes; the portal's connections cancel any statement after
    ``DATABASE_STATEMENT_TIMEOUT_MS`` so that no request holds the database. The
    migrations lift that limit on their connection while they run, and put it back."""

    def handle(self, *args: object, **options: object) -> str | None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
