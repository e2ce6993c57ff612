"""The briefing to the parliamentary committee, built from the dossiers.

It is grouped like the source document, one item per dossier with its status as it
stood on the last day of the period and the timeline entries of the period, then the
open points of that day. Which wording of a dossier a report at a given ceiling shows
is decided by ``dossiers.access.wording_at``: its own, its releasable wording, or none
(left out and counted for the officer, never written in the report).

Everything the template shows is computed here once per report (labels, partners'
abbreviations in the report's language), so rendering asks nothing per item.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone, translation

from accounts.models import User
from directory.classification import Classification
from directory.models import Organisation
from dossiers.access import (
    Wording,
    reportable_up_to,
    visible_dossiers,
    wording_at,
)
from dossiers.models import AccessRequest, CommitteeReport, Dossier, Task, TimelineEntry
from dossiers.models.reports import committee_name, default_committee
from dossiers.trail import created_after, values_as_of
from dossiers.workstreams import Workstream

# A task due further than this after the period is no open point of that period.
OPEN_POINT_HORIZON = datetime.timedelta(days=183)


@dataclass
class ReportItem:
    dossier_id: int
    wording: Wording
    title: str
    summary: str
    kind: str
    status: str
    step: str = ""
    partners: list[str] = field(default_factory=list)
    entries: list[tuple[datetime.date, str, str]] = field(default_factory=list)
    tasks: list[tuple[str, datetime.date | None]] = field(default_factory=list)
    waiting: bool = False

    @property
    def is_open_point(self) -> bool:
        return self.waiting or bool(self.tasks)


@dataclass
class ReportSection:
    workstream: str
    label: str
    lead: str = ""
    items: list[ReportItem] = field(default_factory=list)
    left_out: list[ReportItem] = field(default_factory=list)  # by the officer, in the draft


@dataclass
class Report:
    committee: str
    committee_name: str
    language: str
    committee_date: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    ceiling: Classification
    marking: str
    introduction: str
    closing: str
    sections: list[ReportSection]
    abbreviations: list[tuple[str, str]]
    left_out_count: int
    read_dossiers: list[Dossier]  # shown in full and classified: each reading is logged

    @property
    def dossier_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    @property
    def open_points(self) -> list[ReportItem]:
        return [item for section in self.sections for item in section.items if item.is_open_point]


@dataclass
class DraftChoices:
    """What the officer chose in a draft: texts, order and dossiers left out."""

    committee: str = ""
    language: str = "nl"
    introduction: str = ""
    closing: str = ""
    section_texts: dict[str, str] = field(default_factory=dict)
    order: dict[str, list[int]] = field(default_factory=dict)
    left_out_ids: list[int] = field(default_factory=list)


def marking_of(ceiling: int) -> str:
    """The classification marking of the document, in the active language."""
    return str(Classification(ceiling).label).upper()


def draft_choices(draft: CommitteeReport) -> DraftChoices:
    return DraftChoices(
        committee=draft.committee,
        language=draft.language,
        introduction=draft.introduction,
        closing=draft.closing,
        section_texts=draft.section_texts,
        order=draft.order,
        left_out_ids=draft.left_out_ids,
    )


def build_draft_report(draft: CommitteeReport, user: User) -> Report:
    """The draft built again from the dossiers, with the officer's choices."""
    return build_report(
        user=user,
        committee_date=draft.committee_date,
        period_start=draft.period_start,
        period_end=draft.period_end,
        ceiling=draft.ceiling,
        choices=draft_choices(draft),
    )


def end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of ``day`` in the portal's time zone."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start) - datetime.timedelta(microseconds=1)


def dossiers_of_the_period(
    user: User, start: datetime.date, end: datetime.date
) -> QuerySet[Dossier]:
    """Dossiers the user may see that were opened in the period or saw activity in it; a
    consultation body's own dossier is reported through the dossiers its meetings discussed."""
    activity = TimelineEntry.objects.filter(dossier=OuterRef("pk"), occurred_on__range=(start, end))
    return (
        visible_dossiers(user)
        .exclude(kind=Dossier.Kind.NETWORK)
        .filter(Q(opened_on__range=(start, end)) | Exists(activity))
    )


def open_tasks_at(end: datetime.date) -> QuerySet[Task]:
    """Tasks open on ``end``: recorded by then, not done by then, due within reason."""
    return (
        Task.objects.filter(Q(done_on__isnull=True) | Q(done_on__gt=end))
        .filter(Q(due_on__isnull=True) | Q(due_on__lte=end + OPEN_POINT_HORIZON))
        .exclude(created_after(Task, end_of(end)))
        .order_by("due_on", "pk")
    )


def build_report(
    *,
    user: User,
    committee_date: datetime.date,
    period_start: datetime.date,
    period_end: datetime.date,
    ceiling: Classification,
    choices: DraftChoices | None = None,
    **texts: str,
) -> Report:
    choices = choices or DraftChoices(**texts)
    language = choices.language or "nl"
    ceiling = Classification(ceiling)
    candidates = dossiers_of_the_period(user, period_start, period_end)
    fit = reportable_up_to(ceiling)
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
            Prefetch("tasks", queryset=open_tasks_at(period_end), to_attr="open_tasks"),
            "partners",
        )
    )
    with translation.override(language):
        items = report_items(dossiers, ceiling, end_of(period_end), language)
        sections = arrange(items, dossiers, choices)
        abbreviations = abbreviations_used(sections, language)
        marking = marking_of(ceiling)
    return Report(
        committee=choices.committee or default_committee(),
        committee_name=committee_name(choices.committee, language),
        language=language,
        committee_date=committee_date,
        period_start=period_start,
        period_end=period_end,
        ceiling=ceiling,
        marking=marking,
        introduction=choices.introduction,
        closing=choices.closing,
        sections=sections,
        abbreviations=abbreviations,
        left_out_count=candidates.exclude(fit).count(),
        read_dossiers=[
            dossier
            for dossier in dossiers
            if dossier.pk in shown_ids(sections)
            and dossier.needs_access_purpose
            and wording_at(dossier, ceiling) is Wording.FULL
        ],
    )


def shown_ids(sections: list[ReportSection]) -> set[int]:
    return {item.dossier_id for section in sections for item in section.items}


def report_items(
    dossiers: list[Dossier], ceiling: Classification, moment: datetime.datetime, language: str
) -> dict[int, ReportItem]:
    """One item per dossier in the wording the ceiling allows, as it stood at ``moment``."""
    ids = [dossier.pk for dossier in dossiers]
    statuses = values_as_of(Dossier, ids, "status", moment)
    steps = steps_as_of(ids, moment)
    status_labels = {value: str(label) for value, label in Dossier.Status.choices}
    kind_labels = {value: str(label) for value, label in Dossier.Kind.choices}
    items = {}
    for dossier in dossiers:
        status = statuses.get(dossier.pk, dossier.status)
        wording = wording_at(dossier, ceiling)
        item = ReportItem(
            dossier_id=dossier.pk,
            wording=wording,
            title=dossier.public_title,
            summary=dossier.public_summary,
            kind=kind_labels.get(dossier.kind, ""),
            status=status_labels.get(status, ""),
            waiting=status == Dossier.Status.WAITING,
        )
        if wording is Wording.FULL:
            fill_in_full(item, dossier, steps.get(dossier.pk, ""), language)
        items[dossier.pk] = item
    return items


def fill_in_full(item: ReportItem, dossier: Dossier, step: str, language: str) -> None:
    """The dossier's own words: only for a dossier the ceiling allows in full."""
    item.title = dossier.title
    item.summary = dossier.summary
    item.step = step
    item.partners = [partner.abbreviation_in(language) for partner in dossier.partners.all()]
    item.entries = [
        (
            entry.occurred_on,
            entry.organisation.abbreviation_in(language) if entry.organisation else "",
            entry.text,
        )
        for entry in dossier.period_entries
    ]
    item.tasks = [(task.title, task.due_on) for task in dossier.open_tasks]


def steps_as_of(dossier_ids: list[int], moment: datetime.datetime) -> dict[int, str]:
    """The step of each access request among the dossiers, as it stood at ``moment``."""
    requests = AccessRequest.objects.filter(dossier__in=dossier_ids).values_list(
        "pk", "dossier_id", "step"
    )
    now = {pk: (dossier_id, step) for pk, dossier_id, step in requests}
    earlier = values_as_of(AccessRequest, now, "step", moment)
    labels = {value: str(label) for value, label in AccessRequest.Step.choices}
    return {
        dossier_id: labels.get(earlier.get(pk, step), "") for pk, (dossier_id, step) in now.items()
    }


def arrange(
    items: dict[int, ReportItem], dossiers: list[Dossier], choices: DraftChoices
) -> list[ReportSection]:
    """The four sections in the source's order, each in the officer's order, then by date."""
    sections = []
    left_out = set(choices.left_out_ids)
    for workstream in Workstream:
        section = ReportSection(
            workstream=workstream.value,
            label=str(workstream.label),
            lead=choices.section_texts.get(workstream.value, ""),
        )
        ids = [dossier.pk for dossier in dossiers if dossier.workstream == workstream.value]
        chosen = [pk for pk in choices.order.get(workstream.value, []) if pk in ids]
        for pk in chosen + [pk for pk in ids if pk not in chosen]:
            (section.left_out if pk in left_out else section.items).append(items[pk])
        sections.append(section)
    return sections


def abbreviations_used(sections: list[ReportSection], language: str) -> list[tuple[str, str]]:
    """The organisations' abbreviations that appear in the report, with their names."""
    text = " ".join(
        " ".join(
            [item.title, item.summary, *item.partners, *(f"{e[1]} {e[2]}" for e in item.entries)]
        )
        for section in sections
        for item in section.items
    )
    found = {}
    for organisation in Organisation.objects.only("name", "name_fr", "short_name", "short_name_fr"):
        short = organisation.abbreviation_in(language)
        name = organisation.name_in(language)
        if short and short != name and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text):
            found[short] = name
    return sorted(found.items(), key=lambda pair: pair[0].lower())
