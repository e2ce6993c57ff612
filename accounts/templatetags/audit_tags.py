from auditlog.models import LogEntry
from django import template

from accounts.audit_actor import actor_name, actor_username

register = template.Library()


@register.filter
def changes_text(entry: LogEntry) -> str:
    return describe_changes(entry)


@register.filter
def actor_text(entry: LogEntry) -> str:
    """Who acted, as kept in the entry: full name, else user name; empty for the system."""
    return actor_name(entry) or actor_username(entry)


def describe_changes(entry: LogEntry) -> str:
    """The changes of an entry as one line; many-to-many changes say what was added or removed."""
    parts = []
    for field, values in entry.changes_dict.items():
        if isinstance(values, dict):
            objects = ", ".join(str(item) for item in values.get("objects", []))
            parts.append(f"{field}: {values.get('operation', '')} {objects}")
        else:
            parts.append(f"{field}: {values[0]} → {values[1]}")
    return "; ".join(parts)
