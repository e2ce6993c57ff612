from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from directory.models import Organisation, Person, PolicyDomain

        auditlog.register(PolicyDomain)
        auditlog.register(Organisation)
        auditlog.register(Person)
