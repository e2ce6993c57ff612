"""Log-in middleware: the session's absolute lifetime and the required second factor."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp import devices_for_user

SESSION_STARTED = "session_started_at"
SESSION_REFRESHED = "session_refreshed_at"
# The idle timer is renewed by activity, but the session is written at most this often.
SESSION_REFRESH_SECONDS = 60


def start_session_clock(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """At log-in, which writes the session anyway: its start and its first renewal, so the
    first pages after log-in need not write it again (``user_logged_in`` receiver)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED] = now
        request.session[SESSION_REFRESHED] = now


class SessionLifetimeMiddleware:
    """Ends a session twelve hours after log-in, however active, and renews its idle timer.

    The idle timeout is the session's age (``SESSION_COOKIE_AGE``), counted from its
    last write; writing it on every request would cost a query per page, so activity
    renews it at most once a minute (the timeout is then exact to within that minute).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - request.session.get(SESSION_REFRESHED, 0) >= SESSION_REFRESH_SECONDS:
                request.session[SESSION_REFRESHED] = now  # saved, with a new expiry
        return self.get_response(request)


# Paths a signed-in user without a second factor may still reach: to enrol or leave.
TWO_FACTOR_OPEN_PATHS = ("/account/", "/logout/", "/i18n/", "/static/", "/login/")


class TwoFactorRequiredMiddleware:
    """Sends a signed-in user who has not passed a second factor to enrolment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(TWO_FACTOR_OPEN_PATHS)
        ):
            if any(devices_for_user(user, confirmed=True)):
                logout(request)
                return redirect_to_login(request.get_full_path())
            return redirect("two_factor:setup")
        return self.get_response(request)
