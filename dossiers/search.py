"""Full-text search of dossiers: PostgreSQL's Dutch configuration, a plain match on SQLite."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from dossiers.models import Dossier

MAX_QUERY_LENGTH = 200
REFERENCE = re.compile(r"[A-Za-z]{2}-\d{4}-\d{1,6}")


def dossier_search_vector() -> SearchVector:
    return SearchVector("title", weight="A", config="dutch") + SearchVector(
        "summary", weight="B", config="dutch"
    )


def search_dossiers(queryset: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Narrow an already access-filtered queryset to the dossiers matching ``text``.

    A reference number (VO-2022-0042) finds that dossier; anything else is searched in
    the title and summary, with the GIN index of migration 0003 on PostgreSQL.
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    if not text:
        return queryset
    if REFERENCE.fullmatch(text):
        return queryset.filter(reference__iexact=text)
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config="dutch", search_type="websearch")
        return queryset.annotate(search=dossier_search_vector()).filter(search=query)
    return queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
