from django.contrib import admin

from directory.models import Organisation, Person, PolicyDomain


@admin.register(PolicyDomain)
class PolicyDomainAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "short_name",
        "name",
        "short_name_fr",
        "kind",
        "policy_domain",
        "handles_classified",
        "is_active",
    ]
    list_filter = ["kind", "policy_domain", "handles_classified", "is_active"]
    search_fields = ["name", "short_name", "name_fr", "short_name_fr"]
    list_select_related = ["policy_domain"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "last_name",
        "first_name",
        "organisation",
        "function",
        "preferred_language",
        "email",
        "user",
    ]
    list_filter = ["organisation__kind", "organisation"]
    search_fields = ["last_name", "first_name", "email"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation"]
    # Linking an account to a person hands it the person's clearance: only the liaison
    # officer does that, in the portal. The administrator sees the link, never sets it.
    readonly_fields = ["user"]
