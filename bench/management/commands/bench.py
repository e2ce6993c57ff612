"""Build a government-scale data set on PostgreSQL and print what the pages cost."""

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from bench import dataset
from bench.measure import (
    Figure,
    admin_changelist_call,
    register_baseline_admin,
    signed_in_client,
    time_calls,
    time_page,
)
from dossiers.access import visible_dossiers
from dossiers.models import Dossier
from dossiers.views.common import SESSION_PURPOSES, purpose_key
from reminders.sweep import reminders_sweep


class Command(BaseCommand):
    help = "Benchmark the portal on a data set of government scale (PostgreSQL only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 dossiers")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--write", help="write the results as Markdown to this file")

    def handle(
        self, *args: object, scale: float, repeat: int, write: str | None, **options
    ) -> None:
        name = str(connection.settings_dict["NAME"])
        if connection.vendor != "postgresql" or "bench" not in name:
            raise CommandError("Run on a PostgreSQL database whose name contains 'bench'.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        register_baseline_admin()
        if not Dossier.objects.filter(reference__startswith=f"{dataset.PREFIX}-").exists():
            started = time.perf_counter()
            sizes = dataset.build(scale)
            self.stdout.write(f"Data set built in {time.perf_counter() - started:.0f} s: {sizes}")
        figures, explain = self.measure(repeat)
        report = self.render(figures, explain)
        self.stdout.write(report)
        if write:
            Path(write).write_text(report)

    def measure(self, repeat: int) -> tuple[list[Figure], str]:
        officer = User.objects.get(username="bench000")
        security_officer = User.objects.get(username="bench059")
        cabinet = User.objects.get(username="bench005")
        superuser, _ = User.objects.get_or_create(
            username="bench-admin",
            defaults={"is_superuser": True, "is_staff": True, "organisation": officer.organisation},
        )
        today = timezone.localdate()
        quarter = {
            "committee_date": today.isoformat(),
            "period_start": (today - datetime.timedelta(days=91)).isoformat(),
            "period_end": today.isoformat(),
            "ceiling": 0,
        }
        figures = []
        for role, user in (
            ("officer", officer),
            ("security officer", security_officer),
            ("cabinet", cabinet),
        ):
            client = signed_in_client(user)
            dossier = visible_dossiers(user).order_by("-opened_on").first()
            session = client.session
            session[SESSION_PURPOSES] = {
                purpose_key(dossier): {"purpose": "case_work", "detail": "bench"}
            }
            session.save()
            pages = [
                ("dossier list", reverse("dossiers:list")),
                (
                    "dossier list, filtered",
                    reverse("dossiers:list") + "?workstream=radicalisation&status=open",
                ),
                ("search", reverse("dossiers:list") + "?q=protocolafspraak"),
                ("dossier detail", dossier.get_absolute_url()),
                ("home / dashboard", reverse("home")),
            ]
            if role == "officer":
                query = "&".join(f"{key}={value}" for key, value in quarter.items())
                pages.append(
                    ("committee report, a quarter", reverse("dossiers:reports") + "?" + query)
                )
            for label, name in (
                ("clearance list", "clearances:list"),
                ("coverage", "clearances:coverage"),
            ):
                try:
                    pages.append((label, reverse(name)))
                except NoReverseMatch:
                    continue
            for label, url in pages:
                if role == "cabinet" and label == "clearance list":
                    continue
                figures.append(time_page(f"{role}: {label}", client, url, repeat))
        figures.append(
            time_calls("admin changelist (baseline)", admin_changelist_call(superuser), repeat)
        )
        figures.append(
            time_calls(
                "admin changelist, filtered (baseline)",
                admin_changelist_call(
                    superuser, "?workstream__exact=radicalisation&status__exact=open"
                ),
                repeat,
            )
        )
        figures.extend(self.sweep())
        list_query = visible_dossiers(security_officer).order_by("-opened_on", "-pk")[:25]
        explain = list_query.explain(analyze=True)
        return figures, explain

    def sweep(self) -> list[Figure]:
        """One reminder sweep over every deadline of the data set, then rolled back."""

        def sweep_and_undo():
            with transaction.atomic():
                report = reminders_sweep()
                transaction.set_rollback(True)
            return report

        return [
            time_calls(
                "reminder sweep, all deadlines (rolled back)", sweep_and_undo, 1, warm_up=False
            )
        ]

    def render(self, figures: list[Figure], explain: str) -> str:
        lines = [
            "| page | median ms | p95 ms | queries |",
            "| --- | ---: | ---: | ---: |",
            *(f"| {f.label} | {f.median_ms:.1f} | {f.p95_ms:.1f} | {f.queries} |" for f in figures),
            "",
            "EXPLAIN ANALYZE of the security officer's dossier list (first page):",
            "",
            "```",
            explain,
            "```",
        ]
        return "\n".join(lines) + "\n"
