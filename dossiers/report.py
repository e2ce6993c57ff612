"""The briefing to the parliamentary committee, built from the dossiers.

It is grouped like the source document, one part per dossier with its status and
the timeline entries of the period, then the open points. It includes only
dossiers at or below the chosen classification and never need-to-know ones; how
many were left out is told to the officer, never written in the report.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User
from directory.classification import Classification
from dossiers.access import releasable_up_to, visible_dossiers
from dossiers.models import Dossier, Task, TimelineEntry
from dossiers.workstreams import Workstream

REPORT_LANGUAGE = "nl"  # the committee of the Flemish Parliament works in Dutch


@dataclass
class ReportSection:
    workstream: Workstream
    dossiers: list[Dossier] = field(default_factory=list)


@dataclass
class Report:
    committee_date: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    ceiling: Classification
    introduction: str
    sections: list[ReportSection]
    open_points: list[Dossier]
    left_out_count: int

    @property
    def dossier_count(self) -> int:
        return sum(len(section.dossiers) for section in self.sections)


def dossiers_of_the_period(
    user: User, start: datetime.date, end: datetime.date
) -> QuerySet[Dossier]:
    """Dossiers the user may see that were opened in the period or saw activity in it."""
    activity = TimelineEntry.objects.filter(dossier=OuterRef("pk"), occurred_on__range=(start, end))
    return visible_dossiers(user).filter(Q(opened_on__range=(start, end)) | Exists(activity))


def build_report(
    *,
    user: User,
    committee_date: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    ceiling: Classification,
    introduction: str = "",
) -> Report:
    candidates = dossiers_of_the_period(user, period_start, period_end)
    fit = releasable_up_to(ceiling)
    dossiers = list(
        candidates.filter(fit)
        .order_by("opened_on", "reference")
        .prefetch_related(
            Prefetch(
                "timeline",
                queryset=TimelineEntry.objects.filter(occurred_on__range=(period_start, period_end))
                .select_related("organisation")
                .order_by("occurred_on", "pk"),
                to_attr="period_entries",
            ),
            Prefetch(
                "tasks",
                queryset=Task.objects.filter(done_on__isnull=True).order_by("due_on", "pk"),
                to_attr="open_tasks",
            ),
            "partners",
        )
    )
    sections = [ReportSection(workstream) for workstream in Workstream]
    by_workstream = {section.workstream.value: section for section in sections}
    for dossier in dossiers:
        by_workstream[dossier.workstream].dossiers.append(dossier)
    return Report(
        committee_date=committee_date,
        period_start=period_start,
        period_end=period_end,
        ceiling=Classification(ceiling),
        introduction=introduction,
        sections=sections,
        open_points=[d for d in dossiers if d.status == Dossier.Status.WAITING or d.open_tasks],
        left_out_count=candidates.exclude(fit).count(),
    )


def render_report_body(report: Report) -> str:
    """The report as HTML, in the committee's language: shown, kept and printed as is."""
    with translation.override(REPORT_LANGUAGE):
        return render_to_string("dossiers/report_body.html", {"report": report})
