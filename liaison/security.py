"""Who is asking: the client address, believing X-Forwarded-For only from trusted proxies."""

from django.conf import settings
from django.http import HttpRequest

USERNAME_MAX_LENGTH = 150


def client_ip(request: HttpRequest) -> str:
    """The address of the client; a spoofed X-Forwarded-For from anybody else is ignored.

    When the request comes from a configured proxy, the right-most address of the
    header that is not itself a trusted proxy is the client (each proxy appends the
    address it received the request from).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for address in reversed(forwarded):
        if address and address not in trusted:
            return address
    return remote


def login_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """The user name tried: from authenticate()'s credentials, or the log-in wizard's form.

    Cut to the longest user name there can be: a hostile, very long value must not
    break the recording of the failure.
    """
    username = (credentials or {}).get("username")
    if not username and request is not None:
        username = request.POST.get("auth-username") or request.POST.get("username")
    return str(username)[:USERNAME_MAX_LENGTH] if username else None
