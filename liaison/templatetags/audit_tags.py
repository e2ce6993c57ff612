from auditlog.models import LogEntry
from django import template

from liaison.audit import describe_changes
from liaison.audit_actor import actor_name, actor_username

register = template.Library()


@register.filter
def changes_text(entry: LogEntry) -> str:
    return describe_changes(entry)


@register.filter
def actor_text(entry: LogEntry) -> str:
    """Who acted, as kept in the entry: full name, else user name; empty for the system."""
    return actor_name(entry) or actor_username(entry)
