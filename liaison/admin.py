from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from liaison.admin_filters import TolerantResourceTypeFilter
from liaison.models import (
    Notification,
    Organisation,
    Person,
    PolicyDomain,
    Reminder,
    ReminderLeadTime,
    User,
)
from liaison.services import user_reset_two_factor


@admin.register(PolicyDomain)
class PolicyDomainAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "short_name",
        "name",
        "kind",
        "policy_domain",
        "handles_classified",
        "is_active",
    ]
    list_filter = ["kind", "policy_domain", "handles_classified", "is_active"]
    search_fields = ["name", "short_name"]
    list_select_related = ["policy_domain"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "function", "email", "user"]
    list_filter = ["organisation__kind", "organisation"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("organisation", "language", "email_reminders")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "organisation", "password1", "password2"),
            },
        ),
    )
    list_display = ["username", "first_name", "last_name", "organisation", "is_active"]
    list_filter = ["groups", "organisation", "is_active", "is_staff"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor log-in (the user enrols again)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_reset_two_factor(user=user)
        self.message_user(
            request,
            _("Two-factor log-in reset for %(count)d user(s).") % {"count": len(queryset)},
            messages.SUCCESS,
        )


# The audit trail is append-only: nobody changes or deletes an entry, not even here.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    list_filter = ["action", TolerantResourceTypeFilter, CIDFilter]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        return {}


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
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
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
