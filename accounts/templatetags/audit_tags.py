from auditlog.models import LogEntry
from django import template

from accounts.audit_actor import actor_name, actor_username
from accounts.audit_text import entries_text

register = template.Library()


@register.filter
def actor_text(entry: LogEntry) -> str:
    """Who acted, as kept in the entry: full name, else user name; empty for the system."""
    return actor_name(entry) or actor_username(entry)


def describe_changes(entry: LogEntry) -> str:
    """The changes of one entry as one line, in words (accounts/audit_text.py)."""
    return entries_text([entry])[0].changes_line()
