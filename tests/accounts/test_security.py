import datetime
import re
import time
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.oath import totp

from accounts.middleware import SESSION_REFRESH_SECONDS, SESSION_REFRESHED, SESSION_STARTED
from accounts.security import client_ip
from tests.factories import PASSWORD, client_for, data_queries, verified_device

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[2]


def attempt(client: Client, username: str, password: str, **extra) -> object:
    return client.post(
        reverse("login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )


def events(name: str) -> list[LogEntry]:
    return list(LogEntry.objects.filter(additional_data__event=name))


def test_account_is_locked_after_five_failures_even_with_the_right_password(officer):
    for number in range(5):
        attempt(Client(REMOTE_ADDR=f"10.1.0.{number}"), "officer", "wrong")
    response = attempt(Client(REMOTE_ADDR="10.1.0.99"), "officer", PASSWORD)
    assert response.status_code == 429
    assert "vergrendeld" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert len(events("locked_out")) >= 1


def test_made_up_user_names_from_one_address_do_not_lock_out_a_real_user(officer, settings):
    settings.LOGIN_ADDRESS_FAILURES = 8
    office_network = Client(REMOTE_ADDR="10.2.0.1")
    for number in range(10):
        attempt(office_network, f"guess{number}", "wrong")
    refused = attempt(office_network, "guess-again", "wrong")
    assert refused.status_code == 429
    assert "network address" in refused.content.decode() or "netwerkadres" in (
        refused.content.decode()
    )
    assert attempt(office_network, "officer", PASSWORD).status_code == 302


def test_account_is_locked_after_the_limit_and_unlocked_after_the_cool_off(officer, settings):
    for number in range(5):
        attempt(Client(REMOTE_ADDR=f"10.5.0.{number}"), "officer", "wrong")
    assert attempt(Client(REMOTE_ADDR="10.5.0.9"), "officer", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    assert attempt(Client(REMOTE_ADDR="10.5.0.9"), "officer", PASSWORD).status_code == 302


def test_spoofed_forwarded_for_does_not_get_around_the_address_throttle(officer, settings):
    settings.TRUSTED_PROXIES = []
    settings.LOGIN_ADDRESS_FAILURES = 5
    client = Client(REMOTE_ADDR="10.3.0.1")
    for number in range(5):
        attempt(client, f"guess{number}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    response = attempt(client, "guess9", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429


def test_client_address_is_read_from_a_trusted_proxy_only(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.10"]
    spoofed = rf.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(spoofed) == "203.0.113.5"
    proxied = rf.get("/", REMOTE_ADDR="10.0.0.10", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(proxied) == "203.0.113.9"


def test_unlock_by_the_administrator_clears_the_lock(officer):
    for number in range(5):
        attempt(Client(REMOTE_ADDR=f"10.4.0.{number}"), "officer", "wrong")
    AccessAttempt.objects.all().delete()  # what "delete" in the admin's Axes page does
    assert attempt(Client(REMOTE_ADDR="10.4.0.9"), "officer", PASSWORD).status_code == 302


def test_new_session_key_at_login(officer):
    device = verified_device(officer)
    client = Client()
    client.get(reverse("login"))
    before = client.session.session_key
    attempt(client, "officer", PASSWORD)
    client.post(
        reverse("login"),
        {"login_view-current_step": "token", "token-otp_token": f"{totp(device.bin_key):06d}"},
    )
    assert client.session.session_key != before
    assert client.get(reverse("home")).status_code == 200


def test_session_ends_after_the_absolute_lifetime(officer, settings):
    client = client_for(officer)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.get(reverse("home")).status_code == 302


def session_writes(captured) -> list[str]:
    return [
        query["sql"]
        for query in captured.captured_queries
        if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")
    ]


def test_idle_timeout_is_renewed_by_activity_at_most_once_a_minute(officer, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = client_for(officer)  # the log-in writes the session and starts the idle timer
    page = reverse("reminder_settings")
    expiry = Session.objects.get().expire_date
    with CaptureQueriesContext(connection) as within_a_minute:
        assert client.get(page).status_code == 200
    assert session_writes(within_a_minute) == []
    assert Session.objects.get().expire_date == expiry
    session = client.session
    session[SESSION_REFRESHED] -= SESSION_REFRESH_SECONDS
    session.save()
    with CaptureQueriesContext(connection) as a_minute_later:
        assert client.get(page).status_code == 200
    assert session_writes(a_minute_later)
    assert data_queries(a_minute_later) == data_queries(within_a_minute) + 1
    assert Session.objects.get().expire_date > expiry


def test_deactivating_an_account_ends_its_sessions(officer):
    client = client_for(officer)
    assert client.get(reverse("home")).status_code == 200
    officer.is_active = False
    officer.save()
    assert client.get(reverse("home")).status_code == 302


def test_security_headers(officer, officer_client, settings):
    response = officer_client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    settings.SECURE_HSTS_SECONDS = 31_536_000
    secure = client_for(officer).get(reverse("home"), secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_inline_script_or_style_in_our_templates():
    for template in (BASE_DIR / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert (
            " style=" not in text
            and "<style" not in text
            or template.name == "report_document.html"
        ), template


def test_authentication_events_are_audited(officer):
    attempt(Client(), "officer", "wrong")
    attempt(Client(), "nobody-here", "wrong")
    client = Client()
    attempt(client, "officer", PASSWORD)  # no device yet: signed in, then enrols
    client.post(reverse("logout"))
    failed = events("login_failed")
    assert {entry.object_repr for entry in failed} == {"officer", "nobody-here"}
    assert [entry.actor for entry in events("login")] == [officer]
    assert [entry.actor for entry in events("logout")] == [officer]


def test_two_factor_changes_are_audited_without_the_secret(officer):
    device = verified_device(officer)
    entry = LogEntry.objects.get_for_object(device).get()
    assert entry.action == LogEntry.Action.CREATE
    assert "key" not in entry.changes_dict
    assert device.key not in str(entry.changes)


def test_administrator_resets_two_factor(administrator, cabinet_staff):
    verified_device(cabinet_staff)
    client = client_for(administrator)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [cabinet_staff.pk]},
    )
    assert response.status_code == 302
    assert list(devices_for_user(cabinet_staff, confirmed=None)) == []


def test_audit_entries_cannot_be_changed_or_deleted_in_the_admin(administrator, officer):
    administrator.is_superuser = True
    administrator.save()
    client = client_for(administrator)
    entry = LogEntry.objects.get_for_object(officer).first()
    assert entry is not None
    change = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    delete = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert client.post(change, {"action": 2}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert 'name="action"' not in changelist.content.decode()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_no_code_path_updates_or_deletes_audit_entries():
    offenders = []
    apps = ["liaison", "dashboards", "dossiers", "clearances", "reminders", "accounts"]
    apps += ["directory", "common", "bench"]
    for source in (path for app in apps for path in BASE_DIR.glob(f"{app}/**/*.py")):
        text = source.read_text()
        if re.search(r"LogEntry\.objects[^\n]*\.(delete|update)\(", text):
            offenders.append(str(source))
    assert offenders == []


def test_log_out_everywhere_ends_every_session(officer):
    laptop, phone = client_for(officer), client_for(officer)
    assert phone.get(reverse("home")).status_code == 200
    response = laptop.post(reverse("logout_everywhere"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    for client in (laptop, phone):
        assert client.get(reverse("home")).status_code == 302
    officer.refresh_from_db()
    fresh = client_for(officer)  # signing in again works
    assert fresh.get(reverse("home")).status_code == 200
    assert "session_salt" not in str(LogEntry.objects.get_for_object(officer).first().changes)


def test_log_out_everywhere_needs_post(officer_client):
    assert officer_client.get(reverse("logout_everywhere")).status_code == 405
