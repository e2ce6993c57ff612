"""What falls due among dossiers: deadlines, open tasks, protocol agreements, lapsed grants,
declassification reviews.

Each kind is one query over a window of dates; ``reminders.sweep`` records and
delivers. A grant past its end date already gives no access (``dossiers.access``);
the sweep also revokes it through ``services.grants_revoke_lapsed`` (the one write
here) and tells the dossier's owner.
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from directory.classification import Classification
from dossiers import services
from dossiers.access import MARKING_FIELDS, OPEN_TO_ALL, readable_pairs, visible_dossiers
from dossiers.models import Dossier, DossierGroupGrant, DossierUserGrant, ProtocolAgreement, Task
from reminders.models import ReminderLeadTime
from reminders.sweep import (
    CHUNK,
    REVOKED,
    Due,
    Kind,
    Lead,
    Paths,
    batched,
    dated,
    due_window,
    not_yet_recorded,
)

# What a message about a dossier needs; the title is used only when it is not confidential.
DOSSIER_FIELDS = ("reference", "title", *MARKING_FIELDS, "owner", "deadline")
RELATED_DOSSIER_FIELDS = tuple(f"dossier__{name}" for name in DOSSIER_FIELDS)


# Items whose recipient's access is checked at once (ids only, see ``readable_entries``).
ACCESS_CHUNK = 10_000


def dossier_urls() -> Paths:
    """``Dossier.get_absolute_url`` for many dossiers, from one ``reverse()``."""
    return Paths("dossiers:detail")


def dossier_due(
    dossier: Dossier,
    *,
    kind: str,
    due_on: datetime.date,
    lead: str,
    recipient_id: int,
    item: Model | None = None,
    title: str | None = None,
    party: str = "",
    url: str | None = None,
) -> Due:
    """A reminder about the dossier or one of its parts: by reference only if confidential."""
    shown_title = dossier.title if title is None else title
    return Due(
        kind=kind,
        item=item or dossier,
        due_on=due_on,
        lead=lead,
        recipient_id=recipient_id,
        reference=dossier.reference,
        url=url or dossier.get_absolute_url(),
        title="" if dossier.is_confidential else shown_title,
        party=party,
        dossier_id=dossier.pk,
    )


# An entry: the item, its date, and the code of the lead time reached ("" in the feed).
Entry = tuple[Model, datetime.date, str]


def falling_due(*, today: datetime.date, leads: dict[str, list[ReminderLeadTime]]) -> Iterator[Due]:
    """What falls due and is not recorded yet, read and checked a chunk at a time."""
    urls = dossier_urls()
    revoked = revoked_grants_due(today=today)  # the write first, in the sweep's transaction
    yield from chain(
        deadlines_due(today, leads[Kind.DOSSIER_DEADLINE], urls),
        tasks_due(today, leads[Kind.TASK_DUE], urls),
        protocols_due(today, leads[Kind.PROTOCOL_REVIEW], leads[Kind.PROTOCOL_END]),
        reviews_due(today, leads[Kind.DECLASSIFICATION_REVIEW], urls),
    )
    for chunk in batched(revoked, CHUNK):
        yield from told_only_to_readers(chunk, today)


def readable_entries(
    items: QuerySet,
    *,
    kind: str,
    date_field: str,
    recipient_field: str,
    dossier_field: str,
    leads: Sequence[Lead],
    today: datetime.date,
) -> Iterator[Entry]:
    """The items whose date falls in the leads' window today, not recorded yet
    (``not_yet_recorded``), whose recipient may open their dossier today (rule 7), each
    with its date and the lead time reached.

    Only their ids are read and checked first, a chunk at a time: an item told to
    nobody (an assignee or owner whose clearance lapsed, or who was never given
    need-to-know) is read again by every sweep, to be told once he may, so it must cost
    little.
    """
    window = due_window(leads, today)
    if window is None:
        return
    items = not_yet_recorded(
        items.filter(**{f"{date_field}__range": window}),
        kind=kind,
        date_field=date_field,
        recipient_field=recipient_field,
        leads=leads,
        window=window,
        today=today,
    )
    keys = (
        items.values_list("pk", recipient_field, dossier_field)
        .order_by(recipient_field, dossier_field)
        .iterator(ACCESS_CHUNK)
    )
    for chunk in batched(keys, ACCESS_CHUNK):
        readable = readable_pairs({(reader, dossier) for _pk, reader, dossier in chunk}, today)
        told = [pk for pk, reader, dossier in chunk if (reader, dossier) in readable]
        for batch in batched(told, CHUNK):
            for item in items.filter(pk__in=batch):
                yield item, getattr(item, date_field), item.reached_lead


def told_only_to_readers(dues: list[Due], today: datetime.date) -> list[Due]:
    """Only reminders whose recipient may open their dossier today (rule 7).

    An assignee or owner whose clearance lapsed, or who was never given need-to-know,
    is not told even the reference.
    """
    readable = readable_pairs({(due.recipient_id, due.dossier_id) for due in dues}, today)
    return [due for due in dues if (due.recipient_id, due.dossier_id) in readable]


def deadlines_due(
    today: datetime.date, leads: Sequence[Lead], urls: Paths | None = None
) -> Iterator[Due]:
    entries = readable_entries(
        open_dossiers(),
        kind=Kind.DOSSIER_DEADLINE,
        date_field="deadline",
        recipient_field="owner",
        dossier_field="pk",
        leads=leads,
        today=today,
    )
    return owner_dues(Kind.DOSSIER_DEADLINE, entries, urls)


def tasks_due(
    today: datetime.date, leads: Sequence[Lead], urls: Paths | None = None
) -> Iterator[Due]:
    entries = readable_entries(
        open_tasks().filter(assignee__isnull=False, dossier__status__in=Dossier.OPEN_STATUSES),
        kind=Kind.TASK_DUE,
        date_field="due_on",
        recipient_field="assignee",
        dossier_field="dossier",
        leads=leads,
        today=today,
    )
    return task_dues(entries, urls)


def protocols_due(
    today: datetime.date, review_leads: Sequence[Lead], end_leads: Sequence[Lead]
) -> Iterator[Due]:
    return chain(
        protocol_kind_due(Kind.PROTOCOL_REVIEW, "review_on", today, review_leads),
        protocol_kind_due(Kind.PROTOCOL_END, "valid_until", today, end_leads),
    )


def protocol_kind_due(
    kind: str, date_field: str, today: datetime.date, leads: Sequence[Lead]
) -> Iterator[Due]:
    """The reviews or the ends of agreements not recorded yet, told to the dossier's owner."""
    entries = readable_entries(
        live_agreements(),
        kind=kind,
        date_field=date_field,
        recipient_field="dossier__owner",
        dossier_field="dossier",
        leads=leads,
        today=today,
    )
    return protocol_dues(kind, entries)


def reviews_due(
    today: datetime.date, leads: Sequence[Lead], urls: Paths | None = None
) -> Iterator[Due]:
    """Classified dossiers whose review falls due, whatever their status: a closed dossier's
    classification is reviewed too. Told to the owner."""
    entries = readable_entries(
        classified_dossiers(),
        kind=Kind.DECLASSIFICATION_REVIEW,
        date_field="declassification_review_on",
        recipient_field="owner",
        dossier_field="pk",
        leads=leads,
        today=today,
    )
    return owner_dues(Kind.DECLASSIFICATION_REVIEW, entries, urls)


def owner_dues(kind: str, entries: Iterable[Entry], urls: Paths | None = None) -> Iterator[Due]:
    """A dossier's own dates (its deadline, its classification's review): its owner's."""
    urls = urls or dossier_urls()
    return (
        dossier_due(
            dossier,
            kind=kind,
            due_on=due_on,
            lead=lead,
            recipient_id=dossier.owner_id,
            url=urls(dossier.pk),
        )
        for dossier, due_on, lead in entries
    )


def task_dues(entries: Iterable[Entry], urls: Paths | None = None) -> Iterator[Due]:
    urls = urls or dossier_urls()
    return (
        dossier_due(
            task.dossier,
            kind=Kind.TASK_DUE,
            item=task,
            title=task.title,
            due_on=due_on,
            lead=lead,
            recipient_id=task.assignee_id,
            url=urls(task.dossier_id),
        )
        for task, due_on, lead in entries
    )


def protocol_dues(kind: str, entries: Iterable[Entry]) -> Iterator[Due]:
    urls = dossier_urls()
    return (
        dossier_due(
            agreement.dossier,
            kind=kind,
            item=agreement,
            due_on=due_on,
            lead=lead,
            recipient_id=agreement.dossier.owner_id,
            url=urls(agreement.dossier_id),
        )
        for agreement, due_on, lead in entries
    )


def revoked_grants_due(*, today: datetime.date) -> list[Due]:
    """Revoke the grants whose end date has passed (a service: the sweep's one write) and
    tell each dossier's owner."""
    return [
        dossier_due(
            grant.content_object,
            kind=Kind.GRANT_REVOKED,
            item=grant,
            due_on=grant.ends_on,
            lead=REVOKED,
            recipient_id=grant.content_object.owner_id,
            party=grantee(grant),
        )
        for grant in services.grants_revoke_lapsed(today=today)
    ]


def grantee(grant: DossierUserGrant | DossierGroupGrant) -> str:
    if isinstance(grant, DossierUserGrant):
        return user_grantee(grant)
    return group_grantee(grant)


def user_grantee(grant: DossierUserGrant) -> str:
    return grant.user.get_full_name() or grant.user.get_username()


def group_grantee(grant: DossierGroupGrant) -> str:
    link = getattr(grant.group, "organisation_link", None)
    return link.organisation.name if link else grant.group.name


# --- The personal calendar feed -------------------------------------------------------


def calendar_deadlines(*, user: User, since: datetime.date) -> list[Due]:
    """The user's deadlines from ``since`` on, among the dossiers he may see (four queries)."""
    visible = visible_dossiers(user)
    owned = visible.filter(owner=user)
    dossiers = open_dossiers().filter(pk__in=owned.values("pk"), deadline__gte=since)
    tasks = open_tasks().filter(assignee=user, due_on__gte=since, dossier__in=visible)
    agreements = list(
        live_agreements().filter(
            Q(review_on__gte=since) | Q(valid_until__gte=since), dossier__in=owned
        )
    )
    return [
        *owner_dues(Kind.DOSSIER_DEADLINE, dated(dossiers, deadline_of, since)),
        *task_dues(dated(tasks, due_on_of, since)),
        *protocol_dues(Kind.PROTOCOL_REVIEW, dated(agreements, review_on_of, since)),
        *protocol_dues(Kind.PROTOCOL_END, dated(agreements, valid_until_of, since)),
        *owner_dues(
            Kind.DECLASSIFICATION_REVIEW,
            dated(
                classified_dossiers().filter(
                    pk__in=owned.values("pk"), declassification_review_on__gte=since
                ),
                review_date_of,
                since,
            ),
        ),
    ]


# --- Shared querysets and accessors ---------------------------------------------------


def open_dossiers() -> QuerySet[Dossier]:
    return Dossier.objects.filter(status__in=Dossier.OPEN_STATUSES).only(*DOSSIER_FIELDS)


def classified_dossiers() -> QuerySet[Dossier]:
    return Dossier.objects.filter(classification__gt=Classification.NIET_GECLASSIFICEERD).only(
        *DOSSIER_FIELDS, "declassification_review_on"
    )


def open_tasks() -> QuerySet[Task]:
    return (
        Task.objects.filter(done_on__isnull=True)
        .select_related("dossier")
        .only("title", "due_on", "assignee", "dossier", *RELATED_DOSSIER_FIELDS)
    )


def live_agreements() -> QuerySet[ProtocolAgreement]:
    return (
        ProtocolAgreement.objects.exclude(status=ProtocolAgreement.Status.EXPIRED)
        .select_related("dossier")
        .only("review_on", "valid_until", "dossier", *RELATED_DOSSIER_FIELDS)
    )


def deadline_of(dossier: Dossier) -> datetime.date | None:
    return dossier.deadline


def due_on_of(task: Task) -> datetime.date | None:
    return task.due_on


def review_date_of(dossier: Dossier) -> datetime.date | None:
    return dossier.declassification_review_on


def review_on_of(agreement: ProtocolAgreement) -> datetime.date | None:
    return agreement.review_on


def valid_until_of(agreement: ProtocolAgreement) -> datetime.date | None:
    return agreement.valid_until


def nameable_dossiers(viewer: User, day: datetime.date | None = None) -> QuerySet[Dossier]:
    """The dossiers whose title a reminder may show the viewer: he may see them and they
    are open to all."""
    return visible_dossiers(viewer, day).filter(OPEN_TO_ALL)


def nameable_dossier_ids(viewer: User, dossier_ids: set[int]) -> set[int]:
    """The dossiers among these whose title the viewer may read (one query)."""
    return set(nameable_dossiers(viewer).filter(pk__in=dossier_ids).values_list("pk", flat=True))


def nameable_dossier_pairs(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The (reader, dossier) pairs among these where the title may be read (two queries,
    whatever the number of readers)."""
    return readable_pairs(pairs, timezone.localdate(), nameable_dossiers)
