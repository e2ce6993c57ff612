"""The dossier list's sortable columns: only those an index serves, with ``pk`` for ties."""

import django_tables2 as tables

from common.lists import SortTable


class DossierTable(SortTable):
    reference = tables.Column(orderable=True, order_by=("reference",))
    workstream = tables.Column(orderable=True, order_by=("workstream", "status", "pk"))
    classification = tables.Column(orderable=True, order_by=("classification", "pk"))
    deadline = tables.Column(orderable=True, order_by=("deadline", "pk"))


class ProtocolTable(SortTable):
    """The register of protocol agreements (rows are agreements)."""

    reference = tables.Column(orderable=True, order_by=("dossier__reference",))
    partner = tables.Column(orderable=True, order_by=("partner__short_name", "pk"))
    status = tables.Column(orderable=True, order_by=("status", "pk"))
    review_on = tables.Column(orderable=True, order_by=("review_on", "pk"))


class ReviewTable(SortTable):
    """The worklist of declassification reviews (rows are dossiers)."""

    reference = tables.Column(orderable=True, order_by=("reference",))
    classification = tables.Column(orderable=True, order_by=("classification", "pk"))
    classified_on = tables.Column(orderable=True, order_by=("classified_on", "pk"))
    review_on = tables.Column(orderable=True, order_by=("declassification_review_on", "pk"))


class KeptReportTable(SortTable):
    """The kept versions of the committee report: a few a year, so any column sorts."""

    committee_date = tables.Column(orderable=True, order_by=("committee_date", "pk"))
    ceiling = tables.Column(orderable=True, order_by=("ceiling", "committee_date", "pk"))
    kept_at = tables.Column(orderable=True, order_by=("kept_at", "pk"))
