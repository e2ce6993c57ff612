"""The directory and network lists' sortable columns, with ``pk`` for ties.

The last contact is a subquery over the timelines the viewer may see: not sortable.
"""

import django_tables2 as tables

from common.lists import SortTable


class OrganisationTable(SortTable):
    abbreviation = tables.Column(orderable=True, order_by=("short_name", "pk"))
    name = tables.Column(orderable=True, order_by=("display_name", "pk"))
    kind = tables.Column(orderable=True, order_by=("kind", "display_name", "pk"))
    policy_domain = tables.Column(
        orderable=True, order_by=("policy_domain__name", "display_name", "pk")
    )


class ContactTable(SortTable):
    name = tables.Column(orderable=True, order_by=("last_name", "first_name", "pk"))
    organisation = tables.Column(
        orderable=True, order_by=("organisation__short_name", "last_name", "first_name", "pk")
    )


class BodyTable(SortTable):
    """The consultation bodies (a few dozen): by the reference (unique, indexed), the
    name, or the kind and the classification (small sets)."""

    reference = tables.Column(orderable=True, order_by=("dossier__reference",))
    name = tables.Column(orderable=True, order_by=("dossier__title", "pk"))
    kind = tables.Column(orderable=True, order_by=("kind", "dossier__title", "pk"))
    classification = tables.Column(
        orderable=True, order_by=("dossier__classification", "dossier__title", "pk")
    )
