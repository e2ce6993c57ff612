from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reminders.models import Notification, OutboxEmail, Reminder, ReminderLeadTime
from reminders.outbox import outbox_resend
from reminders.tasks import emails_enqueue


@admin.register(ReminderLeadTime)
class ReminderLeadTimeAdmin(admin.ModelAdmin):
    list_display = ["subject", "amount", "unit"]
    list_filter = ["subject", "unit"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the sweep only; the administrator looks, to answer "was I reminded?".

    Deleting a reminder's record would let the next sweep send it again.
    """

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["reference", "kind", "due_on", "lead", "recipient", "created_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["reference", "recipient__username"]
    list_select_related = ["recipient"]
    exclude = ["title"]
    date_hierarchy = "due_on"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["reminder", "recipient", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["reminder__reference", "recipient__username"]
    list_select_related = ["reminder", "recipient"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Outgoing e-mail: what failed or may have been sent, and a deliberate resend.

    The body is not shown: the administrator reads no dossier content (rule 10).
    """

    list_display = ["to", "subject", "status", "attempts", "created_at", "claimed_at", "sent_at"]
    list_filter = ["status", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "recipient__username"]
    list_select_related = ["recipient"]
    fields = [
        "recipient",
        "to",
        "subject",
        "status",
        "attempts",
        "created_at",
        "claimed_at",
        "sent_at",
        "last_error",
        "message_id",
    ]
    readonly_fields = fields
    actions = ["resend"]

    @admin.display(description=_("Message-ID"))
    def message_id(self, email: OutboxEmail) -> str:
        return email.message_id

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # A row is never edited; the change permission only allows the resend action.
        return obj is None and super().has_change_permission(request)

    @admin.action(
        description=_("Send again (failed or uncertain e-mails only)"), permissions=["change"]
    )
    def resend(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        resent = outbox_resend(emails=queryset)
        emails_enqueue(resent)
        self.message_user(
            request,
            _("%(count)d e-mail(s) queued to be sent again; the others were left as they were.")
            % {"count": len(resent)},
            messages.SUCCESS if resent else messages.WARNING,
        )
