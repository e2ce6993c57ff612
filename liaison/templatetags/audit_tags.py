from auditlog.models import LogEntry
from django import template

from liaison.audit import describe_changes

register = template.Library()


@register.filter
def changes_text(entry: LogEntry) -> str:
    return describe_changes(entry)
