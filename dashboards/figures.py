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
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clearances.selectors import coverage, due_for_renewal, expired_on, visible_clearances
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


@dataclass
class Bar:
    label: str
    value: int
    share: float  # of the largest bar, 0-100, for the chart


@dataclass
class Matrix:
    """Rows by columns of counts, e.g. workstreams by status."""

    rows: list[tuple[str, list[int], int]]
    columns: list[str]


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _label, value in pairs), default=0) or 1
    return [Bar(str(label), value, round(100 * value / top, 1)) for label, value in pairs]


def count_matrix(
    counts: dict[tuple[str, str], int], rows: list[tuple[str, str]], columns: list[tuple[str, str]]
) -> Matrix:
    return Matrix(
        rows=[
            (
                str(row_label),
                [counts.get((row, column), 0) for column, _label in columns],
                sum(counts.get((row, column), 0) for column, _label in columns),
            )
            for row, row_label in rows
        ],
        columns=[str(label) for _value, label in columns],
    )


def workstream_status_matrix(dossiers: QuerySet[Dossier]) -> Matrix:
    counts = {
        (row["workstream"], row["status"]): row["n"]
        for row in dossiers.order_by().values("workstream", "status").annotate(n=Count("pk"))
    }
    return count_matrix(counts, Workstream.choices, Dossier.Status.choices)


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    month = today.replace(day=1)
    for _step in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def monthly_evolution(today: datetime.date, months: int = 12) -> Matrix:
    """Dossiers opened per month and workstream, over the last ``months`` months."""
    periods = last_months(today, months)
    counts = {
        (row["month"].strftime("%Y-%m"), row["workstream"]): row["n"]
        for row in Dossier.objects.filter(opened_on__gte=periods[0])
        .order_by()
        .annotate(month=TruncMonth("opened_on"))
        .values("month", "workstream")
        .annotate(n=Count("pk"))
    }
    rows = [(month.strftime("%Y-%m"), month.strftime("%Y-%m")) for month in periods]
    return count_matrix(counts, rows, Workstream.choices)


def protocol_agreements_by_partner() -> Matrix:
    rows = (
        ProtocolAgreement.objects.order_by()
        .annotate(nameable=Exists(dossiers_open_to_all().filter(pk=OuterRef("dossier"))))
        .values("partner__short_name", "status", "nameable")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        partner = row["partner__short_name"] if row["nameable"] else str(CLASSIFIED_PARTNER)
        key = (partner, row["status"])
        counts[key] = counts.get(key, 0) + row["n"]
    partners = sorted({partner for partner, _status in counts})
    return count_matrix(counts, [(p, p) for p in partners], ProtocolAgreement.Status.choices)


def access_requests_by_step() -> list[Bar]:
    counts = dict(AccessRequest.objects.order_by().values_list("step").annotate(n=Count("pk")))
    return bars([(label, counts.get(step, 0)) for step, label in AccessRequest.Step.choices])


def coverage_counts(user: User, today: datetime.date) -> list[Bar]:
    """How many organisations are covered, and how many are flagged for each reason."""
    rows = list(coverage(user, today))
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
        }
        cache.set(key, summary, settings.DASHBOARD_SUMMARY_SECONDS)
    return summary


def cabinet_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    today = today or timezone.localdate()
    return {"coverage_bars": coverage_counts(user, today), **dossier_summary(today)}


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
        "by_status": workstream_status_matrix(dossiers),
        "today": today,
    }


def security_officer_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    """His organisation's clearances to act on, its coverage line, and what is shared."""
    today = today or timezone.localdate()
    return {
        "clearances_to_act_on": visible_clearances(user)
        .filter(due_for_renewal(today) | expired_on(today))
        .select_related("person")
        .order_by("valid_until")[:25],
        "coverage_line": coverage(user, today).first(),
        "shared": visible_dossiers(user).order_by("-opened_on")[:25],
        "today": today,
    }
