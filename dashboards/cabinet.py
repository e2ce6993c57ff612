"""The cabinet's home: figures over every dossier, counted by the worker, read by the page.

Beat has the worker count them every ``DASHBOARD_SUMMARY_SECONDS`` (a minute) and store
them in one row (``CabinetFigures``) that every web process reads: one query per panel
over every dossier in the worker, one small read in the page. The row holds codes and
counts, labelled at view time in the reader's language.

They count every dossier, classified ones included, but never name one: they are grouped
by workstream, status, month or step, and protocol agreements keep their partner only
when the agreement's dossier is open to all (neither classified nor for need-to-know
only); the others are counted under one label.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from clearances.selectors import coverage
from dashboards.figures import Bar, Matrix, Term, bars, count_matrix
from dashboards.models import CabinetFigures
from dossiers.access import dossiers_open_to_all
from dossiers.models import AccessRequest, Dossier, ProtocolAgreement
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
# Steps whose label names bodies by their codes, said in plain words (the code as tooltip).
STEP_WORDS = {
    AccessRequest.Step.OPINIONS_REQUESTED: (
        _("Opinions asked of the prosecutors-general and the police information watchdog"),
        "College PG, COC",
    ),
}
MONTHS_SHOWN = 12


@dataclass
class Attention:
    """One line of the cabinet's headline: what needs attention, in words."""

    count: int
    text: str
    url_name: str = ""


# --- Counted by the worker: codes and counts, one query per panel --------------------


def status_counts() -> list[list]:
    """[workstream, status, count] of every dossier."""
    rows = Dossier.objects.order_by().values_list("workstream", "status").annotate(n=Count("pk"))
    return [list(row) for row in rows]


def last_months(today: datetime.date, count: int) -> list[datetime.date]:
    months = []
    month = today.replace(day=1)
    for _step in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def opened_per_month_counts(today: datetime.date) -> list[list]:
    """["YYYY-MM", workstream, count] of the dossiers opened in the last twelve months."""
    rows = (
        Dossier.objects.filter(opened_on__gte=last_months(today, MONTHS_SHOWN)[0])
        .order_by()
        .annotate(month=TruncMonth("opened_on"))
        .values_list("month", "workstream")
        .annotate(n=Count("pk"))
    )
    return [[month.strftime("%Y-%m"), workstream, n] for month, workstream, n in rows]


def protocol_counts() -> list[list]:
    """[short name, name, French name, status, count] of the protocol agreements; the
    partner's names are left empty when the agreement's dossier is not open to all."""
    rows = (
        ProtocolAgreement.objects.order_by()
        .annotate(nameable=Exists(dossiers_open_to_all().filter(pk=OuterRef("dossier"))))
        .values_list(
            "nameable", "partner__short_name", "partner__name", "partner__name_fr", "status"
        )
        .annotate(n=Count("pk"))
    )
    return [
        [*(names if nameable else ("", "", "")), status, n] for nameable, *names, status, n in rows
    ]


def access_request_step_counts() -> dict[str, int]:
    return dict(AccessRequest.objects.order_by().values_list("step").annotate(n=Count("pk")))


def overdue_count(today: datetime.date) -> int:
    return Dossier.objects.filter(deadline__lt=today, status__in=Dossier.OPEN_STATUSES).count()


def reviews_due_count(today: datetime.date) -> int:
    """Signed protocol agreements whose review falls within 30 days (or is past)."""
    return ProtocolAgreement.objects.filter(
        status=ProtocolAgreement.Status.SIGNED,
        review_on__lte=today + datetime.timedelta(days=30),
    ).count()


def cabinet_figures_refresh() -> CabinetFigures:
    """Count the cabinet's figures over every dossier and store them in their one row.
    Running twice is harmless: the later count replaces the earlier one."""
    today = timezone.localdate()
    figures = CabinetFigures(
        day=today,
        counted_at=timezone.now(),
        by_status=status_counts(),
        opened_per_month=opened_per_month_counts(today),
        protocols=protocol_counts(),
        access_request_steps=access_request_step_counts(),
        overdue=overdue_count(today),
        reviews_due=reviews_due_count(today),
    )
    fields = [field.name for field in CabinetFigures._meta.concrete_fields if not field.primary_key]
    CabinetFigures.objects.bulk_create(
        [figures], update_conflicts=True, unique_fields=["id"], update_fields=fields
    )
    return figures


# --- Read by the page: labelled in the reader's language ------------------------------


def workstream_status_matrix(rows: list[list]) -> Matrix:
    counts = {(workstream, status): n for workstream, status, n in rows}
    return count_matrix(counts, Workstream.choices, Dossier.Status.choices)


def monthly_evolution(rows: list[list], today: datetime.date) -> Matrix:
    """Dossiers opened per month and workstream over the last twelve months: only the
    months in which a dossier was opened, each named as the reader's language names it."""
    counts = {(month, workstream): n for month, workstream, n in rows}
    with_data = {month for month, _workstream in counts}
    months = [
        (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT"))
        for month in last_months(today, MONTHS_SHOWN)
        if month.strftime("%Y-%m") in with_data
    ]
    return count_matrix(counts, months, Workstream.choices)


def protocol_agreements_by_partner(rows: list[list]) -> Matrix:
    counts: dict[tuple[str, str], int] = {}
    for short_name, name, name_fr, status, n in rows:
        partner = partner_term(short_name, name, name_fr) if name else Term(str(CLASSIFIED_PARTNER))
        counts[(partner, status)] = counts.get((partner, status), 0) + n
    partners = sorted({partner for partner, _status in counts})
    return count_matrix(counts, [(p, p) for p in partners], ProtocolAgreement.Status.choices)


def partner_term(short_name: str, name: str, name_fr: str) -> Term:
    """The partner's full name in the reader's language, its abbreviation as the code."""
    french = (get_language() or "").startswith("fr") and name_fr
    return Term(french or name, short_name)


def access_requests_by_step(counts: dict[str, int]) -> list[Bar]:
    return bars(
        [
            (Term(str(words), code), counts.get(step, 0))
            for step, label in AccessRequest.Step.choices
            for words, code in [STEP_WORDS.get(step, (label, ""))]
        ]
    )


def labelled_figures(figures: CabinetFigures, today: datetime.date) -> dict[str, object]:
    """The stored figures as the page shows them, in the reader's language."""
    by_status = workstream_status_matrix(figures.by_status)
    return {
        "by_status": by_status,
        "workstream_bars": bars([(row[0], row[2]) for row in by_status.rows]),
        "evolution": monthly_evolution(figures.opened_per_month, today),
        "protocols": protocol_agreements_by_partner(figures.protocols),
        "access_request_steps": access_requests_by_step(figures.access_request_steps),
        "overdue": figures.overdue,
        "reviews": figures.reviews_due,
        "as_of": timezone.localtime(figures.counted_at),
        "figures_late": figures.is_late(timezone.now()),
    }


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
    the stored counts over every dossier (``labelled_figures``)."""
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


def stored_cabinet_figures() -> CabinetFigures | None:
    """The figures the worker last stored. Where tasks run in the web process (the
    embedded default of ``make run``: no worker, so no beat) nobody else counts them,
    and the page counts them itself when they are missing or late (a demo's few dossiers)."""
    figures = CabinetFigures.objects.first()
    if settings.CELERY_TASK_ALWAYS_EAGER and (figures is None or figures.is_late(timezone.now())):
        figures = cabinet_figures_refresh()
    return figures


def cabinet_dashboard(user: User, today: datetime.date | None = None) -> dict[str, object]:
    """The cabinet's home. The figures over every dossier are those the worker last
    stored: none yet (the page says so), or late (the page says since when)."""
    today = today or timezone.localdate()
    coverage_rows = list(coverage(user, today))
    figures = stored_cabinet_figures()
    summary = labelled_figures(figures, today) if figures else {}
    return {
        "attention": attention_lines(coverage_rows, summary),
        "coverage_bars": coverage_counts(coverage_rows),
        "figures_counted": figures is not None,
        **summary,
    }
