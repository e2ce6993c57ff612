import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The one row of ``CabinetFigures``.
CABINET_FIGURES_ROW = 1
# Figures not counted again within this many of beat's intervals are shown as late.
LATE_AFTER_INTERVALS = 3


class CabinetFigures(models.Model):
    """The cabinet's figures over every dossier, as the worker last counted them.

    One row, counted again by beat every ``DASHBOARD_SUMMARY_SECONDS``
    (``dashboards.cabinet.cabinet_figures_refresh``), so that no page counts over every
    dossier. It holds codes and counts only, labelled in the reader's language at view
    time, and names no partner of a classified or need-to-know agreement.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=CABINET_FIGURES_ROW)
    day = models.DateField(_("counted for the day"))
    counted_at = models.DateTimeField(_("counted at"))
    # [workstream, status, count]
    by_status = models.JSONField(_("dossiers by workstream and status"))
    # ["YYYY-MM", workstream, count] over the twelve months up to ``day``
    opened_per_month = models.JSONField(_("dossiers opened per month and workstream"))
    # [short name, name, French name, status, count]; the names empty when not nameable
    protocols = models.JSONField(_("protocol agreements by partner and status"))
    # {step: count}
    access_request_steps = models.JSONField(_("requests for access to police information"))
    overdue = models.PositiveIntegerField(_("open dossiers past their deadline"))
    reviews_due = models.PositiveIntegerField(_("protocol agreements due for review"))

    class Meta:
        verbose_name = _("cabinet figures")
        verbose_name_plural = _("cabinet figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=CABINET_FIGURES_ROW), name="cabinet_figures_one_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.counted_at:%Y-%m-%d %H:%M}"

    def is_late(self, now: datetime.datetime) -> bool:
        """Whether beat's worker has not counted them again for several intervals."""
        interval = datetime.timedelta(seconds=settings.DASHBOARD_SUMMARY_SECONDS)
        return now - self.counted_at > LATE_AFTER_INTERVALS * interval
