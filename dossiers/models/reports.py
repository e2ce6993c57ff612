"""The committee report: a draft the officer edits, then kept as a dated version."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.classification import Classification, classification_field
from dossiers.models.parts import get_attachment_storage


def report_file_path(instance: "CommitteeReport", filename: str) -> str:
    """A random name beside the attachments: a report is served only through its view."""
    return f"reports/{uuid.uuid4().hex}-{filename}"


class CommitteeReport(models.Model):
    """The briefing to the parliamentary committee ("terugkoppeling").

    A draft (``kept_at`` empty) keeps the officer's choices and texts and is built again
    from the dossiers each time it is shown; a kept version holds its text as written on
    the day it was kept, and its PDF and HTML files, and never changes again.
    """

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        FRENCH = "fr", _("French")

    class Files(models.TextChoices):
        NONE = "none", _("Not requested")
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    committee = models.CharField(_("committee"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    committee_date = models.DateField(_("committee date"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    ceiling = classification_field(
        verbose_name=_("highest classification"),
        help_text=_("Dossiers above this level are left out of the report."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    # {workstream: lead text}, {workstream: [dossier ids in order]}, [dossier ids left out]
    section_texts = models.JSONField(_("section texts"), default=dict, blank=True)
    order = models.JSONField(_("order"), default=dict, blank=True)
    left_out_ids = models.JSONField(_("dossiers left out by the officer"), default=list, blank=True)
    content = models.TextField(_("content"), editable=False, blank=True)
    dossier_count = models.PositiveIntegerField(_("dossiers reported"), default=0)
    left_out_count = models.PositiveIntegerField(_("dossiers left out"), default=0)
    kept_at = models.DateTimeField(_("kept at"), null=True, blank=True)
    files = models.CharField(_("files"), max_length=10, choices=Files.choices, default=Files.NONE)
    pdf_file = models.FileField(
        _("PDF"), upload_to=report_file_path, storage=get_attachment_storage, blank=True
    )
    html_file = models.FileField(
        _("HTML"), upload_to=report_file_path, storage=get_attachment_storage, blank=True
    )
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
        if self.is_draft:
            return reverse("dossiers:report_edit", args=[self.pk])
        return reverse("dossiers:report_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.kept_at is None

    @property
    def needs_access_purpose(self) -> bool:
        """Reading a report with a classified ceiling asks the purpose and is logged."""
        return Classification(self.ceiling).needs_access_purpose

    @property
    def committee_name(self) -> str:
        return committee_name(self.committee, self.language)


def committee_choices() -> list[tuple[str, str]]:
    return [(code, dutch) for code, dutch, _french in settings.REPORT_COMMITTEES]


def default_committee() -> str:
    return settings.REPORT_COMMITTEES[0][0]


def committee_name(code: str, language: str) -> str:
    """The committee's name in the report's language; the default committee if unknown."""
    names = {row[0]: row[1:] for row in settings.REPORT_COMMITTEES}
    dutch, french = names.get(code) or settings.REPORT_COMMITTEES[0][1:]
    return french if language == "fr" else dutch
