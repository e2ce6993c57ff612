"""Server time and queries per request, through Django's test client."""

import importlib
import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from dossiers.models import Dossier

# Transaction control is not a query of the page's data.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def count_data_queries(captured_queries: list[dict]) -> int:
    """Statements that read or write data; BEGIN, COMMIT and savepoints don't count."""
    return sum(not query["sql"].startswith(TRANSACTION_CONTROL) for query in captured_queries)


@dataclass
class Figure:
    label: str
    median_ms: float
    p95_ms: float
    queries: int


def signed_in_client(user: User) -> Client:
    """A client past log-in and second factor."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_calls(label: str, call, repeat: int, warm_up: bool = True) -> Figure:
    if warm_up:
        call()  # warm caches of the database and of Python
    durations, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call()
            durations.append((time.perf_counter() - started) * 1000)
        status = getattr(response, "status_code", 200)
        if status != 200:
            raise RuntimeError(f"{label}: status {status}")
        queries = count_data_queries(captured.captured_queries)
    return Figure(label, statistics.median(durations), percentile(durations, 0.95), queries)


def time_page(label: str, client: Client, url: str, repeat: int) -> Figure:
    return time_calls(label, lambda: client.get(url), repeat)


class DossierAdmin(ModelAdmin):
    """The changelist a developer would otherwise reach for, as the baseline."""

    list_display = ["reference", "title", "workstream", "status", "classification", "deadline"]
    list_filter = ["workstream", "status"]
    list_select_related = ["owner"]
    search_fields = ["reference", "title"]


def register_baseline_admin() -> None:
    """Register dossiers in the admin of this process only, before any URL is resolved.

    The portal never registers them: the admin knows nothing of need-to-know.
    """
    if not admin.site.is_registered(Dossier):
        admin.site.register(Dossier, DossierAdmin)
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def unregister_baseline_admin() -> None:
    if admin.site.is_registered(Dossier):
        admin.site.unregister(Dossier)
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def admin_changelist_call(superuser: User, query: str = ""):
    model_admin = admin.site.get_model_admin(Dossier)
    factory = RequestFactory()

    def call():
        request = factory.get(f"/admin/dossiers/dossier/{query}")
        request.user = superuser
        request.session = {}
        request._messages = FallbackStorage(request)
        response = model_admin.changelist_view(request)
        response.render()
        return response

    return call
