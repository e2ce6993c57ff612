"""The one way a list page filters, pages and keeps its query string."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django_filters import FilterSet

PAGE_SIZE = 25


def list_context(
    request: HttpRequest, rows: FilterSet | QuerySet, *, size: int = PAGE_SIZE
) -> dict[str, object]:
    """The page asked for (``?page=``), the filter if any, and the query string without
    ``page`` for the page links, so paging keeps the filters."""
    context: dict[str, object] = {}
    if isinstance(rows, FilterSet):
        context["filter"] = rows
        rows = rows.qs
    query = request.GET.copy()
    query.pop("page", None)
    context["page"] = Paginator(rows, size).get_page(request.GET.get("page"))
    context["query"] = query.urlencode()
    return context
