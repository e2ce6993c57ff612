"""Figures of the home pages. Each function is a fixed number of queries, whatever the data.

The charts' and tables' shapes (``Bar``, ``Matrix``) are shared with the cabinet's home
(``dashboards.cabinet``), whose figures over every dossier are counted by the worker.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import User
from clearances.selectors import coverage, due_for_renewal, expired_on, visible_clearances
from common.lists import CappedCount, capped_sum
from dossiers.access import MARKING_FIELDS, recently_shared, visible_dossiers
from dossiers.models import Dossier, ProtocolAgreement, Task, TimelineEntry
from dossiers.workstreams import Workstream


@dataclass
class Bar:
    label: str
    value: int
    share: float  # of the largest bar, 0-100, for the chart
    code: str = ""  # the procedure's code or abbreviation, shown as a tooltip


class Term(str):
    """A label in plain words that keeps its code (an abbreviation) for a tooltip."""

    code = ""

    def __new__(cls, words: str, code: str = "") -> "Term":
        term = super().__new__(cls, words)
        term.code = code if code != words else ""
        return term


@dataclass
class Matrix:
    """Rows by columns of counts, e.g. workstreams by status."""

    rows: list[tuple[str, list[int], int]]
    columns: list[str]
    cap: int | None = None  # counts above it are shown as "1.000+"

    @property
    def capped(self) -> bool:
        return any(getattr(total, "capped", False) for _label, _values, total in self.rows)

    @property
    def cap_label(self) -> str:
        return CappedCount(self.cap or 0).label


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _label, value in pairs), default=0) or 1
    return [
        Bar(str(label), value, round(100 * value / top, 1), getattr(label, "code", ""))
        for label, value in pairs
    ]


def count_matrix(
    counts: dict[tuple[str, str], int],
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    cap: int | None = None,
) -> Matrix:
    return Matrix(
        rows=[
            (
                row_label if isinstance(row_label, Term) else str(row_label),
                values,
                capped_sum(values) if cap else sum(values),
            )
            for row, row_label in rows
            for values in [[counts.get((row, column), 0) for column, _label in columns]]
        ],
        columns=[str(label) for _value, label in columns],
        cap=cap,
    )


# The outer rows of ``capped_cell_counts``: one per workstream and status.
CELL = "matrix_cell"


def capped_cell_counts(dossiers: QuerySet[Dossier], cap: int) -> dict[tuple[str, str], CappedCount]:
    """How many of ``dossiers`` fall in each workstream and status, each cell counted up to
    ``cap`` (then "1.000+"), in one statement whose cost does not grow with the dossiers.

    Each cell is a ``LIMIT cap + 1`` subquery of ``dossiers`` itself (the access rule,
    filtered in the database, per request: a lapsed clearance takes counts away at once),
    read down ``dossier_cell_idx`` in its order, so that it stops after ``cap + 1``
    visible dossiers instead of reading the whole cell. The cells are the rows of the
    outer query, so the user's grants are looked up (or hashed) once for all of them.
    """
    if dossiers.query.is_empty():
        return {}
    cells = [(w, s) for w, _label in Workstream.choices for s, _label in Dossier.Status.choices]
    # The only raw SQL: the outer row's columns by a constant alias; values go as params.
    outer = {name: RawSQL(f"{CELL}.{name}", ()) for name in ("workstream", "status")}  # noqa: S611
    in_cell = dossiers.filter(**outer)
    # Ordered as the index (the cell fixed by equality), so that it is read in order and
    # left after cap + 1 rows, never bitmap-scanned whole; restricted distribution before
    # the owner, as dossier_cell_idx holds them, so that a cell's dossiers open to all come
    # first and most cells are counted without asking the grants.
    in_order = in_cell.order_by("classification", "restricted_distribution", "owner")
    inner, params = in_order.values("pk")[: cap + 1].query.sql_with_params()
    outer_rows = " UNION ALL ".join(["SELECT %s AS workstream, %s AS status"] * len(cells))
    sql = (  # Django's SQL of the rule, with its params passed below
        f"SELECT {CELL}.workstream, {CELL}.status, (SELECT COUNT(*) FROM ({inner}) capped) "  # noqa: S608
        f"FROM ({outer_rows}) {CELL}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(value for cell in cells for value in cell)])
        return {(row[0], row[1]): CappedCount(row[2], cap) for row in cursor.fetchall()}


def capped_workstream_status_matrix(dossiers: QuerySet[Dossier], cap: int) -> Matrix:
    """``workstream_status_matrix`` with each cell counted up to ``cap``."""
    counts = capped_cell_counts(dossiers, cap)
    return count_matrix(counts, Workstream.choices, Dossier.Status.choices, cap=cap)


def in_visible(parts: QuerySet, dossiers: QuerySet[Dossier]) -> QuerySet:
    """The parts whose dossier is among ``dossiers``, asked per part read by its key
    (``EXISTS``), so that a page of 25 does not build every visible dossier first."""
    return parts.filter(Exists(dossiers.filter(pk=OuterRef("dossier"))))


def officer_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=30)
    dossiers = visible_dossiers(user)
    return {
        "deadlines": dossiers.filter(deadline__lte=horizon, status__in=Dossier.OPEN_STATUSES)
        .only("pk", "reference", "title", "deadline", *MARKING_FIELDS)
        .order_by("deadline")[:25],
        "reviews": in_visible(ProtocolAgreement.objects.all(), dossiers)
        .filter(Q(review_on__lte=horizon) | Q(valid_until__lte=horizon))
        .select_related("dossier", "partner")
        .order_by("review_on")[:25],
        "open_tasks": in_visible(Task.objects.filter(assignee=user, done_on__isnull=True), dossiers)
        .select_related("dossier")
        .order_by("due_on")[:25],
        "recent": in_visible(TimelineEntry.objects.all(), dossiers)
        .select_related("dossier", "organisation")
        .order_by("-created_at", "-pk")[:10],
        # His own figures, counted per view through the access rule, each cell up to a cap
        # (20 cells of up to 1,001 dossiers: his grants read once for all of them).
        "by_status": capped_workstream_status_matrix(
            visible_dossiers(user, per_row=False), settings.LIST_COUNT_CAP
        ),
        "today": today,
    }


def security_officer_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    """His organisation's clearances to act on, its coverage line, and what is shared."""
    today = today or timezone.localdate()
    return {
        # The 25 people shown come by a second query: joined, every person of his
        # organisation was read whole before the 25 were chosen (3,333 at 1M).
        "clearances_to_act_on": visible_clearances(user)
        .filter(due_for_renewal(today) | expired_on(today))
        .prefetch_related("person")
        .order_by("valid_until")[:25],
        "coverage_line": coverage(user, today).first(),
        "shared": recently_shared(user, 25),
        "my_tasks": my_open_tasks(user)[:25],
        "today": today,
    }


def my_open_tasks(user: User) -> QuerySet[Task]:
    """Open tasks assigned to the user, on dossiers he may read, soonest due first."""
    return (
        Task.objects.filter(assignee=user, done_on=None, dossier__in=visible_dossiers(user))
        .select_related("dossier")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
