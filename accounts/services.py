"""Writes on accounts that touch several models."""

import datetime

from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from accounts.mail import email_user
from accounts.models import CredentialReset, User, new_session_salt
from accounts.roles import Role
from directory.models import Person

# The roles the functional administrator may give or take away. The liaison officer's
# role, the administrator's own and superuser status are the superuser's to give.
ADMINISTRATOR_ASSIGNABLE_ROLES = (Role.SECURITY_OFFICER, Role.CABINET_STAFF)

# How long a confirmed password reset stays open to the administrator who confirmed it.
PASSWORD_RESET_OPEN_FOR = datetime.timedelta(days=1)


@transaction.atomic
def user_reset_two_factor(*, user: User) -> None:
    """Remove every second-factor device: the user enrols again at the next log-in."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def user_end_all_sessions(*, user: User) -> None:
    """End every session of the user, on every device, by changing what signs them."""
    user.session_salt = new_session_salt()
    user.save(update_fields=["session_salt"])


# --- Roles ----------------------------------------------------------------------------


def role_is_assignable(*, user: User, by: User) -> bool:
    """Whether ``by`` may change the role of ``user``: never his own, never a protected one."""
    if by.is_superuser:
        return True
    return (
        by.pk != user.pk
        and not user.is_superuser
        and not user.is_staff
        and user.role in (None, *ADMINISTRATOR_ASSIGNABLE_ROLES)
    )


@transaction.atomic
def user_role_set(*, user: User, role: Role | None, by: User) -> None:
    """Give the user this role (or none), if ``by`` may; refused otherwise, whatever the form."""
    allowed_roles = Role.values if by.is_superuser else ADMINISTRATOR_ASSIGNABLE_ROLES
    if not role_is_assignable(user=user, by=by) or (role and role not in allowed_roles):
        raise PermissionDenied
    user.groups.remove(*Group.objects.filter(name__in=Role.values))
    if role:
        user.groups.add(Group.objects.get(name=role))
    user.__dict__.pop("role", None)


# --- Credential resets ----------------------------------------------------------------


def account_is_guarded(user: User) -> bool:
    """The liaison officer's account, or one whose person has a clearance on record."""
    return (
        user.role == Role.LIAISON_OFFICER
        or Person.objects.filter(user=user, clearances__isnull=False).exists()
    )


def needs_second_person(*, user: User, by: User) -> bool:
    """Whether resetting ``user``'s credentials takes a second person (not for one's own)."""
    return not by.is_superuser and by.pk != user.pk and account_is_guarded(user)


def credential_change_notify(*, user: User, kind: str, requested: bool) -> None:
    """Tell the account's owner by e-mail, after the commit; the message names no dossier."""
    if not user.email:
        return
    with translation.override(user.language):
        what = CredentialReset.Kind(kind).label
        if requested:
            subject = _("A reset of your log-in was requested")
            body = _(
                "An administrator asked to reset your %(what)s on the liaison portal. "
                "It takes effect only when a second administrator confirms it. "
                "If you did not expect this, tell the liaison officer at once."
            )
        else:
            subject = _("Your log-in was reset")
            body = _(
                "Your %(what)s on the liaison portal was reset by an administrator. "
                "If you did not expect this, tell the liaison officer at once."
            )
        body = body % {"what": str(what).lower()}
    email_user(recipient=user, subject=str(subject), body=body)


@transaction.atomic
def two_factor_reset(*, user: User, by: User) -> CredentialReset | None:
    """Reset now, or, for a guarded account, record a request that a second person confirms."""
    if needs_second_person(user=user, by=by):
        return credential_reset_request(user=user, kind=CredentialReset.Kind.TWO_FACTOR, by=by)
    user_reset_two_factor(user=user)
    credential_change_notify(user=user, kind=CredentialReset.Kind.TWO_FACTOR, requested=False)
    return None


@transaction.atomic
def credential_reset_request(*, user: User, kind: str, by: User) -> CredentialReset:
    reset = CredentialReset.objects.create(user=user, kind=kind, requested_by=by)
    credential_change_notify(user=user, kind=kind, requested=True)
    return reset


@transaction.atomic
def credential_reset_confirm(*, reset: CredentialReset, by: User) -> None:
    """A second administrator confirms: a second factor is reset at once, a password opens.

    The password form of the account then opens to the confirming administrator
    only, for a day (see ``open_password_reset``).
    """
    reset = CredentialReset.objects.select_for_update().get(pk=reset.pk)
    may_confirm = by.is_superuser or by.role == Role.ADMINISTRATOR
    if reset.confirmed_at or not may_confirm or by.pk in (reset.requested_by_id, reset.user_id):
        raise PermissionDenied
    reset.confirmed_by = by
    reset.confirmed_at = timezone.now()
    if reset.kind == CredentialReset.Kind.TWO_FACTOR:
        user_reset_two_factor(user=reset.user)
        reset.completed_at = reset.confirmed_at
        credential_change_notify(user=reset.user, kind=reset.kind, requested=False)
    reset.save()


def open_password_reset(*, user: User, by: User) -> CredentialReset | None:
    """The confirmed, unused password reset of ``user`` that ``by`` may carry out now."""
    return CredentialReset.objects.filter(
        user=user,
        kind=CredentialReset.Kind.PASSWORD,
        confirmed_by=by,
        confirmed_at__gte=timezone.now() - PASSWORD_RESET_OPEN_FOR,
        completed_at__isnull=True,
    ).first()


@transaction.atomic
def password_changed_by_administrator(*, user: User, reset: CredentialReset | None) -> None:
    """Close the reset that allowed it, if any, and tell the owner."""
    if reset is not None:
        reset.completed_at = timezone.now()
        reset.save(update_fields=["completed_at"])
    credential_change_notify(user=user, kind=CredentialReset.Kind.PASSWORD, requested=False)


# --- Calendar feed ---------------------------------------------------------------------


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
