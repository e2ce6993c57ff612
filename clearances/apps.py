from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearancesConfig(AppConfig):
    name = "clearances"
    verbose_name = _("Security clearances")
