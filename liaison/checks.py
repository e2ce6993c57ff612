"""System checks of the deployment (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_variables(**kwargs: object) -> list[CheckMessage]:
    """Each variable production needs and the environment lacks (settings refuse DEBUG off)."""
    return [
        Error(
            f"{name} is not set.",
            hint="Production needs it; see .env.example.",
            id="liaison.E001",
        )
        for name in settings.MISSING_PRODUCTION_VARIABLES
    ]
