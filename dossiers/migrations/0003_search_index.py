"""A GIN index for the Dutch full-text search, on PostgreSQL only (SQLite has no tsvector).

The indexed expression is the one dossiers.search builds, so the planner uses it.
"""

from django.db import migrations

INDEX = "dossier_search_dutch_idx"
EXPRESSION = (
    "(setweight(to_tsvector('dutch'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('dutch'::regconfig, COALESCE(summary, '')), 'B'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON dossiers_dossier USING gin ({EXPRESSION})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_committee_report")]

    operations = [migrations.RunPython(create_index, drop_index)]
