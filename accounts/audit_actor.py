"""Every audit entry keeps a copy of who acted, whatever later happens to the account.

auditlog links an entry to its actor by a foreign key that is emptied when the
account is deleted; the user name and full name are therefore also written into the
entry's ``additional_data`` when it is stored. The actor of a request is the one
auditlog's middleware found; this middleware keeps it in a context variable of our
own that ends with the request (auditlog's own outlives it), so a later task in the
same thread is never attributed to a past user.
"""

from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.http import HttpRequest, HttpResponse

from accounts.models import User

ACTOR_USERNAME = "actor_username"
ACTOR_NAME = "actor_name"

request_actor: ContextVar[User | None] = ContextVar("request_actor", default=None)


class AuditActorMiddleware(AuditlogMiddleware):
    """auditlog's middleware, which also keeps the request's user for the copy of who acted."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request_actor.set(self._get_actor(request))
        try:
            return super().__call__(request)
        finally:
            request_actor.reset(token)


def entry_actor_copy(entry: LogEntry) -> None:
    """Write the acting user's name into the entry, unless it already carries one."""
    actor = entry.actor if entry.actor_id else request_actor.get()
    if actor is None:
        return
    data = dict(entry.additional_data or {})
    data.setdefault(ACTOR_USERNAME, actor.get_username())
    data.setdefault(ACTOR_NAME, actor.get_full_name())
    entry.additional_data = data


def on_log_entry_save(
    sender: type, instance: LogEntry, raw: bool = False, **kwargs: object
) -> None:
    if not raw and instance.pk is None:
        entry_actor_copy(instance)


def actor_username(entry: LogEntry) -> str:
    """The user name of who acted, from the copy (or the account, for older entries)."""
    copied = (entry.additional_data or {}).get(ACTOR_USERNAME)
    if copied:
        return copied
    return entry.actor.get_username() if entry.actor_id else ""


def actor_name(entry: LogEntry) -> str:
    copied = entry.additional_data or {}
    if copied.get(ACTOR_USERNAME):
        return copied.get(ACTOR_NAME, "")
    return entry.actor.get_full_name() if entry.actor_id else ""
