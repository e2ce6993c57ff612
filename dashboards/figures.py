"""Figures of the home pages. Each function is a fixed number of queries, whatever the data.

Cabinet figures count every dossier, classified ones included, but never name one:
they are grouped by workstream, status, month or step, and protocol agreements show
their partner only when the agreement's dossier is open to all (neither classified
nor for need-to-know only).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clearances.selectors import coverage, due_for_renewal, expired_on, visible_clearances
from common.lists import CappedCount, capped_sum
from dossiers.access import MARKING_FIELDS, dossiers_open_to_all, visible_dossiers
from dossiers.models import AccessRequest, Dossier, ProtocolAgreement, Task, TimelineEntry
from dossiers.workstreams import Workstream

CLASSIFIED_PARTNER = _("Classified or need-to-know (partner not shown)")
COVERAGE_LABELS = {
    "covered": _("Organisations with a cleared security officer"),
    "no_officer": _("Organisations without a security officer"),
    "uncleared_officer": _("Organisations whose security officer has no valid clearance"),
    "too_many_officers": _("Organisations with more than two security officers"),
    "cleared_people": _("People with a valid clearance"),
    "renewal": _("Clearances due for renewal"),
}
# The cabinet's headline: what needs attention, in words.
ATTENTION_WORDING = {
    "no_officer": ngettext_lazy(
        "%(count)s organisation has no security officer",
        "%(count)s organisations have no security officer",
        "count",
    ),
    "uncleared_officer": ngettext_lazy(
        "%(count)s organisation has a security officer without a valid clearance",
        "%(count)s organisations have a security officer without a valid clearance",
        "count",
    ),
    "renewal": ngettext_lazy(
        "%(count)s person's clearance is due for renewal",
        "%(count)s people's clearances are due for renewal",
        "count",
    ),
    "overdue": ngettext_lazy(
        "%(count)s open dossier is past its deadline",
        "%(count)s open dossiers are past their deadline",
        "count",
    ),
    "reviews": ngettext_lazy(
        "%(count)s protocol agreement is due for review within 30 days",
        "%(count)s protocol agreements are due for review within 30 days",
        "count",
    ),
}


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
class Attention:
    """One line of the cabinet's headline: what needs attention, in words."""

    count: int
    text: str
    url_name: str = ""


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


def workstream_status_matrix(dossiers: QuerySet[Dossier]) -> Matrix:
    counts = {
        (row["workstream"], row["status"]): row["n"]
        for row in dossiers.order_by().values("workstream", "status").annotate(n=Count("pk"))
    }
    return count_matrix(counts, Workstream.choices, Dossier.Status.choices)


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
    # left after cap + 1 rows, never bitmap-scanned whole.
    inner, params = (
        in_cell.order_by("classification").values("pk")[: cap + 1].query.sql_with_params()
    )
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


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    month = today.replace(day=1)
    for _step in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def monthly_evolution(today: datetime.date, months: int = 12) -> Matrix:
    """Dossiers opened per month and workstream over the last ``months`` months: only the
    months in which a dossier was opened, each named as the reader's language names it."""
    periods = last_months(today, months)
    counts = {
        (row["month"].strftime("%Y-%m"), row["workstream"]): row["n"]
        for row in Dossier.objects.filter(opened_on__gte=periods[0])
        .order_by()
        .annotate(month=TruncMonth("opened_on"))
        .values("month", "workstream")
        .annotate(n=Count("pk"))
    }
    with_data = {month for month, _workstream in counts}
    rows = [
        (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT"))
        for month in periods
        if month.strftime("%Y-%m") in with_data
    ]
    return count_matrix(counts, rows, Workstream.choices)


def protocol_agreements_by_partner() -> Matrix:
    rows = (
        ProtocolAgreement.objects.order_by()
        .annotate(nameable=Exists(dossiers_open_to_all().filter(pk=OuterRef("dossier"))))
        .values("partner__short_name", "partner__name", "partner__name_fr", "status", "nameable")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        partner = partner_term(row) if row["nameable"] else Term(str(CLASSIFIED_PARTNER))
        key = (partner, row["status"])
        counts[key] = counts.get(key, 0) + row["n"]
    partners = sorted({partner for partner, _status in counts})
    return count_matrix(counts, [(p, p) for p in partners], ProtocolAgreement.Status.choices)


def partner_term(row: dict[str, str]) -> Term:
    """The partner's full name in the reader's language, its abbreviation as the code."""
    french = (get_language() or "").startswith("fr") and row["partner__name_fr"]
    return Term(french or row["partner__name"], row["partner__short_name"])


# Steps whose label names bodies by their codes, said in plain words (the code as tooltip).
STEP_WORDS = {
    AccessRequest.Step.OPINIONS_REQUESTED: (
        _("Opinions asked of the prosecutors-general and the police information watchdog"),
        "College PG, COC",
    ),
}


def access_requests_by_step() -> list[Bar]:
    counts = dict(AccessRequest.objects.order_by().values_list("step").annotate(n=Count("pk")))
    return bars(
        [
            (Term(str(words), code), counts.get(step, 0))
            for step, label in AccessRequest.Step.choices
            for words, code in [STEP_WORDS.get(step, (label, ""))]
        ]
    )


def coverage_counts(rows: list) -> list[Bar]:
    """How many organisations are covered, and how many are flagged for each reason."""
    return bars(
        [
            (
                COVERAGE_LABELS["covered"],
                sum(not (r.no_officer or r.uncleared_officer) for r in rows),
            ),
            (COVERAGE_LABELS["no_officer"], sum(r.no_officer for r in rows)),
            (COVERAGE_LABELS["uncleared_officer"], sum(r.uncleared_officer for r in rows)),
            (COVERAGE_LABELS["too_many_officers"], sum(r.too_many_officers for r in rows)),
            (COVERAGE_LABELS["cleared_people"], sum(r.cleared_count for r in rows)),
            (COVERAGE_LABELS["renewal"], sum(r.renewal_count for r in rows)),
        ]
    )


def attention_lines(rows: list, summary: dict[str, object]) -> list[Attention]:
    """What needs attention, in words, counted (never named): from the coverage rows and
    the counts over every dossier kept in ``summary`` (``dossier_summary``)."""
    counts = [
        (sum(r.no_officer for r in rows), "no_officer", "clearances:coverage"),
        (sum(r.uncleared_officer for r in rows), "uncleared_officer", "clearances:coverage"),
        (sum(r.renewal_count for r in rows), "renewal", "clearances:coverage"),
        (summary.get("overdue", 0), "overdue", ""),
        (summary.get("reviews", 0), "reviews", ""),
    ]
    return [
        Attention(count, str(ATTENTION_WORDING[key] % {"count": count}), url_name)
        for count, key, url_name in counts
        if count
    ]


def overdue_count(today: datetime.date) -> int:
    return Dossier.objects.filter(deadline__lt=today, status__in=Dossier.OPEN_STATUSES).count()


def reviews_due_count(today: datetime.date) -> int:
    """Signed protocol agreements whose review falls within 30 days (or is past)."""
    return ProtocolAgreement.objects.filter(
        status=ProtocolAgreement.Status.SIGNED,
        review_on__lte=today + datetime.timedelta(days=30),
    ).count()


def dossier_summary(today: datetime.date) -> dict[str, object]:
    """The figures over every dossier, one query per panel: the same for all cabinet staff.

    Kept in the cache for ``DASHBOARD_SUMMARY_SECONDS`` (a minute), per day and language,
    so that they are not counted again over every dossier at each view.
    """
    key = f"dashboards:summary:{today.isoformat()}:{translation.get_language()}"
    summary = cache.get(key)
    if summary is None:
        by_status = workstream_status_matrix(Dossier.objects.all())
        summary = {
            "by_status": by_status,
            "workstream_bars": bars([(row[0], row[2]) for row in by_status.rows]),
            "evolution": monthly_evolution(today),
            "protocols": protocol_agreements_by_partner(),
            "access_request_steps": access_requests_by_step(),
            "overdue": overdue_count(today),
            "reviews": reviews_due_count(today),
            "as_of": timezone.localtime(),  # when these figures were counted
        }
        cache.set(key, summary, settings.DASHBOARD_SUMMARY_SECONDS)
    return summary


def cabinet_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    today = today or timezone.localdate()
    coverage_rows = list(coverage(user, today))
    summary = dossier_summary(today)
    return {
        "attention": attention_lines(coverage_rows, summary),
        "coverage_bars": coverage_counts(coverage_rows),
        **summary,
    }


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
        # His own figures, counted per view through the access rule, each cell up to a cap.
        "by_status": capped_workstream_status_matrix(dossiers, settings.LIST_COUNT_CAP),
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
        "shared": visible_dossiers(user).order_by("-opened_on")[:25],
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
