"""The dossier itself, its reference counter and the base of everything it holds."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.versions import version_field
from directory.classification import (
    Classification,
    classification_field,
    restricted_distribution_field,
)
from directory.models import Organisation
from dossiers.workstreams import Workstream

# What the access rule (dossiers.access.visible_dossiers) reads of a dossier beside its key:
# an index of a list's order that holds them is walked without reading the table.
ACCESS_RULE_COLUMNS = ["classification", "restricted_distribution", "owner"]


class Dossier(models.Model):
    """The unit of work of one workstream. ``str()`` is the reference number, never the title."""

    class Kind(models.TextChoices):
        ACCESS_REQUEST = (
            "access_request",
            _("Request for access to police information (WPA 44/11/9)"),
        )
        PROTOCOL_AGREEMENT = "protocol_agreement", _("Protocol agreement")
        LEGISLATIVE_FILE = "legislative_file", _("Legislative file")
        ADVICE = "advice", _("Advice")
        PILOT_PROJECT = "pilot_project", _("Pilot project")
        ACTIVITY = "activity", _("Activity")
        CONTACT = "contact", _("Contact")
        MEETING = "meeting", _("Meeting")
        ACTION = "action", _("Operational action")
        PROPOSAL = "proposal", _("Proposal")
        INFORMATION_REQUEST = "information_request", _("Information request")
        PARLIAMENTARY_FOLLOW_UP = "parliamentary_follow_up", _("Parliamentary follow-up")
        # The frame of a consultation body (network app): made with the body, never by hand;
        # the report speaks of its work through the dossiers its meetings discussed.
        NETWORK = "network", _("Consultation body or network")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for a partner")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)
    workstream = models.CharField(_("workstream"), max_length=30, choices=Workstream.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_dossiers",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="dossiers"
    )
    classification = classification_field()
    restricted_distribution = restricted_distribution_field()
    classified_on = models.DateField(
        _("classified on"),
        null=True,
        blank=True,
        help_text=_(
            "When the item was classified; left empty, the opening date (or the day it "
            "becomes classified)."
        ),
    )
    declassification_review_on = models.DateField(
        _("declassification review"),
        null=True,
        blank=True,
        help_text=_(
            "When the classification must be evaluated; left empty, the legal term applies. "
            "A date set by hand is kept when the level changes."
        ),
    )
    # Releasable wording: how the report to Parliament may speak of a classified or
    # need-to-know dossier, at ``releasable_to`` and above (dossiers.access decides).
    public_title = models.CharField(
        _("public title"), max_length=250, blank=True, default="", db_default=""
    )
    public_summary = models.TextField(_("public summary"), blank=True, default="", db_default="")
    releasable_to = classification_field(
        verbose_name=_("releasable to"),
        default=None,
        null=True,
        blank=True,
        help_text=_("The lowest level of audience that may read the public title and summary."),
    )
    review_date_set_by_hand = models.BooleanField(
        _("review date set by hand"),
        default=False,
        db_default=False,  # for bulk loads in SQL (bench.dataset)
        help_text=_("Kept when the level changes, instead of the legal term."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"), default=datetime.date.today)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = version_field()  # of the dossier with its details; see common.versions

    # Statuses of a dossier still being worked on: its deadlines and tasks still count.
    OPEN_STATUSES = [Status.OPEN, Status.IN_PROGRESS, Status.WAITING]

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(classification=Classification.NIET_GECLASSIFICEERD)
                | Q(declassification_review_on__isnull=False),
                name="dossier_classified_has_review_date",
            ),
            # Releasable wording has a title, and is for an audience below the dossier's
            # own level (at its level only for a need-to-know dossier).
            models.CheckConstraint(
                condition=Q(releasable_to__isnull=True)
                | (
                    ~Q(public_title="")
                    & (
                        Q(releasable_to__lt=F("classification"))
                        | Q(restricted_distribution=True, releasable_to__lte=F("classification"))
                    )
                ),
                name="dossier_releasable_wording_below_its_level",
                violation_error_code="releasable_wording",
                violation_error_message=_(
                    "Releasable wording needs a public title and a level below the dossier's "
                    "own (or at it, for a dossier with restricted distribution)."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["classification", "restricted_distribution"], name="dossier_access_idx"
            ),
            # A workstream and status (a cell of the officer's home, the filtered list) with
            # what the access rule reads, so that a cell's count is read from the index in
            # order and left after its cap (dashboards.figures.capped_cell_counts).
            models.Index(
                fields=[
                    "workstream",
                    "status",
                    "classification",
                    "restricted_distribution",
                    "owner",
                    "id",
                ],
                name="dossier_cell_idx",
            ),
            # The filtered list sorted by classification either way, read in its order
            # (the keys the tie-break): PostgreSQL walked every dossier's class order for a
            # security officer's page instead (0.4 s at 1M; 17-21 ms from here).
            models.Index(
                fields=["workstream", "status", "classification", "id"],
                include=["restricted_distribution", "owner"],
                name="dossier_cell_class_idx",
            ),
            models.Index(fields=["deadline"], name="dossier_deadline_idx"),
            models.Index(fields=["owner"], name="dossier_owner_idx"),
            models.Index(
                fields=["declassification_review_on"],
                condition=Q(declassification_review_on__isnull=False),
                name="dossier_review_idx",
            ),
            # The list's default order: its first page is read from the index, not sorted.
            # With the columns the access rule reads, so that the list's keys are read from
            # the index alone, past the dossiers the rule leaves out (common.lists,
            # KeyedPaginator).
            models.Index(
                fields=["-opened_on", "-id"],
                include=ACCESS_RULE_COLUMNS,
                name="dossier_list_order_idx",
            ),
            # The list sorted by classification (either way): 0.13-0.57 s sorting every
            # visible dossier at 1M, 6-9 ms read from the index. Beside dossier_access_idx,
            # not instead: that one's duplicates compress it for the rule's bitmap scans.
            models.Index(fields=["classification", "id"], name="dossier_class_order_idx"),
            # A section of the committee report in its order (dossiers.report.section_heads):
            # its first dossiers of each part of the period are read from the index and
            # left after a page, without walking the other sections' dossiers.
            models.Index(
                fields=["workstream", "opened_on", "reference"], name="dossier_section_date_idx"
            ),
            # The list's order within a workstream and status: a list filtered on both reads
            # its first page from the cell, instead of walking the whole list past every
            # dossier of the other cells (a reader who sees few of them walked thousands).
            models.Index(
                fields=["workstream", "status", "-opened_on", "-id"],
                include=ACCESS_RULE_COLUMNS,
                name="dossier_cell_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])

    def get_additional_data(self) -> dict[str, int]:
        """Ties audit entries to the dossier, so its history can be shown."""
        return {"dossier": self.pk}

    @property
    def is_classified(self) -> bool:
        return self.classification > Classification.NIET_GECLASSIFICEERD

    @property
    def is_confidential(self) -> bool:
        """Classified (BEPERKT and up) or need-to-know only: the opposite of open to all.

        Messages about it name the reference only, and opening it asks the purpose.
        """
        from dossiers.access import is_open_to_all  # the rule lives with the access rule

        return not is_open_to_all(self)

    @property
    def needs_access_purpose(self) -> bool:
        """Opening it asks the purpose and logs the access (rule 9)."""
        return self.is_confidential


class ReferenceCounter(models.Model):
    """The last reference number used in a year; locked while a dossier is created."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class DossierPart(models.Model):
    """A row that belongs to one dossier: its audit entries are tied to the dossier."""

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, int]:
        """Ties audit entries to the dossier, so its history can show them (rule 4)."""
        return {"dossier": self.dossier_id}
