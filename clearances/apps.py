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
