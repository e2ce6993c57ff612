"""The inbox's sortable column: by when a notification came, on the recipient's index;
unsorted, unread first (``reminders.views``)."""

import django_tables2 as tables

from common.lists import SortTable


class InboxTable(SortTable):
    received = tables.Column(orderable=True, order_by=("created_at", "pk"))
