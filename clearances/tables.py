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
    """By name or by a figure: the figures are stored per organisation, so they sort in
    the database like any column."""

    name = tables.Column(orderable=True, order_by=("name", "pk"))
    officer_count = tables.Column(orderable=True, order_by=("officer_count", "name", "pk"))
    cleared_count = tables.Column(orderable=True, order_by=("cleared_count", "name", "pk"))
    renewal_count = tables.Column(orderable=True, order_by=("renewal_count", "name", "pk"))
