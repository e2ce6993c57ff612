"""Full-text search of dossiers: PostgreSQL's Dutch configuration, a plain match on SQLite."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Expression, Q, QuerySet

from dossiers.models import Dossier

MAX_QUERY_LENGTH = 200
REFERENCE = re.compile(r"[A-Za-z]{2}-\d{4}-\d{1,6}")


class StoredSearchVector(Expression):
    """The dossier's ``search_vector`` column: its title (weight A) and summary (B) in
    PostgreSQL's Dutch configuration, stored as a generated column (migration 0010; not a
    model field, SQLite having no tsvector).

    A list is read down its order's index with the search as a per-row filter; on the
    stored vector that filter is a "@@" test, not a parse of every row's title and summary.
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        # The dossier table of the query being compiled (relabelled in a subquery).
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def search_dossiers(queryset: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Narrow an already access-filtered queryset to the dossiers matching ``text``.

    A reference number (VO-2022-0042) finds that dossier; anything else is searched in
    the title and summary: on PostgreSQL in the stored vector (GIN-indexed, migration 0010).
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if REFERENCE.fullmatch(text):
        return queryset.filter(reference__iexact=text)
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="dutch", search_type="websearch")
        return queryset.alias(search=StoredSearchVector()).filter(search=query)
    return queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
