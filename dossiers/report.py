"""The briefing to the parliamentary committee, built from the dossiers.

It is grouped like the source document, one item per dossier with its status as it
stood on the last day of the period and the timeline entries of the period, then the
open points of that day. Which wording of a dossier a report at a given ceiling shows
is decided by ``dossiers.access.wording_at``: its own, its releasable wording, or none
(left out and counted for the officer, never written in the report).

Everything the template shows is computed here once per report (labels, partners'
abbreviations in the report's language), so rendering asks nothing per item.

A period can hold thousands of dossiers. The kept version is built in full; the
preview and the draft's page build only the first few of each section (``limit``)
and count the rest in the database, and the draft's rows are paged per section
(``draft_pages``), so what a web request costs does not grow with the period.
"""

import datetime
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import Cast, Concat, NullIf, RowNumber
from django.utils import dateformat, timezone, translation

from accounts.models import User
from common.lists import CappedCount
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
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # day, by whom, what
    tasks: list[tuple[str, str]] = field(default_factory=list)  # title, due day or ""
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
    more: int = 0  # included but not built: a preview shows only the first few (capped)


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
    def is_partial(self) -> bool:
        """A preview that leaves dossiers of a section unbuilt (the kept version never)."""
        return any(section.more for section in self.sections)

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


def build_draft_report(
    draft: CommitteeReport,
    user: User,
    limit: int | None = None,
    first: list[Dossier] | None = None,
) -> Report:
    """The draft built again from the dossiers, with the officer's choices; ``first``:
    each section's first ``limit`` included dossiers, where the edit page has read them
    with the first page of the draft's rows (``first_page_included``)."""
    return build_report(
        user=user,
        committee_date=draft.committee_date,
        period_start=draft.period_start,
        period_end=draft.period_end,
        ceiling=draft.ceiling,
        choices=draft_choices(draft),
        limit=limit,
        first=first,
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
    return of_the_period(reported_dossiers(user), start, end)


def reported_dossiers(user: User) -> QuerySet[Dossier]:
    """What a report of the user may speak of, in any period."""
    return visible_dossiers(user).exclude(kind=Dossier.Kind.NETWORK)


def of_the_period(
    dossiers: QuerySet[Dossier], start: datetime.date, end: datetime.date
) -> QuerySet[Dossier]:
    return dossiers.filter(Q(opened_on__range=(start, end)) | Exists(activity_in(start, end)))


def activity_in(start: datetime.date, end: datetime.date) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(dossier=OuterRef("pk"), occurred_on__range=(start, end))


def parts_of_the_period(
    dossiers: QuerySet[Dossier], start: datetime.date, end: datetime.date
) -> list[QuerySet[Dossier]]:
    """``dossiers_of_the_period`` in three disjoint parts, each a range of the opened_on
    index (the "or" of the whole allows none, and makes PostgreSQL hash every timeline
    entry of the period first): opened in the period, which asks no timeline, then
    opened before it with activity in it, then after it (a back-dated entry)."""
    active = Exists(activity_in(start, end))  # the same rule as of_the_period
    return [
        dossiers.filter(opened_on__range=(start, end)),
        dossiers.filter(active, opened_on__lt=start),
        dossiers.filter(active, opened_on__gt=end),
    ]


def union_all(querysets: list[QuerySet]) -> tuple[str, list[object]]:
    """The rows of the querysets, each ordered and sliced as given, as one UNION ALL
    (empty when all are): each in a subquery of its own, as SQLite takes no ORDER BY or
    LIMIT on the members of a UNION itself."""
    selects, params = [], []
    for queryset in querysets:
        if queryset.query.is_empty():
            continue
        sql, queryset_params = queryset.query.sql_with_params()
        selects.append(f"SELECT * FROM ({sql}) part{len(selects)}")  # noqa: S608
        params.extend(queryset_params)
    return " UNION ALL ".join(selects), params


def capped_count(parts: list[QuerySet[Dossier]], stop: int) -> tuple[str, list[object]]:
    """SQL of how many dossiers the disjoint parts hold together, counted up to ``stop``,
    at a cost that does not grow with the period.

    Each part is read from the period's edge down the index of a section's order
    (``dossier_section_date_idx``; the list's for all sections) and left after ``stop``
    rows, and the parts in the order given are left once ``stop`` rows are found in all:
    the cheapest first, so that the others are often not read at all.
    """
    union, params = union_all(
        [part.order_by("-opened_on", "-reference").values("pk")[:stop] for part in parts]
    )
    if not union:
        return "0", []
    return f"(SELECT COUNT(*) FROM ({union} LIMIT {int(stop)}) counted)", params  # noqa: S608


# The section of the row of ``sections_of`` that a part is read for: the part's SQL (and
# its access rule, whose grants PostgreSQL hashes once) serves every section, where a
# copy per section was compiled, planned and hashed four times.
EACH_SECTION = RawSQL("sections.workstream", ())  # noqa: S611 (no value of the request)


def sections_of(workstreams: list[str]) -> tuple[str, list[object]]:
    """A table of the workstreams, one row each, named ``sections``."""
    rows = " UNION ALL ".join(["SELECT %s AS workstream"] * len(workstreams))
    return f"({rows}) sections", list(workstreams)


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
    limit: int | None = None,
    first: list[Dossier] | None = None,
    **texts: str,
) -> Report:
    """The report for the period; with ``limit``, only the first ``limit`` included
    dossiers of each section are built (``first``, where the caller has read them), the
    others counted (``ReportSection.more``)."""
    choices = choices or DraftChoices(**texts)
    language = choices.language or "nl"
    ceiling = Classification(ceiling)
    dossiers_of_user = reported_dossiers(user)
    candidates = of_the_period(dossiers_of_user, period_start, period_end)
    fit = reportable_up_to(ceiling)
    reportable = candidates.filter(fit)
    more: dict[str, int] = {}
    left_out_count = None
    if limit is not None:
        parts = parts_of_the_period(dossiers_of_user, period_start, period_end)
        more, left_out_count = counted_per_section(parts, fit, choices, limit)
        if first is None:
            heads = [part.filter(fit) for part in parts]
            reportable = reportable.filter(pk__in=first_of_each_section(heads, choices, limit))
    dossiers = first if first is not None else list(reportable.order_by("opened_on", "reference"))
    organisations = Organisation.objects.only("name", "name_fr", "short_name", "short_name_fr")
    named = {organisation.pk: organisation for organisation in organisations}
    with translation.override(language):
        period = (period_start, period_end)
        items = report_items(dossiers, ceiling, period, language, named)
        sections = arrange(items, dossiers, choices)
        for section in sections:
            section.more = more.get(section.workstream, 0)
        abbreviations = abbreviations_used(sections, language, named.values())
        marking = marking_of(ceiling)
    shown = shown_ids(sections)
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
        left_out_count=candidates.exclude(fit).count()
        if left_out_count is None
        else left_out_count,
        read_dossiers=[
            dossier
            for dossier in dossiers
            if dossier.pk in shown
            and dossier.needs_access_purpose
            and wording_at(dossier, ceiling) is Wording.FULL
        ],
    )


class PositionIn(Func):
    """Where the row's key stands in ``ids`` (1 for the first), or NULL: for ordering only.

    ``array_position`` on PostgreSQL; SQLite (``make run``) has no arrays, so there it is
    the offset of ",key," in ",id1,id2,...,", which orders alike.
    """

    output_field = IntegerField()

    def __init__(self, ids: list[int]) -> None:
        self.ids = [int(pk) for pk in ids]
        super().__init__(Value(self.ids, output_field=ArrayField(IntegerField())), F("pk"))

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="array_position", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        listed = Value("," + ",".join(map(str, self.ids)) + ",")
        key = Concat(Value(","), Cast(F("pk"), CharField()), Value(","))
        offset = Func(listed, key, function="instr", output_field=IntegerField())
        position = NullIf(offset, Value(0))
        return position.resolve_expression(compiler.query).as_sql(compiler, connection)


def placed_in_section(choices: DraftChoices) -> Case:
    """Where the officer put each dossier in its own section; NULL: not placed (by date)."""
    return Case(
        *(
            When(workstream=workstream, then=PositionIn(ids))
            for workstream, ids in choices.order.items()
            if ids
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


# The order of the dossiers the officer did not place, in a section and in the report.
BY_DATE = [F("opened_on").asc(), F("reference").asc()]


def section_order_by(choices: DraftChoices) -> list[OrderBy]:
    """The order of a section as ``arrange`` makes it: the officer's, then by date (a
    draft nobody arranged has no "placed" to order by: PostgreSQL refuses a constant)."""
    if not any(choices.order.values()):
        return BY_DATE
    return [F("placed").asc(nulls_last=True), *BY_DATE]


def counted_per_section(
    parts: list[QuerySet[Dossier]], fit: Q, choices: DraftChoices, limit: int
) -> tuple[dict[str, CappedCount], CappedCount]:
    """How many dossiers each section includes beyond its first ``limit``, and how many
    the ceiling leaves out, each counted up to ``REPORT_PREVIEW_COUNT_CAP`` (then "100+")
    in the database, in one statement. The kept version counts exactly (``build_report``).
    """
    cap = settings.REPORT_PREVIEW_COUNT_CAP
    included = fit & ~Q(pk__in=choices.left_out_ids) if choices.left_out_ids else fit
    counted, params = capped_count(
        [part.filter(included, workstream=EACH_SECTION) for part in parts], limit + cap + 1
    )
    sections, section_params = sections_of([workstream.value for workstream in Workstream])
    left_out, left_out_params = capped_count([part.exclude(fit) for part in parts], cap + 1)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sections.workstream, {counted} FROM {sections} "  # noqa: S608
            f"UNION ALL SELECT NULL, {left_out}",
            [*params, *section_params, *left_out_params],
        )
        counts = dict(cursor.fetchall())
    more = {
        workstream.value: CappedCount(max(counts[workstream.value] - limit, 0), cap)
        for workstream in Workstream
    }
    return more, CappedCount(counts[None], cap)


def first_of_each_section(
    parts: list[QuerySet[Dossier]], choices: DraftChoices, limit: int
) -> QuerySet[Dossier]:
    """The first ``limit`` dossiers of each section the officer did not leave out, in one
    query: ``section_heads`` of each section, ranked in the section's order."""
    heads = section_heads(parts, choices, [w.value for w in Workstream], limit, left_out=False)
    ranked = heads.annotate(
        placed=placed_in_section(choices),
        rank=Window(
            RowNumber(), partition_by=[F("workstream")], order_by=section_order_by(choices)
        ),
    )
    return ranked.filter(rank__lte=limit).values("pk")


def section_heads(
    parts: list[QuerySet[Dossier]],
    choices: DraftChoices,
    workstreams: list[str],
    stop: int,
    *,
    left_out: bool,
) -> QuerySet[Dossier]:
    """Dossiers among which are the first ``stop`` of each section in its order, with
    those the officer left out (after the others) or without them.

    Each part of the period is read per section: the dossiers the officer placed or left
    out by their ids, the others down the index of the section's order, left after
    ``stop`` rows. So neither a section's whole nor every timeline entry of the period is
    read, and a section the officer arranged is not sorted whole (6-8 s for a quarter at
    a million). On PostgreSQL each part is read for every section through ``LATERAL``.
    """
    placed = [pk for ids in choices.order.values() for pk in ids]
    dropped = set(choices.left_out_ids)
    chosen = [*placed, *dropped] if left_out else [pk for pk in placed if pk not in dropped]

    def heads(section: object) -> list[QuerySet[Dossier]]:
        of_section = [part.filter(workstream=section) for part in parts]
        by_choice = [in_order_of_choice(part.filter(pk__in=chosen), choices) for part in of_section]
        others = [part.exclude(pk__in=[*placed, *dropped]) for part in of_section]
        read = [*(by_choice if chosen else []), *(part.order_by(*BY_DATE) for part in others)]
        return [head.values("pk")[:stop] for head in read]

    if connection.vendor == "postgresql":
        union, params = union_all(heads(EACH_SECTION))
        if union:
            sections, section_params = sections_of(workstreams)
            union = f"SELECT heads.pk FROM {sections} CROSS JOIN LATERAL ({union}) heads"  # noqa: S608
            params = [*section_params, *params]
    else:  # SQLite (``make run``) has no LATERAL: the parts of each section in turn
        union, params = union_all([head for section in workstreams for head in heads(section)])
    found = RawSQL(union, params) if union else []  # noqa: S611 (Django's SQL)
    return Dossier.objects.filter(pk__in=found)


def in_order_of_choice(
    dossiers: QuerySet[Dossier], choices: DraftChoices, *first: str
) -> QuerySet[Dossier]:
    """The dossiers in the order of ``draft_row_order`` (after the fields ``first``):
    included then left out, each by where the officer placed them in their section, then
    by date."""
    return dossiers.annotate(
        placed=placed_in_section(choices),
        dropped=Case(
            When(pk__in=choices.left_out_ids, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    ).order_by(*first, *draft_row_order(choices))


@dataclass
class DraftRow:
    """A dossier of the draft's section as the edit form lists it."""

    dossier: Dossier
    title: str
    included: bool
    position: int


def draft_dossiers(draft: CommitteeReport, user: User) -> QuerySet[Dossier]:
    """The draft's dossiers in the order of its edit form, section by section: those
    included in the officer's order then by date, then those he left out."""
    choices = draft_choices(draft)
    return in_order_of_choice(
        dossiers_of_the_period(user, draft.period_start, draft.period_end).filter(
            reportable_up_to(Classification(draft.ceiling))
        ),
        choices,
        "workstream",
    )


def draft_row_order(choices: DraftChoices) -> list[OrderBy]:
    """The order of a section's rows: those included, then those left out."""
    dropped = [F("dropped").asc()] if choices.left_out_ids else []
    return [*dropped, *section_order_by(choices)]


def as_row(dossier: Dossier, ceiling: Classification, position: int) -> DraftRow:
    full = wording_at(dossier, ceiling) is Wording.FULL
    return DraftRow(
        dossier=dossier,
        title=dossier.title if full else dossier.public_title,
        included=not dossier.dropped,
        position=position,
    )


@dataclass
class DraftPage:
    """A page of a section's rows in the edit form, and whether another follows."""

    rows: list[DraftRow] = field(default_factory=list)
    more: bool = False


def draft_pages(
    draft: CommitteeReport, user: User, workstreams: list[str], page: int, size: int
) -> dict[str, DraftPage]:
    """Page ``page`` of each section's rows, in one query: each section's rows ranked in
    its order, read among the section's first rows up to the page's end
    (``section_heads``), with one row more to tell whether another page follows."""
    offset = (page - 1) * size
    ceiling = Classification(draft.ceiling)
    choices = draft_choices(draft)
    parts = parts_of_the_period(reported_dossiers(user), draft.period_start, draft.period_end)
    heads = section_heads(
        [part.filter(reportable_up_to(ceiling)) for part in parts],
        choices,
        workstreams,
        offset + size + 1,
        left_out=True,
    )
    ranked = (
        draft_dossiers(draft, user)
        .filter(workstream__in=workstreams, pk__in=heads.values("pk"))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("workstream")], order_by=draft_row_order(choices)
            )
        )
    )
    pages = {workstream: DraftPage() for workstream in workstreams}
    page_rows = ranked.filter(rank__gt=offset, rank__lte=offset + size + 1)
    for dossier in page_rows.order_by("workstream", "rank"):
        section = pages[dossier.workstream]
        if dossier.rank > offset + size:
            section.more = True
        else:
            section.rows.append(as_row(dossier, ceiling, dossier.rank))
    return pages


def first_page_included(pages: dict[str, DraftPage], limit: int) -> list[Dossier]:
    """The dossiers the draft's report shows first in each section, read from the first
    page of its rows (of ``limit`` rows or more): the included rows come first, in the
    section's order, so they are those ``first_of_each_section`` would read again."""
    return [row.dossier for page in pages.values() for row in page.rows[:limit] if row.included]


def posted_rows(draft: CommitteeReport, user: User, ids: list[int]) -> list[DraftRow]:
    """The rows a sent form names that the draft still holds; any other id is ignored."""
    ceiling = Classification(draft.ceiling)
    return [
        as_row(dossier, ceiling, 0) for dossier in draft_dossiers(draft, user).filter(pk__in=ids)
    ]


def section_order(draft: CommitteeReport, user: User, workstream: str) -> list[int]:
    """The ids of a section in the edit form's order (ids only, to place moved rows)."""
    return list(
        draft_dossiers(draft, user).filter(workstream=workstream).values_list("pk", flat=True)
    )


def reordered(current: list[int], positions: dict[int, int]) -> list[int]:
    """``current`` with each dossier of ``positions`` moved to its position (from 1); the
    others keep their order around them, so rows the officer did not see stay put."""
    index = {pk: number for number, pk in enumerate(current)}
    order = [pk for pk in current if pk not in positions]
    last = -1  # rows asking for the same position keep their order
    for pk in sorted(positions, key=lambda pk: (positions[pk], index.get(pk, len(current)))):
        last = min(max(positions[pk] - 1, last + 1), len(order))
        order.insert(last, pk)
    return order


def rows_read(rows: list[DraftRow], ceiling: Classification) -> list[Dossier]:
    """The rows whose classified dossier the form names by its own title."""
    return [
        row.dossier
        for row in rows
        if row.dossier.needs_access_purpose and wording_at(row.dossier, ceiling) is Wording.FULL
    ]


def shown_ids(sections: list[ReportSection]) -> set[int]:
    return {item.dossier_id for section in sections for item in section.items}


def report_items(
    dossiers: list[Dossier],
    ceiling: Classification,
    period: tuple[datetime.date, datetime.date],
    language: str,
    organisations: dict[int, Organisation],
) -> dict[int, ReportItem]:
    """One item per dossier in the wording the ceiling allows, as it stood at the end of
    the period."""
    moment = end_of(period[1])
    statuses = values_as_of(Dossier, [dossier.pk for dossier in dossiers], "status", moment)
    full = [dossier.pk for dossier in dossiers if wording_at(dossier, ceiling) is Wording.FULL]
    steps = steps_as_of(full, moment)
    own = OwnWords.of(full, period, language, organisations)
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
        if wording is Wording.FULL:  # the dossier's own words
            item.title = dossier.title
            item.summary = dossier.summary
            item.step = steps.get(dossier.pk, "")
            item.partners = own.partners[dossier.pk]
            item.entries = own.entries[dossier.pk]
            item.tasks = own.tasks[dossier.pk]
        items[dossier.pk] = item
    return items


@dataclass
class OwnWords:
    """What a report shows of the dossiers it words in full: partners, the period's
    timeline and the tasks open at its end, per dossier, in the report's language.

    Read as rows, one query each, not as model instances through ``prefetch_related``:
    for a hundred dossiers that built some five hundred objects (a fifth of the
    preview's time under the profiler) to read four fields of each."""

    partners: dict[int, list[str]]
    entries: dict[int, list[tuple[str, str, str]]]
    tasks: dict[int, list[tuple[str, str]]]

    @classmethod
    def of(
        cls,
        ids: list[int],
        period: tuple[datetime.date, datetime.date],
        language: str,
        organisations: dict[int, Organisation],
    ) -> "OwnWords":
        def abbreviation(pk: int | None) -> str:
            return organisations[pk].abbreviation_in(language) if pk else ""

        own = cls(defaultdict(list), defaultdict(list), defaultdict(list))
        if not ids:
            return own
        partners = Dossier.partners.through.objects.filter(dossier__in=ids)
        for dossier_id, partner_id in partners.order_by(
            "organisation__name", "organisation"
        ).values_list("dossier", "organisation"):
            own.partners[dossier_id].append(abbreviation(partner_id))
        entries = TimelineEntry.objects.filter(dossier__in=ids, occurred_on__range=period)
        for dossier_id, day, organisation_id, text in entries.order_by(
            "occurred_on", "pk"
        ).values_list("dossier", "occurred_on", "organisation", "text"):
            own.entries[dossier_id].append(
                (long_date(day, language), abbreviation(organisation_id), text)
            )
        tasks = open_tasks_at(period[1]).filter(dossier__in=ids)
        for dossier_id, title, due_on in tasks.values_list("dossier", "title", "due_on"):
            own.tasks[dossier_id].append((title, long_date(due_on, language) if due_on else ""))
        return own


@functools.lru_cache(maxsize=2048)
def long_date(day: datetime.date, language: str) -> str:
    """The day written out in ``language`` ("3 oktober 2026"), once: a report of a quarter
    names the same days hundreds of times, and each formatting costs 17 µs."""
    with translation.override(language):
        return dateformat.format(day, "j F Y")


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


def abbreviations_used(
    sections: list[ReportSection], language: str, organisations: Iterable[Organisation]
) -> list[tuple[str, str]]:
    """The organisations' abbreviations that appear in the report, with their names."""
    text = " ".join(
        " ".join(
            [item.title, item.summary, *item.partners, *(f"{e[1]} {e[2]}" for e in item.entries)]
        )
        for section in sections
        for item in section.items
    )
    found = {}
    for organisation in organisations:
        short = organisation.abbreviation_in(language)
        name = organisation.name_in(language)
        if short and short != name and stands_alone_in(short, text):
            found[short] = name
    return sorted(found.items(), key=lambda pair: pair[0].lower())


def stands_alone_in(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a word of its own ("VSSE", not "VSSEX").

    The substring test comes first: a regular expression that starts with a look-behind
    tries every position of the text, and most organisations are not in a report."""
    return word in text and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
