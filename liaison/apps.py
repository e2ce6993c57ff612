from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison portal")

    def ready(self) -> None:
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate

        from liaison.roles import sync_role_groups

        post_migrate.connect(sync_role_groups, sender=self)

        from liaison.models import Organisation, Person, PolicyDomain, User

        auditlog.register(PolicyDomain)
        auditlog.register(Organisation)
        auditlog.register(Person)
        auditlog.register(User, exclude_fields=["password", "last_login"], m2m_fields={"groups"})
