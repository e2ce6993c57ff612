"""Admin list filters that ignore a malformed value instead of failing."""

from auditlog.filters import ResourceTypeFilter
from django.db.models import QuerySet
from django.http import HttpRequest


class TolerantResourceTypeFilter(ResourceTypeFilter):
    """auditlog's filter by content type, which answered ``?resource_type=abc`` with a 500."""

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value is None or not value.isdecimal():
            return queryset
        return super().queryset(request, queryset)
