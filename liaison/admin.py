from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from liaison.models import Organisation, Person, PolicyDomain, User


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
        (_("Portal"), {"fields": ("organisation", "language")}),
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
