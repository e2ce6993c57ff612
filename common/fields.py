"""Model fields that several apps declare the same way."""

from django.conf import settings
from django.db import models


def actor_field(verbose_name: str, **kwargs: object) -> models.ForeignKey:
    """Who did something: kept as empty if the account goes (the audit trail keeps the name)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        **kwargs,
    )
