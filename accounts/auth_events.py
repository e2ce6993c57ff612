"""Log-ins, failed log-ins, log-outs and lock-outs, written to the audit trail.

Django and django-axes announce these through signals; each becomes an audit
entry of the user concerned (or of the user name tried, when no such user exists).
Changes to two-factor devices are audited as model changes (see apps.py).
"""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from accounts.models import User
from accounts.security import USERNAME_MAX_LENGTH, client_ip

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
LOCKED_OUT = "locked_out"


def record_event(
    event: str, *, request: HttpRequest | None, user: User | None = None, username: str = ""
) -> LogEntry:
    if user is None and username:
        user = User.objects.filter(username=username).first()
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(user.pk) if user else "",
        object_id=user.pk if user else None,
        object_repr=(user.username if user else username)[:USERNAME_MAX_LENGTH],
        action=LogEntry.Action.ACCESS,
        actor=user if event in (LOGIN, LOGOUT) else None,
        remote_addr=client_ip(request) if request is not None else None,
        changes={},
        additional_data={"event": event},
    )


def on_logged_in(sender: type, request: HttpRequest, user: User, **kwargs: object) -> None:
    record_event(LOGIN, request=request, user=user)


def on_logged_out(sender: type, request: HttpRequest, user: User | None, **kwargs: object) -> None:
    if user is not None:
        record_event(LOGOUT, request=request, user=user)


def on_login_failed(
    sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    record_event(LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


def on_locked_out(sender: str, request: HttpRequest, username: str, **kwargs: object) -> None:
    record_event(LOCKED_OUT, request=request, username=username or "")
