"""The clearance register's sortable columns, with ``pk`` for ties."""

import django_tables2 as tables

from common.lists import SortTable


class ClearanceTable(SortTable):
    person = tables.Column(
        orderable=True, order_by=("person__last_name", "person__first_name", "pk")
    )
    organisation = tables.Column(
        orderable=True, order_by=("person__organisation__short_name", "person__last_name", "pk")
    )
    level = tables.Column(orderable=True, order_by=("level", "pk"))
    valid_until = tables.Column(orderable=True, order_by=("valid_until", "pk"))


class CoverageTable(SortTable):
    """By name only: the figures are subqueries, computed for the rows of the page alone."""

    name = tables.Column(orderable=True, order_by=("name", "pk"))
