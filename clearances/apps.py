from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearancesConfig(AppConfig):
    name = "clearances"
    verbose_name = _("Security clearances")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from clearances.models import (
            Clearance,
            ClearanceProposal,
            ClearanceStatusChange,
            SecurityOfficerAppointment,
        )

        auditlog.register(Clearance)
        auditlog.register(ClearanceStatusChange)
        auditlog.register(ClearanceProposal)
        auditlog.register(SecurityOfficerAppointment)
        register_with_lower_apps()


def register_with_lower_apps() -> None:
    """Clearances and appointments fall due; the user is loaded with his valid clearance."""
    from accounts.backends import register_user_annotation
    from clearances import reminders
    from clearances.validity import CLEARANCE_ANNOTATION, valid_clearance_level_expression
    from reminders.registry import register_source

    register_source(
        "clearances",
        falling_due=reminders.falling_due,
        calendar_deadlines=reminders.calendar_deadlines,
    )
    register_user_annotation(
        CLEARANCE_ANNOTATION, lambda: valid_clearance_level_expression("person")
    )
