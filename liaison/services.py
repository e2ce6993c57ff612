"""Writes on accounts that touch several models."""

from django.db import transaction
from django_otp import devices_for_user

from liaison.models import User


@transaction.atomic
def user_reset_two_factor(*, user: User) -> None:
    """Remove every second-factor device: the user enrols again at the next log-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
