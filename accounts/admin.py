from auditlog.admin import LogEntryAdmin
from auditlog.filters import CIDFilter
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.admin_filters import TolerantResourceTypeFilter
from accounts.models import CredentialReset, User
from accounts.roles import Role


class RoleField(forms.TypedChoiceField):
    """The roles the administrator may give; the account's own role is shown, not offered."""

    def __init__(self, current: Role | None = None, **kwargs: object) -> None:
        roles = [*services.ADMINISTRATOR_ASSIGNABLE_ROLES]
        if current is not None and current not in roles:
            roles.append(current)  # only when the field is disabled: shown, never chosen
        choices = [("", _("no role")), *((role.value, role.label) for role in roles)]
        super().__init__(
            label=_("role"),
            choices=choices,
            required=False,
            coerce=Role,
            empty_value=None,
            **kwargs,
        )


class AdministratorUserChangeForm(UserChangeForm):
    role = RoleField()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts. A non-superuser administrator never sees the fields that confer rights.

    He sets the role of other accounts among the assignable ones (see
    ``accounts.services.role_is_assignable``), deactivates rather than deletes, and
    resets the credentials of a guarded account only with a second administrator.
    """

    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("organisation", "language", "email_reminders")}),
    )
    administrator_fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Access"), {"fields": ("is_active", "role")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
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
    actions = ["reset_two_factor", "request_password_reset"]

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> tuple:
        if obj is None or request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.administrator_fieldsets

    def get_form(
        self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: object
    ) -> type[ModelForm]:
        if obj is None or request.user.is_superuser:
            return super().get_form(request, obj, change=change, **kwargs)
        form = super().get_form(
            request, obj, change=change, form=AdministratorUserChangeForm, **kwargs
        )
        assignable = services.role_is_assignable(user=obj, by=request.user)
        form.base_fields["role"] = RoleField(
            current=obj.role, initial=obj.role, disabled=not assignable
        )
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            readonly += ["last_login", "date_joined"]
        # The owner is told of every reset at this address: it is not the administrator's to
        # redirect on a guarded account.
        if obj is not None and services.needs_second_person(user=obj, by=request.user):
            readonly.append("email")
        return readonly

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "role" in form.fields and "role" in form.changed_data:
            services.user_role_set(user=obj, role=form.cleaned_data["role"], by=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Accounts are deactivated, never deleted: the audit trail keeps who did what."""
        return False

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """A guarded account's password only after a second administrator confirmed it."""
        user = self.get_object(request, unquote(id))
        if user is None:
            raise Http404
        reset = None
        if services.needs_second_person(user=user, by=request.user):
            reset = services.open_password_reset(user=user, by=request.user)
            if reset is None:
                raise PermissionDenied
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            services.password_changed_by_administrator(user=user, reset=reset)
        return response

    @admin.action(description=_("Reset two-factor log-in (the user enrols again)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        requested = [
            user
            for user in queryset
            if services.two_factor_reset(user=user, by=request.user) is not None
        ]
        done = len(queryset) - len(requested)
        if done:
            self.message_user(
                request,
                _("Two-factor log-in reset for %(count)d user(s).") % {"count": done},
                messages.SUCCESS,
            )
        if requested:
            self.message_user(
                request,
                _(
                    "%(count)d reset(s) of a guarded account requested: "
                    "a second administrator confirms them under Credential resets."
                )
                % {"count": len(requested)},
                messages.WARNING,
            )

    @admin.action(description=_("Request a password reset (a second administrator confirms)"))
    def request_password_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.credential_reset_request(
                user=user, kind=CredentialReset.Kind.PASSWORD, by=request.user
            )
        self.message_user(
            request,
            _("%(count)d password reset(s) requested.") % {"count": len(queryset)},
            messages.SUCCESS,
        )


@admin.register(CredentialReset)
class CredentialResetAdmin(admin.ModelAdmin):
    """Requests to reset a guarded account's credentials, confirmed by a second administrator."""

    list_display = [
        "user",
        "kind",
        "requested_by",
        "requested_at",
        "confirmed_by",
        "confirmed_at",
        "completed_at",
    ]
    list_filter = ["kind", ("confirmed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "requested_by", "confirmed_by"]
    actions = ["confirm"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Confirm (as the second administrator)"))
    def confirm(self, request: HttpRequest, queryset: QuerySet[CredentialReset]) -> None:
        for reset in queryset:
            try:
                services.credential_reset_confirm(reset=reset, by=request.user)
            except PermissionDenied:
                self.message_user(
                    request,
                    _("%(reset)s: confirmed by another person only, and once.") % {"reset": reset},
                    messages.ERROR,
                )
                continue
            if reset.kind == CredentialReset.Kind.PASSWORD:
                message = _("%(reset)s: confirmed; set the new password from the account page.")
            else:
                message = _("%(reset)s: confirmed and carried out.")
            self.message_user(request, message % {"reset": reset}, messages.SUCCESS)


# The audit trail is append-only: nobody changes or deletes an entry, not even here.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    """The audit trail of what the administrator manages, never of a dossier or a clearance."""

    # Not ``changes``: a search must not look inside what was logged.
    search_fields = ["object_repr", "actor__username", "actor__first_name", "actor__last_name"]
    list_filter = ["action", TolerantResourceTypeFilter, CIDFilter]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LogEntry]:
        entries = super().get_queryset(request)
        if request.user.is_superuser:
            return entries
        return entries.filter(content_type__in=viewable_content_types(request.user)).exclude(
            additional_data__has_key="dossier"
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        return {}


def viewable_content_types(user: User) -> QuerySet[ContentType]:
    """The models whose rows the user may view in the admin."""
    viewable = Q(pk__in=[])
    for permission in user.get_all_permissions():
        app_label, codename = permission.split(".", 1)
        if codename.startswith("view_"):
            viewable |= Q(app_label=app_label, model=codename.removeprefix("view_"))
    return ContentType.objects.filter(viewable)
