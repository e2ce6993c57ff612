"""Build a government-scale data set on PostgreSQL and print what the pages cost."""

import datetime
import os
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from bench import dataset
from bench.measure import (
    FLOOR,
    FLOOR_URL,
    Figure,
    Page,
    count_queries,
    register_baseline_admin,
    signed_in_client,
    time_once,
    time_rounds,
)
from bench.server import WORKERS, GunicornServer
from dashboards.cabinet import cabinet_figures_refresh
from directory.classification import Classification
from dossiers import services
from dossiers.access import visible_dossiers
from dossiers.models import CommitteeReport
from dossiers.report import draft_pages
from dossiers.views.common import SESSION_PURPOSES, purpose_key
from network.models import Meeting
from reminders.sweep import reminders_sweep

ROLES = {"officer": "bench000", "security officer": "bench059", "cabinet": "bench005"}
SERVERS = {
    "test-client": "Django's test client, full middleware, DEBUG off; server time",
    "gunicorn": (
        f"gunicorn ({WORKERS} workers), production settings, DEBUG off, over HTTP; "
        "wall-clock time per request at the client, queries counted in process (— if not)"
    ),
}


class Command(BaseCommand):
    help = "Benchmark the portal on a data set of government scale (PostgreSQL only)."

    def add_arguments(self, parser) -> None:
        default = int(os.environ.get("BENCH_SIZE") or 100_000) / 100_000
        parser.add_argument("--scale", type=float, default=default, help="1.0 = 100,000 dossiers")
        parser.add_argument("--repeat", type=int, default=100, help="rounds (samples per page)")
        parser.add_argument("--write", help="write the results as Markdown to this file")
        parser.add_argument(
            "--compare",
            help="a Markdown file of another run (--write): each page's ratio to the floor "
            "here is divided by its ratio there, so the cost's growth shows beside it",
        )
        parser.add_argument(
            "--no-sweep", action="store_true", help="pages only (make bench-sweep times the sweep)"
        )
        parser.add_argument(
            "--server",
            choices=list(SERVERS),
            default="test-client",
            help="the path of the requests: " + "; ".join(f"{k}: {v}" for k, v in SERVERS.items()),
        )
        parser.add_argument(
            "--no-queries",
            action="store_true",
            help="with --server gunicorn: no round in process to count queries (printed as —)",
        )

    def handle(
        self,
        *args: object,
        scale: float,
        repeat: int,
        write: str | None,
        no_sweep: bool = False,
        server: str = "test-client",
        no_queries: bool = False,
        compare: str | None = None,
        **options,
    ) -> None:
        name = str(connection.settings_dict["NAME"])
        if connection.vendor != "postgresql" or "bench" not in name:
            raise CommandError("Run on a PostgreSQL database whose name contains 'bench'.")
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        register_baseline_admin()
        if not User.objects.filter(username="bench000").exists():
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")  # the build, not a request
            started = time.perf_counter()
            sizes = dataset.build(scale)
            dataset.settle()
            self.stdout.write(f"Data set built in {time.perf_counter() - started:.0f} s: {sizes}")
        # As beat's worker does every minute: the cabinet's home reads them.
        started = time.perf_counter()
        cabinet_figures_refresh()
        self.stdout.write(f"Cabinet figures counted in {time.perf_counter() - started:.2f} s")
        figures, explain = self.measure(
            repeat, sweep=not no_sweep, server=server, count=not no_queries
        )
        other = floor_ratios(Path(compare).read_text()) if compare else None
        report = self.render(figures, explain, server, other)
        self.stdout.write(report)
        if write:
            Path(write).write_text(report)

    def measure(
        self, repeat: int, sweep: bool = True, server: str = "test-client", count: bool = True
    ) -> tuple[list[Figure], str]:
        sweeps = self.sweep() if sweep else []  # first: its reminders fill the inboxes
        if server == "gunicorn":
            with GunicornServer() as running:  # starting while the queries are counted here
                queries = {}
                if count:
                    pages = self.all_pages(signed_in_client)
                    queries = {page.label: count_queries(page) for page in pages}
                figures = time_rounds(self.all_pages(running.signed_in_client), repeat, queries)
        else:
            figures = time_rounds(self.all_pages(signed_in_client), repeat)
        security_officer = User.objects.get(username=ROLES["security officer"])
        list_query = visible_dossiers(security_officer).order_by("-opened_on", "-pk")[:25]
        return [*figures, *sweeps], list_query.explain(analyze=True)

    def all_pages(self, sign_in: Callable[[User], object]) -> list[Page]:
        """The floor, every role's pages and the admin baseline, for clients of ``sign_in``
        (the test client's or a server's HTTP client)."""
        clients = {role: sign_in(User.objects.get(username=u)) for role, u in ROLES.items()}
        pages = [page for role, client in clients.items() for page in self.pages(role, client)]
        pages.extend(self.baseline_pages(sign_in))
        pages.insert(0, self.floor(clients["officer"]))
        return pages

    def floor(self, client) -> Page:
        """The floor: the base layout padded to the size of the officer's list page."""
        listed = len(client.get(reverse("dossiers:list")).content)
        bare = len(client.get(FLOOR_URL).content)
        url = f"{FLOOR_URL}?size={max(0, listed - bare)}"
        return Page(FLOOR, lambda: client.get(url))

    def pages(self, role: str, client) -> list[Page]:
        user = User.objects.get(username=ROLES[role])
        today = timezone.localdate()
        visible = visible_dossiers(user).order_by("-opened_on", "-pk")
        # Officers open a classified dossier: the read gate asks its purpose, and logs.
        # One a meeting discussed, where there is one: its timeline also reads the
        # meetings' decisions (a tiny data set may have none for a reader).
        readable = visible.filter(classification__gte=Classification.VERTROUWELIJK)
        discussed = Exists(Meeting.discussed.through.objects.filter(dossier=OuterRef("pk")))
        classified = readable.filter(discussed).first() or readable.first()
        dossier = classified or visible.first()
        session = client.session
        session[SESSION_PURPOSES] = {
            purpose_key(dossier): {"purpose": "case_work", "detail": "bench"}
        }
        session.save()
        listed = reverse("dossiers:list")
        urls = [
            ("dossier list", listed),
            ("dossier list, filtered", listed + "?workstream=radicalisation&status=open"),
            ("search", listed + "?q=protocolafspraak"),
            ("dossier detail" + (", classified" if classified else ""), dossier.get_absolute_url()),
            ("home / dashboard", reverse("home")),
            ("inbox", reverse("inbox")),
        ]
        if role == "officer":
            quarter = {
                "committee_date": today.isoformat(),
                "period_start": (today - datetime.timedelta(days=91)).isoformat(),
                "period_end": today.isoformat(),
                "ceiling": 0,
            }
            query = "&".join(f"{key}={value}" for key, value in quarter.items())
            urls.append(("committee report, a quarter", reverse("dossiers:reports") + "?" + query))
            draft = quarter_draft(user, today)
            rows = reverse("dossiers:report_rows", args=[draft.pk]) + "?section=radicalisation"
            urls.append(("committee report draft, a quarter", draft.get_absolute_url()))
            urls.append(("committee report draft, more rows", f"{rows}&page={next_page(draft)}"))
            urls.append(("audit page", reverse("audit")))
        for label, name in (
            ("clearance list", "clearances:list"),
            ("coverage", "clearances:coverage"),
        ):
            if role == "cabinet" and label == "clearance list":
                continue
            try:
                urls.append((label, reverse(name)))
            except NoReverseMatch:
                continue
        return [Page(f"{role}: {label}", lambda c=client, u=url: c.get(u)) for label, url in urls]

    def baseline_pages(self, sign_in: Callable[[User], object]) -> list[Page]:
        superuser, created = User.objects.get_or_create(
            username="bench-admin",
            defaults={
                "is_superuser": True,
                "is_staff": True,
                "organisation": User.objects.get(username="bench000").organisation,
            },
        )
        client = sign_in(superuser)
        changelist = "/admin/dossiers/dossier/"
        return [
            Page("admin changelist (baseline)", lambda: client.get(changelist)),
            Page(
                "admin changelist, filtered (baseline)",
                lambda: client.get(
                    changelist + "?workstream__exact=radicalisation&status__exact=open"
                ),
            ),
        ]

    def sweep(self) -> list[Figure]:
        """The reminder sweep over every deadline, then again with nothing new."""
        return [
            time_once("reminder sweep, all deadlines", reminders_sweep),
            time_once("reminder sweep, nothing new", reminders_sweep),
        ]

    def render(
        self,
        figures: list[Figure],
        explain: str,
        server: str = "test-client",
        other: dict[str, float] | None = None,
    ) -> str:
        growth = other is not None

        def growth_cell(figure: Figure) -> str:
            before = (other or {}).get(figure.label)
            if figure.ratio is None or not before:
                return ""
            return f" {figure.ratio / before:.2f}× |"

        lines = [
            f"Path: {SERVERS[server]}.",
            "",
            "| page | p50 ms | p95 ms | p50 / floor | samples | queries |"
            + (" growth |" if growth else ""),
            "| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if growth else ""),
            *(
                f"| {f.label} | {f.median_ms:.1f} | {f.p95_ms:.1f} | "
                f"{'' if f.ratio is None else f'{f.ratio:.2f}×'} | {f.samples} | "
                f"{'—' if f.queries is None else f.queries} |"
                + ((growth_cell(f) or " |") if growth else "")
                for f in figures
            ),
            "",
            "EXPLAIN ANALYZE of the security officer's dossier list (first page):",
            "",
            "```",
            explain,
            "```",
        ]
        return "\n".join(lines) + "\n"


def next_page(draft: CommitteeReport) -> int:
    """The second page of the draft's radicalisation rows, or the first in a data set too
    small to fill one (a page past the last is 404)."""
    section = "radicalisation"
    pages = draft_pages(draft, draft.created_by, [section], 1, settings.REPORT_PREVIEW_ITEMS)
    return 2 if pages[section].more else 1


def quarter_draft(officer: User, today: datetime.date) -> CommitteeReport:
    """The officer's draft of the quarter to today (the preview's), made once a day: its
    edit page and a next page of a section's rows are timed."""
    fields = {
        "committee_date": today,
        "period_start": today - datetime.timedelta(days=91),
        "period_end": today,
        "ceiling": Classification.NIET_GECLASSIFICEERD,
    }
    drafts = CommitteeReport.objects.filter(created_by=officer, kept_at__isnull=True, **fields)
    return drafts.first() or services.committee_report_draft(created_by=officer, **fields)


def floor_ratios(markdown: str) -> dict[str, float]:
    """Each page's ratio to the floor in a table written by ``--write``."""
    ratios = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[3].endswith("×"):
            ratios[cells[0]] = float(cells[3].removesuffix("×"))
    return ratios
