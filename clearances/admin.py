from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from clearances import services
from clearances.models import Clearance, ClearanceStatusChange, SecurityOfficerAppointment


class StatusChangeInline(admin.TabularInline):
    model = ClearanceStatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class CountedInCoverage(admin.ModelAdmin):
    """A change in the admin is counted in the coverage figures, as a service's is."""

    def organisation_ids(self, obj: Clearance | SecurityOfficerAppointment) -> list[int]:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: object, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.coverage_figures_enqueue(organisation_ids=self.organisation_ids(obj))

    def delete_model(self, request: HttpRequest, obj: object) -> None:
        organisation_ids = self.organisation_ids(obj)
        super().delete_model(request, obj)
        services.coverage_figures_enqueue(organisation_ids=organisation_ids)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        organisation_ids = [pk for obj in queryset for pk in self.organisation_ids(obj)]
        super().delete_queryset(request, queryset)
        services.coverage_figures_enqueue(organisation_ids=organisation_ids)


@admin.register(Clearance)
class ClearanceAdmin(CountedInCoverage):
    list_display = [
        "person",
        "level",
        "scope",
        "status",
        "authority",
        "authority_reference",
        "decided_on",
        "valid_until",
    ]
    list_filter = ["level", "scope", "status", "authority", "person__organisation"]
    search_fields = ["person__last_name", "person__first_name", "authority_reference"]
    list_select_related = ["person__organisation"]
    autocomplete_fields = ["person"]
    raw_id_fields = ["renews"]
    date_hierarchy = "valid_until"
    inlines = [StatusChangeInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Clearance | None = None) -> list[str]:
        """A clearance stays with the person it was recorded for."""
        return ["person"] if obj is not None else []

    def save_model(
        self, request: HttpRequest, obj: Clearance, form: ModelForm, change: bool
    ) -> None:
        """Through the services, so that the status history misses no change."""
        if change:
            services.clearance_update(clearance=obj, by=request.user)
            return
        services.refuse_own_clearance(by=request.user, person_ids={obj.person_id})
        services.refuse_unconfirmed_grant(by=request.user, person=obj.person, status=obj.status)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            services.status_change_record(clearance=obj, from_status="", by=request.user)

    def organisation_ids(self, obj: Clearance) -> list[int]:
        return [obj.person.organisation_id]


@admin.register(ClearanceStatusChange)
class ClearanceStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["clearance", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["clearance__person__last_name", "changed_by__username"]
    list_select_related = ["clearance__person__organisation", "changed_by"]
    readonly_fields = ["clearance", "from_status", "to_status", "changed_by", "changed_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SecurityOfficerAppointment)
class SecurityOfficerAppointmentAdmin(CountedInCoverage):
    list_display = ["person", "organisation", "function", "interim", "starts_on", "ends_on"]
    list_filter = ["function", "interim", "organisation"]
    search_fields = ["person__last_name", "person__first_name", "organisation__short_name"]
    list_select_related = ["person__organisation", "organisation"]
    autocomplete_fields = ["person", "organisation"]

    def organisation_ids(self, obj: SecurityOfficerAppointment) -> list[int]:
        return [obj.organisation_id]
