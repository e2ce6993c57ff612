from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from clearances.validity import current_clearance_level
from dossiers.workstreams import Workstream


def portal(request: HttpRequest) -> dict[str, object]:
    """What the base layout shows on every page: workstreams and the user's clearance."""

    def clearance_label() -> str:
        level = current_clearance_level(request.user)
        return "" if level is None else str(level.label)

    return {"workstreams": Workstream, "current_clearance_label": SimpleLazyObject(clearance_label)}
