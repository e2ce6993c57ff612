"""Today's state of a clearance, for lists and pages: no query, only its dates."""

from django import template
from django.utils import timezone

from clearances.models import Clearance
from directory.classification import Classification

register = template.Library()


@register.filter
def days_left(clearance: Clearance) -> int | None:
    """Days until the end of a clearance that is valid today; None otherwise."""
    today = timezone.localdate()
    return clearance.days_left_on(today) if clearance.is_valid_on(today) else None


@register.filter
def due_for_renewal(clearance: Clearance) -> bool:
    return clearance.is_due_for_renewal_on(timezone.localdate())


@register.filter
def effective_status(clearance: Clearance) -> str:
    """The status, "expired" for a granted clearance past its end."""
    return clearance.effective_status_on(timezone.localdate())


@register.filter
def status_label(status: str) -> str:
    return str(Clearance.Status(status).label)


@register.filter
def level_label(level: int | None) -> str:
    """The name of a classification level held as a number; empty for none."""
    return "" if level is None else str(Classification(level).label)
