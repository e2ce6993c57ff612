from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison portal")

    def ready(self) -> None:
        from liaison import checks  # noqa: F401  (registers the deployment checks)
        from liaison.logs import configure_structlog, connect_request_logging

        configure_structlog()
        connect_request_logging()
