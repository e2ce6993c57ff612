"""The inbox of reminders, the reminder settings and the personal calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from accounts.services import user_reset_calendar_token
from common.lists import list_context
from reminders.forms import ReminderSettingsForm
from reminders.ical import feed_for
from reminders.models import UNREAD_FIRST, Notification
from reminders.sweep import Line, reminder_lines
from reminders.tables import InboxTable

PAGE_SIZE = 25


def notifications_of(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("reminder")


def inbox_entries(user: User, notifications: list[Notification]) -> list[tuple[Notification, Line]]:
    """Each notification with its wording for this reader (one query for the whole page)."""
    lines = reminder_lines(user, [notification.reminder for notification in notifications])
    return list(zip(notifications, lines, strict=True))


@require_GET
def inbox_list(request: HttpRequest) -> HttpResponse:
    notifications = notifications_of(request.user).order_by(
        UNREAD_FIRST.desc(), "-created_at", "-pk"
    )
    context = list_context(request, notifications, size=PAGE_SIZE, table=InboxTable)
    entries = inbox_entries(request.user, list(context["page"].object_list))
    return render(request, "reminders/notification_list.html", {**context, "entries": entries})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    if not notification.is_read:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    if not request.htmx:
        return redirect("inbox")
    [(notification, line)] = inbox_entries(request.user, [notification])
    context = {"notification": notification, "line": line, "oob": True}
    return render(request, "reminders/_notification.html", context)


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, _("All notifications are marked as read."))
    return redirect("inbox")


@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ReminderSettingsForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("reminder_settings")
    else:
        form = ReminderSettingsForm(instance=request.user)
    feed_url = request.build_absolute_uri(
        reverse("calendar_feed", args=[request.user.calendar_token])
    )
    return render(request, "reminders/reminder_settings.html", {"form": form, "feed_url": feed_url})


@require_http_methods(["GET", "POST"])
def calendar_token_reset(request: HttpRequest) -> HttpResponse:
    """A confirmation page, then a new address: the old one stops working at once."""
    if request.method == "GET":
        context = {
            "title": _("Replace the address of your calendar?"),
            "item": _("Calendar feed"),
            "consequence": _(
                "The current address stops working at once: every calendar application "
                "subscribed to it must be given the new one."
            ),
            "confirm_label": _("Replace the address"),
            "cancel_url": reverse("reminder_settings"),
        }
        return render(request, "common/confirm.html", context)
    user_reset_calendar_token(user=request.user, by=request.user)
    messages.success(
        request, _("Your calendar has a new address; the old address no longer works.")
    )
    return redirect("reminder_settings")


@login_not_required
@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Reached by calendar applications, without a session: the secret token is the key."""
    user = get_object_or_404(
        User.objects.prefetch_related("groups"), calendar_token=token, is_active=True
    )
    with translation.override(user.language):
        body = feed_for(user)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
