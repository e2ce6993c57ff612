"""Time and queries per request, through the full middleware.

Every page, the admin baseline and the floor (a static page of the same size) are
requested in interleaved rounds, so that a burst of load on the shared machine
falls on all of them alike; each page's time is also given as a ratio to the floor.
The client is Django's test client (server time) or, with ``--server gunicorn``, an
HTTP client of bench/server.py (wall-clock time from the client's socket).
"""

import importlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, path, reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from dossiers.models import Dossier

# Transaction control is not a query of the page's data.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")
BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 - bench users of a bench database
FLOOR_URL = "/bench/floor/"
FLOOR = "floor: static page of the same size"


def count_data_queries(captured_queries: list[dict]) -> int:
    """Statements that read or write data; BEGIN, COMMIT and savepoints don't count."""
    return sum(not query["sql"].startswith(TRANSACTION_CONTROL) for query in captured_queries)


@dataclass
class Figure:
    label: str
    median_ms: float
    p95_ms: float
    queries: int | None  # None: not counted
    samples: int = 1
    ratio: float | None = None  # median to the floor's median


@dataclass
class Page:
    label: str
    call: Callable[[], object]


def bench_device(user: User) -> TOTPDevice:
    """The bench password and a TOTP device for ``user``, ready for a log-in.

    The device forgets its last token: the same user signs in once per client (test
    client and HTTP) within one 30-second step, and a TOTP device refuses a token twice.
    The password is set once: a new hash would end the user's other sessions.
    """
    if not user.check_password(BENCH_PASSWORD):
        user.set_password(BENCH_PASSWORD)
        user.save(update_fields=["password"])
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return device


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def signed_in_client(user: User) -> Client:
    """A client through the real log-in: password, then the second factor's token."""
    device = bench_device(user)
    client = Client()
    step = "login_view-current_step"
    client.post(
        reverse("login"),
        {step: "auth", "auth-username": user.get_username(), "auth-password": BENCH_PASSWORD},
    )
    response = client.post(
        reverse("login"), {step: "token", "token-otp_token": current_token(device)}
    )
    if response.status_code != 302:
        raise RuntimeError(f"log-in of {user} failed: status {response.status_code}")
    return client


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile, interpolated between the two nearest samples."""
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def checked(label: str, response: object) -> None:
    status = getattr(response, "status_code", 200)
    if status != 200:
        raise RuntimeError(f"{label}: status {status}")


def count_queries(page: Page) -> int:
    with CaptureQueriesContext(connection) as captured:
        checked(page.label, page.call())
    return count_data_queries(captured.captured_queries)


def time_rounds(
    pages: list[Page], repeat: int, queries: dict[str, int] | None = None
) -> list[Figure]:
    """``repeat`` rounds, each requesting every page once, after a warm-up round.

    The warm-up counts each page's queries, unless they are given (counted in this
    process while the pages are requested from a server).
    """
    if queries is None:
        queries = {page.label: count_queries(page) for page in pages}  # also the warm-up
    else:
        for page in pages:
            checked(page.label, page.call())
    durations: dict[str, list[float]] = {page.label: [] for page in pages}
    for _round in range(repeat):
        for page in pages:
            started = time.perf_counter()
            response = page.call()
            durations[page.label].append((time.perf_counter() - started) * 1000)
            checked(page.label, response)
    figures = [
        Figure(
            page.label,
            statistics.median(durations[page.label]),
            percentile(durations[page.label], 0.95),
            queries.get(page.label),
            samples=repeat,
        )
        for page in pages
    ]
    floor = next((f.median_ms for f in figures if f.label == FLOOR), None)
    for figure in figures:
        figure.ratio = figure.median_ms / floor if floor else None
    return figures


def time_once(label: str, call: Callable[[], object]) -> Figure:
    """One run of something long (a sweep), with its queries."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        call()
        duration = (time.perf_counter() - started) * 1000
    return Figure(label, duration, duration, count_data_queries(captured.captured_queries))


class DossierAdmin(ModelAdmin):
    """The changelist a developer would otherwise reach for, as the baseline."""

    list_display = ["reference", "title", "workstream", "status", "classification", "deadline"]
    list_filter = ["workstream", "status"]
    list_select_related = ["owner"]
    list_per_page = 25  # the portal's page size
    search_fields = ["reference", "title"]


def floor_page(request: HttpRequest) -> HttpResponse:
    """A page of the portal's layout and a fixed text: what the middleware alone costs.

    ``?size=`` pads it with that many characters (the benchmark sizes it to the officer's
    list page); a parameter rather than state, so that a server's workers serve it alike.
    """
    size = max(0, int(request.GET.get("size") or 0))
    return render(request, "bench/floor.html", {"filler": "x" * size})


def reload_urls() -> None:
    module = importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    return module


def register_baseline_admin() -> None:
    """Register dossiers in the admin of this process only, and the floor page.

    The portal never registers them: the admin knows nothing of need-to-know.
    """
    if not admin.site.is_registered(Dossier):
        admin.site.register(Dossier, DossierAdmin)
    module = reload_urls()
    module.urlpatterns.append(path(FLOOR_URL.strip("/") + "/", floor_page, name="bench_floor"))
    clear_url_caches()


def unregister_baseline_admin() -> None:
    if admin.site.is_registered(Dossier):
        admin.site.unregister(Dossier)
    reload_urls()
