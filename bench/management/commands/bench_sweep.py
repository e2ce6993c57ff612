"""Time one reminder sweep over 200,000 deadlines on PostgreSQL, and count its queries.

The data set is created with bulk inserts inside one transaction that is rolled back
at the end, so the database is left as it was found (whatever it already held counts
in the sweep too, and is reported).
"""

import contextlib
import datetime
import gc
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from bench import dataset
from clearances.models import Clearance, SecurityOfficerAppointment
from directory.classification import Classification
from directory.models import Organisation, Person
from dossiers.models import Dossier, DossierUserGrant, ProtocolAgreement, Task
from dossiers.workstreams import Workstream
from reminders.models import Reminder
from reminders.sweep import allow_long_statements, reminders_sweep

PREFIX = "SWEEP"
SPREAD_DAYS = 365  # deadlines fall from a year ago to a year ahead
ORGANISATIONS = 45  # each with one security officer
LIAISON_OFFICERS = 5
LAPSED_GRANTS = 500


class Rollback(Exception):
    """Leaves the database as it was."""


class Command(BaseCommand):
    help = "Time one reminder sweep over 200,000 deadlines (PostgreSQL; rolled back after)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--deadlines", type=int, default=200_000)

    def handle(self, *args: object, deadlines: int, **options: object) -> None:
        if connection.vendor != "postgresql" or "bench" not in str(
            connection.settings_dict["NAME"]
        ):
            raise CommandError("Run on a PostgreSQL database whose name contains 'bench'.")
        try:
            with transaction.atomic():
                self.run(deadlines)
                raise Rollback
        except Rollback:
            self.stdout.write("Benchmark data rolled back.")
        # The rolled-back rows stay behind as dead tuples until vacuumed, and this server
        # runs without autovacuum: a second run waded through the first one's reminders
        # and took minutes longer.
        dataset.settle()

    def run(self, deadlines: int) -> None:
        started = time.perf_counter()
        created = build(deadlines, timezone.localdate())
        self.stdout.write(f"Created {created} deadlines in {time.perf_counter() - started:.1f} s.")
        self.stdout.write(f"Deadlines in the database: {count_deadlines()}.")
        allow_long_statements()  # the pages' statement_timeout is no limit for ANALYZE
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plans for the data just written, as in production
        gc.collect()
        before = resident_mb()
        reset_peak_memory()
        # DEBUG off: with it on, Django keeps the text of the last 9,000 queries, which
        # would count in the sweep's memory.
        with override_settings(
            DEBUG=False, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            with statements() as first:
                started = time.perf_counter()
                report = reminders_sweep()
                elapsed = time.perf_counter() - started
            peak = peak_mb()
            self.stdout.write(
                f"Sweep: {elapsed:.2f} s, {first.count} queries ({first.seconds:.2f} s executing "
                f"them, {first.cpu_seconds:.2f} s of Python); {report.found} reminders due, "
                f"{report.delivered} delivered to "
                f"{report.recipients} recipients ({Reminder.objects.count()} reminder records); "
                f"memory {before:.0f} MB before, peak {peak:.0f} MB during the sweep "
                f"(+{peak - before:.0f} MB)."
            )
            self.breakdown(first)
            # As autovacuum would after the first sweep's commit: without it, the planner
            # takes the reminders just recorded for an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE reminders_reminder, reminders_notification")
            with statements() as second:
                started = time.perf_counter()
                again = reminders_sweep()
                elapsed = time.perf_counter() - started
            self.stdout.write(
                f"Second sweep: {elapsed:.2f} s, {second.count} queries ({second.seconds:.2f} s "
                f"executing them, {second.cpu_seconds:.2f} s of Python); "
                f"{again.delivered} delivered."
            )
            self.breakdown(second)

    def breakdown(self, timings: "Statements") -> None:
        for statement, (count, seconds) in timings.slowest(8):
            self.stdout.write(f"  {seconds:7.2f} s {count:5d}x  {statement}")


class Statements:
    """Queries counted and timed by statement shape, without keeping their text: the
    SQL of a bulk insert grows with its rows, and keeping it would be counted as the
    sweep's memory.

    ``seconds`` times the execution of each statement, not the rows fetched later from
    a server-side cursor (``iterator()``), which PostgreSQL may spend most of a query
    on; ``cpu_seconds``, the processor time of this process, is what Python costs,
    whatever the load of the machine.
    """

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.by_shape: Counter[str] = Counter()
        self.times: Counter[str] = Counter()

    def __call__(self, execute: Callable, sql: str, params: object, many: bool, context: dict):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            shape = statement_shape(sql)
            self.count += 1
            self.seconds += took
            self.by_shape[shape] += 1
            self.times[shape] += took

    def slowest(self, number: int) -> list[tuple[str, tuple[int, float]]]:
        return [
            (shape, (self.by_shape[shape], seconds))
            for shape, seconds in self.times.most_common(number)
        ]


def statement_shape(sql: str) -> str:
    """The start of a statement with its literals and placeholders folded."""
    shape = re.sub(r"%s(, %s)*|\d+", "?", sql)
    shape = re.sub(r"\(\?(, \?)*\)(, \(\?(, \?)*\))*", "(…)", shape)
    return shape[:150]


@contextlib.contextmanager
def statements() -> Iterator[Statements]:
    timings = Statements()
    started = time.process_time()
    with connection.execute_wrapper(timings):
        yield timings
    timings.cpu_seconds = time.process_time() - started


def status_mb(field: str) -> float:
    """A size from /proc/self/status (Linux), in MB; 0 elsewhere."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return 0.0
    kilobytes = next((line.split()[1] for line in lines if line.startswith(field)), "0")
    return int(kilobytes) / 1024


def resident_mb() -> float:
    return status_mb("VmRSS:")


def peak_mb() -> float:
    return status_mb("VmHWM:")


def reset_peak_memory() -> None:
    """Start the peak resident size afresh (Linux), so that the build's peak is not counted."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def count_deadlines() -> int:
    return (
        Dossier.objects.filter(deadline__isnull=False).count()
        + Task.objects.filter(due_on__isnull=False).count()
        + ProtocolAgreement.objects.filter(review_on__isnull=False).count()
        + ProtocolAgreement.objects.filter(valid_until__isnull=False).count()
        + Clearance.objects.filter(valid_until__isnull=False).count()
    )


def spread(number: int, today: datetime.date) -> datetime.date:
    """Dates over two years, spread evenly and deterministically."""
    return today + datetime.timedelta(days=(number * 7919) % (2 * SPREAD_DAYS) - SPREAD_DAYS)


def build(deadlines: int, today: datetime.date) -> int:
    """Dossier deadlines 30%, tasks 50%, protocol reviews and ends 15%, clearances 5%."""
    organisations, officers, security_officers = people()
    dossier_count = deadlines * 30 // 100
    protocol_count = deadlines * 15 // 200
    dossiers = make_dossiers(dossier_count, officers, today)
    make_tasks(dossiers, deadlines * 50 // 100, [*officers, *security_officers], today)
    make_protocols(make_dossiers(protocol_count, officers, None), organisations[0], today)
    clearance_count = deadlines - dossier_count - deadlines * 50 // 100 - 2 * protocol_count
    make_clearances(organisations, clearance_count, today)
    make_lapsed_grants(dossiers[:LAPSED_GRANTS], security_officers, officers[0], today)
    return dossier_count + deadlines * 50 // 100 + 2 * protocol_count + clearance_count


def people() -> tuple[list[Organisation], list[User], list[User]]:
    organisations = Organisation.objects.bulk_create(
        Organisation(
            short_name=f"{PREFIX}{number:02d}",
            name=f"{PREFIX} organisatie {number:02d}",
            kind=Organisation.Kind.AGENCY,
            handles_classified=True,
        )
        for number in range(ORGANISATIONS)
    )
    users = User.objects.bulk_create(
        User(
            username=f"{PREFIX.lower()}{number:03d}",
            email=f"{PREFIX.lower()}{number:03d}@bench.test",
            organisation=organisations[number % ORGANISATIONS],
            password="!",
        )
        for number in range(LIAISON_OFFICERS + ORGANISATIONS)
    )
    officers, security_officers = users[:LIAISON_OFFICERS], users[LIAISON_OFFICERS:]
    groups = {role: Group.objects.get(name=role.value) for role in Role}
    User.groups.through.objects.bulk_create(
        User.groups.through(
            user_id=user.pk,
            group_id=groups[Role.LIAISON_OFFICER if user in officers else Role.SECURITY_OFFICER].pk,
        )
        for user in users
    )
    persons = Person.objects.bulk_create(
        Person(first_name="VO", last_name=user.username, organisation=user.organisation, user=user)
        for user in security_officers
    )
    SecurityOfficerAppointment.objects.bulk_create(
        SecurityOfficerAppointment(
            person=person,
            organisation=person.organisation,
            starts_on=datetime.date(2020, 1, 1),
            ends_on=spread(number, timezone.localdate()) if number % 3 == 0 else None,
        )
        for number, person in enumerate(persons)
    )
    return organisations, officers, security_officers


def make_dossiers(count: int, owners: list[User], today: datetime.date | None) -> list[Dossier]:
    """Dossiers with a deadline each, or none without ``today``."""
    first = Dossier.objects.filter(reference__startswith=f"{PREFIX}-").count()
    return Dossier.objects.bulk_create(
        (
            Dossier(
                reference=f"{PREFIX}-{first + number:07d}",
                title=f"Bench dossier {number}",
                workstream=Workstream.INFORMATION_POSITION,
                kind=Dossier.Kind.CONTACT,
                owner=owners[number % len(owners)],
                classification=number % 3,
                declassification_review_on=datetime.date(2046, 1, 1),
                deadline=spread(number, today) if today else None,
            )
            for number in range(count)
        ),
        batch_size=10_000,
    )


def make_tasks(
    dossiers: list[Dossier], count: int, assignees: list[User], today: datetime.date
) -> None:
    Task.objects.bulk_create(
        (
            Task(
                dossier=dossiers[number % len(dossiers)],
                title=f"Bench task {number}",
                assignee=assignees[number % len(assignees)],
                due_on=spread(number + 1, today),
            )
            for number in range(count)
        ),
        batch_size=10_000,
    )


def make_protocols(dossiers: list[Dossier], partner: Organisation, today: datetime.date) -> None:
    ProtocolAgreement.objects.bulk_create(
        (
            ProtocolAgreement(
                dossier=dossier,
                partner=partner,
                review_on=spread(number + 2, today),
                valid_until=spread(number + 3, today) + datetime.timedelta(days=SPREAD_DAYS),
            )
            for number, dossier in enumerate(dossiers)
        ),
        batch_size=10_000,
    )


def make_clearances(organisations: list[Organisation], count: int, today: datetime.date) -> None:
    holders = Person.objects.bulk_create(
        (
            Person(
                first_name="Persoon",
                last_name=f"{number:06d}",
                organisation=organisations[number % len(organisations)],
            )
            for number in range(count)
        ),
        batch_size=10_000,
    )
    Clearance.objects.bulk_create(
        (
            Clearance(
                person=person,
                level=Classification.VERTROUWELIJK + number % 3,
                status=Clearance.Status.GRANTED,
                requested_on=today - datetime.timedelta(days=1500),
                decided_on=today - datetime.timedelta(days=1400),
                valid_until=spread(number + 4, today),
            )
            for number, person in enumerate(holders)
        ),
        batch_size=10_000,
    )


def make_lapsed_grants(
    dossiers: list[Dossier], grantees: list[User], granted_by: User, today: datetime.date
) -> None:
    view = Permission.objects.get(content_type__app_label="dossiers", codename="view_dossier")
    DossierUserGrant.objects.bulk_create(
        DossierUserGrant(
            content_object=dossier,
            user=grantees[number % len(grantees)],
            permission=view,
            reason="bench",
            granted_by=granted_by,
            ends_on=today - datetime.timedelta(days=1 + number % 20),
        )
        for number, dossier in enumerate(dossiers)
    )
