from django.db import models
from django.utils.translation import gettext_lazy as _


class Workstream(models.TextChoices):
    """The four plans of the liaison officer, in the order of the source document."""

    INFORMATION_POSITION = "information_position", _("Strengthening the information position")
    RADICALISATION = "radicalisation", _("Following up radicalisation")
    ADMINISTRATIVE_APPROACH = (
        "administrative_approach",
        _("Following up the administrative approach"),
    )
    DAILY_OPERATIONS = "daily_operations", _("Daily operations")
