"""Reminders: whatever falls due is recorded under a unique key, then delivered (rule 6).

A sweep has two steps, safe to repeat and to run twice at once:

1. **record** - the sources that the domain apps register (``reminders.registry``)
   list what falls due, with a few set-based queries read in chunks; every reminder
   is inserted under its unique key (item, deadline, lead time, recipient), already
   sent, and those inserted get their inbox entry in the same batch. One recorded
   before, or by a sweep running at the same time (the inserts wait for each other
   on the key), is skipped and not told again. Each reminder is written once: a
   pending row marked sent later cost a third of a sweep over a million deadlines.
2. **compose** - each recipient's digest (his first ``REMINDER_DIGEST_LINES``
   reminders and how many more wait in his inbox) is written to the outbox
   (``reminders.outbox``). Both steps commit together: the inbox never waits for
   e-mail, and the e-mail is sent after the commit, at most once.

A source reads only what is not recorded yet (``not_yet_recorded``, an anti-join on the
unique key), so a sweep with nothing new reads nothing it recorded before.

For each item only the latest lead time reached is recorded: a deadline entered six
days ahead gets the 7-day reminder, not the 14-day one as well, and a sweep that did
not run for a few days catches up with one reminder rather than several.

Messages name an item's title only when the recipient may see the item and it is
neither classified nor restricted (rule 7); otherwise only its reference and a link.
They are worded when shown, in the reader's language, so that an inbox entry follows
the item's classification and the reader's clearance of today.
"""

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from operator import attrgetter, or_
from typing import Protocol, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.lookups import LessThan
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from common.bulk import batched, insert_ignoring_conflicts
from reminders import registry
from reminders.models import Notification, OutboxEmail, Reminder, ReminderLeadTime
from reminders.outbox import outbox_send_due

# How long after its moment a missed reminder of a passed deadline still goes out.
CATCH_UP = datetime.timedelta(days=30)
# Items read from the database, and reminders recorded and delivered, this many at a
# time: a sweep's memory does not grow with the number of deadlines.
CHUNK = 2000
# Digests composed for this many recipients at a time (a few queries per batch).
DIGEST_BATCH = 500

Kind = Reminder.Kind
RENEWAL_WINDOW = "renewal_window"
REVOKED = "revoked"

AHEAD = {
    Kind.DOSSIER_DEADLINE: _("Dossier %(item)s: deadline on %(date)s."),
    Kind.TASK_DUE: _("Task in dossier %(item)s: due on %(date)s."),
    Kind.PROTOCOL_REVIEW: _("Protocol agreement %(item)s: review on %(date)s."),
    Kind.PROTOCOL_END: _("Protocol agreement %(item)s: ends on %(date)s."),
    Kind.CLEARANCE_EXPIRY: _("Security clearance of %(item)s: expires on %(date)s."),
    Kind.APPOINTMENT_END: _("Security officer appointment of %(item)s: ends on %(date)s."),
    Kind.GRANT_REVOKED: _(
        "Dossier %(item)s: the need-to-know of %(party)s ended on %(date)s and has been revoked."
    ),
    Kind.ACTION_ITEM: _("Action item of meeting %(item)s: due on %(date)s."),
    Kind.DECLASSIFICATION_REVIEW: _(
        "Dossier %(item)s: its classification is to be reviewed on %(date)s."
    ),
    Kind.INFORMATION_REQUEST_DUE: _("Information request %(item)s: answer due on %(date)s."),
    Kind.QUESTION_ANSWER_DUE: _("Parliamentary question in %(item)s: answer due on %(date)s."),
    Kind.COMMITMENT_DUE: _("Committee commitment in %(item)s: due on %(date)s."),
    Kind.DOSSIER_SHARED: _("Dossier %(item)s was shared with you on %(date)s."),
}
AFTER = {
    Kind.DOSSIER_DEADLINE: _("Dossier %(item)s: the deadline of %(date)s has passed."),
    Kind.TASK_DUE: _("Task in dossier %(item)s: overdue since %(date)s."),
    Kind.PROTOCOL_REVIEW: _("Protocol agreement %(item)s: the review of %(date)s is overdue."),
    Kind.PROTOCOL_END: _("Protocol agreement %(item)s: ended on %(date)s."),
    Kind.CLEARANCE_EXPIRY: _("Security clearance of %(item)s: expired on %(date)s."),
    Kind.APPOINTMENT_END: _("Security officer appointment of %(item)s: ended on %(date)s."),
    Kind.ACTION_ITEM: _("Action item of meeting %(item)s: overdue since %(date)s."),
    Kind.DECLASSIFICATION_REVIEW: _(
        "Dossier %(item)s: the review of its classification, due on %(date)s, is overdue."
    ),
    Kind.INFORMATION_REQUEST_DUE: _(
        "Information request %(item)s: the answer is overdue since %(date)s."
    ),
    Kind.QUESTION_ANSWER_DUE: _(
        "Parliamentary question in %(item)s: the answer is overdue since %(date)s."
    ),
    Kind.COMMITMENT_DUE: _("Committee commitment in %(item)s: overdue since %(date)s."),
}
RENEWAL_WINDOW_OPEN = _(
    "Security clearance of %(item)s: start the renewal now; it expires on %(date)s."
)
CALENDAR_SUMMARIES = {
    Kind.DOSSIER_DEADLINE: _("Deadline of dossier %(item)s"),
    Kind.TASK_DUE: _("Task due in dossier %(item)s"),
    Kind.PROTOCOL_REVIEW: _("Review of protocol agreement %(item)s"),
    Kind.PROTOCOL_END: _("End of protocol agreement %(item)s"),
    Kind.CLEARANCE_EXPIRY: _("Security clearance of %(item)s expires"),
    Kind.APPOINTMENT_END: _("Security officer appointment of %(item)s ends"),
    Kind.ACTION_ITEM: _("Action item of meeting %(item)s due"),
    Kind.DECLASSIFICATION_REVIEW: _("Declassification review of dossier %(item)s"),
    Kind.INFORMATION_REQUEST_DUE: _("Answer due to information request %(item)s"),
    Kind.QUESTION_ANSWER_DUE: _("Answer due to a parliamentary question in %(item)s"),
    Kind.COMMITMENT_DUE: _("Committee commitment due in %(item)s"),
}
RENEWAL_WINDOW_SUMMARY = _("Renewal of the security clearance of %(item)s should start")


class Lead(Protocol):
    """A lead time: a ``ReminderLeadTime``, or a rule such as a clearance's renewal window."""

    @property
    def code(self) -> str: ...

    def reminds_on(self, due_on: datetime.date) -> datetime.date: ...

    def latest_due_on(self, today: datetime.date) -> datetime.date: ...


@dataclass(frozen=True)
class Due:
    """Something that falls due, for one recipient: a reminder to record, or a feed entry."""

    kind: str
    item: models.Model
    due_on: datetime.date
    lead: str
    recipient_id: int
    reference: str
    url: str
    title: str = ""
    party: str = ""
    dossier_id: int | None = None

    def as_row(self, content_type_id: int, recorded_at: datetime.datetime) -> tuple:
        """The reminder's values, in the order of ``RECORDED``: recorded and sent at once."""
        return (
            content_type_id,
            self.item.pk,
            self.kind,
            self.due_on,
            self.lead,
            self.recipient_id,
            self.dossier_id,
            self.reference[:200],
            self.title[:250],
            self.party[:200],
            self.url[:300],
            recorded_at,
            recorded_at,
        )

    def as_reminder(self, content_types: dict[type[models.Model], ContentType]) -> Reminder:
        row = self.as_row(content_types[type(self.item)].pk, timezone.now())
        return Reminder(**dict(zip(RECORDED, row, strict=True)))


# A reminder's fields as recorded, its unique key first: rows sort in the key's order.
RECORDED = (
    "content_type_id",
    "object_id",
    "kind",
    "due_on",
    "lead",
    "recipient_id",
    "dossier_id",
    "reference",
    "title",
    "party",
    "url",
    "created_at",
    "sent_at",
)
KEY_LENGTH = 6


@dataclass(frozen=True)
class Line:
    """A reminder as its reader sees it."""

    text: str
    url: str


@dataclass(frozen=True)
class SweepReport:
    found: int
    recipients: int
    delivered: int
    emails_sent: int = 0
    # E-mails that did not go out in this process: pending for a retry, failed or uncertain.
    emails_failed: int = 0


# --- What falls due -------------------------------------------------------------------


def lead_times() -> dict[str, list[ReminderLeadTime]]:
    """The administrator's lead times, by what they remind of (one query)."""
    grouped: dict[str, list[ReminderLeadTime]] = defaultdict(list)
    for lead in ReminderLeadTime.objects.all():
        grouped[lead.subject].append(lead)
    return grouped


def due_window(
    leads: Sequence[Lead], today: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The deadlines a sweep on ``today`` must look at, for a query; None without lead times."""
    if not leads:
        return None
    lag = max(0, *((lead.reminds_on(today) - today).days for lead in leads))
    return (
        today - CATCH_UP - datetime.timedelta(days=lag),
        max(lead.latest_due_on(today) for lead in leads),
    )


def reached_lead(leads: Sequence[Lead], due_on: datetime.date, today: datetime.date) -> Lead | None:
    """The latest lead time reached by ``today``; None if none, or if it is long past."""
    reached = [lead for lead in leads if lead.reminds_on(due_on) <= today]
    if not reached:
        return None
    lead = max(reached, key=lambda lead: (lead.reminds_on(due_on), lead.code))
    if due_on < today and lead.reminds_on(due_on) < today - CATCH_UP:
        return None
    return lead


def lead_runs(
    leads: Sequence[Lead], window: tuple[datetime.date, datetime.date], today: datetime.date
) -> list[tuple[tuple[datetime.date, datetime.date], str]]:
    """The due dates of ``window`` that reach a lead today, as runs of consecutive dates
    reaching the same one: ``reached_lead`` computed once per date, not once per item."""
    runs: list[tuple[tuple[datetime.date, datetime.date], str | None]] = []
    day = window[0]
    while day <= window[1]:
        lead = reached_lead(leads, day, today)
        code = None if lead is None else lead.code
        if runs and runs[-1][1] == code:
            runs[-1] = ((runs[-1][0][0], day), code)
        else:
            runs.append(((day, day), code))
        day += datetime.timedelta(days=1)
    return [(dates, code) for dates, code in runs if code is not None]


def not_yet_recorded(
    items: QuerySet,
    *,
    kind: str,
    date_field: str,
    leads: Sequence[Lead],
    window: tuple[datetime.date, datetime.date],
    today: datetime.date,
    recipient_field: str | None = None,
    also_told: Iterable[int] = (),
    told_through: tuple[QuerySet, str] | None = None,
) -> QuerySet:
    """The items whose reminder of ``kind`` for the lead reached today is not recorded yet
    for one of their recipients, each annotated with that lead's code (``reached_lead``).

    An anti-join on the reminders' unique key, in the database: a sweep with nothing
    new reads no item, however many deadlines there are. The recipients of an item are
    named by ``recipient_field`` (a field of the item), ``also_told`` (users told of
    every item: pass active ones only, or the items are read again each time) and
    ``told_through`` (rows correlated with the item by ``OuterRef``, and the field
    naming the user in them).
    """
    runs = lead_runs(leads, window, today)
    if not runs:
        return items.none()
    lead = Case(
        *(When(**{f"{date_field}__range": dates}, then=Value(code)) for dates, code in runs),
        output_field=CharField(),
    )
    items = items.annotate(reached_lead=lead).filter(reached_lead__isnull=False).order_by("pk")
    key = {"kind": kind, "content_type": ContentType.objects.get_for_model(items.model)}

    def records(item: Callable[[str], OuterRef] = OuterRef, **recipient: object) -> QuerySet:
        return Reminder.objects.filter(
            **key,
            object_id=item("pk"),
            due_on=item(date_field),
            lead=item("reached_lead"),
            **recipient,
        )

    def recorded(recipient: object, item: Callable[[str], OuterRef] = OuterRef) -> Exists:
        return Exists(records(item, recipient=recipient))

    untold = []
    if also_told:
        # Told to fewer of them than there are: one probe of the unique key per item,
        # rather than a condition per user, which PostgreSQL hashes from all of that
        # user's reminders ever recorded.
        users = sorted(set(also_told))
        told = records(recipient__in=users).order_by().annotate(n=Func("pk", function="COUNT"))
        untold.append(LessThan(Subquery(told.values("n"), output_field=IntegerField()), len(users)))
    if recipient_field:
        untold.append(~recorded(OuterRef(recipient_field)))
    if told_through:
        rows, user_field = told_through
        untold.append(Exists(rows.filter(~recorded(OuterRef(user_field), outer_outer_ref))))
    return items.filter(reduce(or_, untold)) if untold else items.none()


def outer_outer_ref(name: str) -> OuterRef:
    return OuterRef(OuterRef(name))


class Paths:
    """``reverse(viewname, args=[pk])`` for many items, from one ``reverse()``: a quarter of
    a sweep's time went to a ``reverse()`` per reminder."""

    PLACEHOLDER = 918273645

    def __init__(self, viewname: str) -> None:
        pattern = reverse(viewname, args=[self.PLACEHOLDER])
        self.before, self.after = pattern.split(str(self.PLACEHOLDER))

    def __call__(self, pk: int) -> str:
        return f"{self.before}{pk}{self.after}"


ItemT = TypeVar("ItemT")


def reached(
    items: Iterable[ItemT],
    date_of: Callable[[ItemT], datetime.date | None],
    leads: Callable[[ItemT], Sequence[Lead]] | Sequence[Lead],
    today: datetime.date,
) -> Iterator[tuple[ItemT, datetime.date, str]]:
    """Each item with its date and the code of the lead time it has reached today, if any."""
    for item in items:
        due_on = date_of(item)
        if due_on is None:
            continue
        lead = reached_lead(leads(item) if callable(leads) else leads, due_on, today)
        if lead is not None:
            yield item, due_on, lead.code


def dated(
    items: Iterable[ItemT], date_of: Callable[[ItemT], datetime.date | None], since: datetime.date
) -> Iterator[tuple[ItemT, datetime.date, str]]:
    """Each item with its date from ``since`` on, without a lead time: for the calendar feed."""
    for item in items:
        due_on = date_of(item)
        if due_on is not None and due_on >= since:
            yield item, due_on, ""


def sources() -> list[Callable[..., list[Due]]]:
    return [source.falling_due for source in registry.SOURCES.values()]


# --- Record, deliver, compose ---------------------------------------------------------


@dataclass
class Recorded:
    """What a sweep recorded: how many fell due, and the reminders it inserted (each
    delivered as it was), by their first id and their recipients."""

    found: int = 0
    delivered: int = 0
    first: int | None = None
    recipients: set[int] = dataclasses.field(default_factory=set)

    def add(self, found: int, inserted: Sequence[tuple[int, int]]) -> None:
        self.found += found
        self.delivered += len(inserted)
        for pk, recipient_id in inserted:
            self.recipients.add(recipient_id)
            self.first = pk if self.first is None else min(self.first, pk)


@transaction.atomic
def reminders_record(*, today: datetime.date, now: datetime.datetime) -> Recorded:
    """Record and deliver every reminder due on ``today`` that is not recorded yet.

    In one transaction with what the sources change (lapsed grants are revoked), so
    a revocation is never without its notice.
    """
    leads = lead_times()
    dues = (due for source in sources() for due in source(today=today, leads=leads))
    recorded = Recorded()
    for batch in batched(dues, CHUNK):
        recorded.add(len(batch), reminders_record_batch(batch, now))
    return recorded


def reminders_record_batch(dues: Sequence[Due], now: datetime.datetime) -> list[tuple[int, int]]:
    """Record one batch of what falls due to active recipients, sent at ``now``, each with
    its inbox entry; returns the (id, recipient id) of the reminders inserted.

    A reminder recorded before, or by a sweep running at the same time, is skipped by
    its unique key: it is neither returned nor told again.
    """
    active = set(
        User.objects.filter(pk__in={due.recipient_id for due in dues}, is_active=True).values_list(
            "pk", flat=True
        )
    )
    dues = [due for due in dues if due.recipient_id in active]
    content_types = ContentType.objects.get_for_models(*{type(due.item) for due in dues})
    rows = [due.as_row(content_types[type(due.item)].pk, now) for due in dues]
    # In key order, so that two sweeps inserting the same rows wait for each other
    # instead of deadlocking; the second one's rows are then skipped.
    rows.sort(key=lambda row: row[:KEY_LENGTH])
    inserted = insert_ignoring_conflicts(Reminder, RECORDED, rows, returning=("id", "recipient_id"))
    insert_ignoring_conflicts(
        Notification,
        ("recipient_id", "reminder_id", "created_at"),
        [(recipient_id, pk, now) for pk, recipient_id in inserted],
    )
    return inserted


def digests_compose(delivered: QuerySet[Reminder], recipient_ids: Sequence[int]) -> int:
    """One digest in the outbox for each recipient who takes reminders by e-mail, from the
    reminders just ``delivered``; a batch of recipients at a time, in a fixed number of
    queries per batch. Returns how many."""
    composed = 0
    for batch in batched(recipient_ids, DIGEST_BATCH):
        recipients = {
            user.pk: user
            for user in User.objects.filter(pk__in=batch, email_reminders=True).exclude(email="")
        }
        if not recipients:
            continue
        heads = list(digest_heads(delivered.filter(recipient__in=recipients)))
        nameable = registry.nameable_pairs(
            {(reminder.recipient_id, reminder.dossier_id) for reminder in heads}
        )
        emails = [
            digest_compose(
                recipient=recipients[recipient_id],
                reminders=list(reminders),
                nameable={dossier for reader, dossier in nameable if reader == recipient_id},
            )
            for recipient_id, reminders in groupby(heads, key=attrgetter("recipient_id"))
        ]
        OutboxEmail.objects.bulk_create(emails)
        composed += len(emails)
    return composed


def digest_heads(reminders: QuerySet[Reminder]) -> QuerySet[Reminder]:
    """The first ``REMINDER_DIGEST_LINES`` reminders of each recipient (soonest first), each
    with the number of his reminders (``total``): a digest does not grow with them."""
    per_recipient = {"partition_by": [F("recipient")]}
    return (
        reminders.annotate(
            rank=Window(RowNumber(), order_by=[F("due_on"), F("pk")], **per_recipient),
            total=Window(Count("pk"), **per_recipient),
        )
        .filter(rank__lte=settings.REMINDER_DIGEST_LINES)
        .order_by("recipient", "due_on", "pk")
    )


def allow_long_statements() -> None:
    """The sweep is no request: within its transaction a statement may take longer than
    a page's ``statement_timeout``, up to ``SWEEP_STATEMENT_TIMEOUT_MS``, and its
    server-side cursors are planned for reading all their rows, which it does, not the
    first tenth (``cursor_tuple_fraction``; PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true),"
                " set_config('cursor_tuple_fraction', '1', true)",
                [str(settings.SWEEP_STATEMENT_TIMEOUT_MS)],
            )


@transaction.atomic
def reminders_collect(*, today: datetime.date) -> SweepReport:
    """Record what falls due, with the inbox entries, then the digests, in one transaction."""
    allow_long_statements()
    now = timezone.now()
    recorded = reminders_record(today=today, now=now)
    if recorded.first is not None:
        digests_compose(
            Reminder.objects.filter(pk__gte=recorded.first, sent_at=now),
            sorted(recorded.recipients),
        )
    return SweepReport(
        found=recorded.found, recipients=len(recorded.recipients), delivered=recorded.delivered
    )


def reminders_sweep(*, today: datetime.date | None = None) -> SweepReport:
    """Collect, then send the due e-mails in this process (the command, the demo, the benchmark).

    The workers' sweep (``reminders.tasks``) sends through tasks with retries instead. An
    e-mail that cannot go out now stays in the outbox; the inbox has the reminders anyway.
    """
    report = reminders_collect(today=today or timezone.localdate())
    outcomes = outbox_send_due()
    return dataclasses.replace(
        report,
        emails_sent=outcomes[OutboxEmail.Status.SENT],
        emails_failed=outcomes.total() - outcomes[OutboxEmail.Status.SENT],
    )


# --- Wording --------------------------------------------------------------------------


def item_label(reference: str, title: str) -> str:
    return f"{reference} — {title}" if title else reference


def reminder_text(reminder: Reminder, nameable: set[int]) -> str:
    title = reminder.title if reminder.dossier_id in nameable else ""
    if reminder.due_on < timezone.localdate():
        message = AFTER.get(reminder.kind, AHEAD[reminder.kind])
    elif reminder.lead == RENEWAL_WINDOW:
        message = RENEWAL_WINDOW_OPEN
    else:
        message = AHEAD[reminder.kind]
    return message % {
        "item": item_label(reminder.reference, title),
        "date": date_format(reminder.due_on),
        "party": reminder.party,
    }


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def reminder_lines(
    viewer: User, reminders: Sequence[Reminder], nameable: set[int] | None = None
) -> list[Line]:
    """The reminders as the viewer may read them, in the active language; ``nameable``,
    the dossiers whose titles he may read, is asked here when not given."""
    if nameable is None:
        nameable = registry.nameable_ids(viewer, (reminder.dossier_id for reminder in reminders))
    return [
        Line(text=reminder_text(reminder, nameable), url=absolute_url(reminder.url))
        for reminder in reminders
    ]


def calendar_summary(due: Due) -> str:
    message = RENEWAL_WINDOW_SUMMARY if due.lead == RENEWAL_WINDOW else CALENDAR_SUMMARIES[due.kind]
    return message % {"item": item_label(due.reference, due.title)}


def digest_compose(
    *, recipient: User, reminders: Sequence[Reminder], nameable: set[int] | None = None
) -> OutboxEmail:
    """One e-mail with the recipient's reminders, in his language: the first
    ``REMINDER_DIGEST_LINES`` of them, and how many more wait in his inbox.

    ``reminders`` may carry ``total`` (``digest_heads``); ``nameable``, the dossiers whose
    titles he may read (asked here when not given).
    """
    total = getattr(reminders[0], "total", len(reminders)) if reminders else 0
    reminders = reminders[: settings.REMINDER_DIGEST_LINES]
    with translation.override(recipient.language):
        lines = reminder_lines(recipient, reminders, nameable)
        subject = ngettext(
            "%(count)d reminder from the liaison portal",
            "%(count)d reminders from the liaison portal",
            total,
        ) % {"count": total}
        body = render_to_string(
            "reminders/reminder_digest.txt",
            {
                "recipient": recipient,
                "lines": lines,
                "more": total - len(lines),
                "inbox_url": absolute_url(reverse("inbox")),
                "settings_url": absolute_url(reverse("reminder_settings")),
            },
        )
    return OutboxEmail(recipient=recipient, to=recipient.email, subject=subject, body=body)
