from django.http import HttpRequest

from dossiers.workstreams import Workstream


def portal(request: HttpRequest) -> dict[str, object]:
    """What the base layout shows on every page: the workstreams for the navigation."""
    return {"workstreams": Workstream}
