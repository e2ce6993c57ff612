"""The dossier list's sortable columns: only those an index serves, with ``pk`` for ties."""

import django_tables2 as tables

from common.lists import SortTable


class DossierTable(SortTable):
    reference = tables.Column(orderable=True, order_by=("reference",))
    workstream = tables.Column(orderable=True, order_by=("workstream", "status", "pk"))
    classification = tables.Column(orderable=True, order_by=("classification", "pk"))
    deadline = tables.Column(orderable=True, order_by=("deadline", "pk"))
