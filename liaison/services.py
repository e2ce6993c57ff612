"""Writes on accounts that touch several models."""

from auditlog.models import LogEntry
from django.db import transaction
from django_otp import devices_for_user

from liaison.models import User, new_session_salt


@transaction.atomic
def user_reset_two_factor(*, user: User) -> None:
    """Remove every second-factor device: the user enrols again at the next log-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def user_end_all_sessions(*, user: User) -> None:
    """End every session of the user, on every device, by changing what signs them."""
    user.session_salt = new_session_salt()
    user.save(update_fields=["session_salt"])


CALENDAR_TOKEN_RESET = "calendar_token_reset"


@transaction.atomic
def user_reset_calendar_token(*, user: User, by: User) -> None:
    """A new feed address, audited: the old one, wherever it was shared, stops working."""
    user.reset_calendar_token()
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={},
        actor=by,
        force_log=True,
        additional_data={"event": CALENDAR_TOKEN_RESET},
    )
