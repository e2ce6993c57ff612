"""Who is asking: the client address, believing X-Forwarded-For only from trusted proxies."""

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

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


def address_failures(ip_address: str) -> int:
    """Failed log-ins from the address on any account within the cool-off."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since).aggregate(
            failures=Sum("failures_since_start")
        )["failures"]
        or 0
    )


def refuse_failures_from_noisy_address(
    sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: object
) -> None:
    """Answer a failed log-in from an address with too many failures with 429.

    The address is not locked: the next attempt is checked as usual, so a colleague
    behind the same network address who types the right password gets in. Connected
    after Axes' own receiver, which has just counted this failure.
    """
    ip_address = getattr(request, "axes_ip_address", None)
    if ip_address and address_failures(ip_address) >= settings.LOGIN_ADDRESS_FAILURES:
        request.axes_locked_out = True  # AxesMiddleware answers with lockout_response
        request.login_address_throttled = True


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    return render(
        request,
        "registration/locked_out.html",
        {
            "address_throttled": getattr(request, "login_address_throttled", False),
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
