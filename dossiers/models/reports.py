"""The kept versions of the briefing to the parliamentary committee."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.classification import Classification, classification_field


class CommitteeReport(models.Model):
    """A kept version of the briefing to the parliamentary committee ("terugkoppeling")."""

    committee_date = models.DateField(_("committee date"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    ceiling = classification_field(
        verbose_name=_("highest classification"),
        help_text=_("Dossiers above this level are left out of the report."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    content = models.TextField(_("content"), editable=False)
    dossier_count = models.PositiveIntegerField(_("dossiers reported"), default=0)
    left_out_count = models.PositiveIntegerField(_("dossiers left out"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_period_in_order",
                violation_error_code="period_order",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Committee report')} {self.committee_date:%Y-%m-%d} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:report_detail", args=[self.pk])

    @property
    def needs_access_purpose(self) -> bool:
        """Reading a report with a classified ceiling asks the purpose and is logged."""
        return Classification(self.ceiling).needs_access_purpose
