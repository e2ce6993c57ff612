"""What falls due among the procedures: information requests awaiting their answer,
parliamentary questions to answer and commitments made in committee.

A second source beside ``dossiers.reminders`` (registered in ``DossiersConfig.ready``),
built from the same parts: one query per kind over a window of dates, recipients the
dossier's owner, told only if he may open the dossier today.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db.models import Model, QuerySet

from accounts.models import User
from dossiers.access import visible_dossiers
from dossiers.models import CommitteeCommitment, Dossier, InformationRequest, ParliamentaryQuestion
from dossiers.reminders import RELATED_DOSSIER_FIELDS, dossier_due, readable_entries
from reminders.models import ReminderLeadTime
from reminders.sweep import Due, Kind, Lead, dated

# Per kind: the open items, the name of their date field, and the title a message may use.
Procedure = tuple[str, Callable[[], QuerySet], str, Callable[[Model], str | None]]


def open_information_requests() -> QuerySet[InformationRequest]:
    return parts_of_open_dossiers(
        InformationRequest.objects.filter(status__in=InformationRequest.OPEN_STATUSES), "due_on"
    )


def open_questions() -> QuerySet[ParliamentaryQuestion]:
    return parts_of_open_dossiers(
        ParliamentaryQuestion.objects.filter(answered_on__isnull=True), "answer_due_on", "subject"
    )


def open_commitments() -> QuerySet[CommitteeCommitment]:
    return parts_of_open_dossiers(
        CommitteeCommitment.objects.filter(answered_on__isnull=True, answered_in__isnull=True),
        "due_on",
    )


def parts_of_open_dossiers(parts: QuerySet, *fields: str) -> QuerySet:
    return (
        parts.filter(dossier__status__in=Dossier.OPEN_STATUSES)
        .select_related("dossier")
        .only("dossier", *fields, *RELATED_DOSSIER_FIELDS)
    )


def no_title(item: Model) -> None:
    return None  # the dossier's title, when it may be named


def question_subject(question: ParliamentaryQuestion) -> str:
    return question.subject


PROCEDURES: list[Procedure] = [
    (Kind.INFORMATION_REQUEST_DUE, open_information_requests, "due_on", no_title),
    (Kind.QUESTION_ANSWER_DUE, open_questions, "answer_due_on", question_subject),
    (Kind.COMMITMENT_DUE, open_commitments, "due_on", no_title),
]


def falling_due(*, today: datetime.date, leads: dict[str, list[ReminderLeadTime]]) -> Iterator[Due]:
    for kind, items, date_field, title in PROCEDURES:
        yield from procedure_due(kind, items, date_field, title, today, leads[kind])


def procedure_due(
    kind: str,
    items: Callable[[], QuerySet],
    date_field: str,
    title: Callable[[Model], str | None],
    today: datetime.date,
    leads: Sequence[Lead],
) -> list[Due]:
    entries = readable_entries(
        items(),
        kind=kind,
        date_field=date_field,
        recipient_field="dossier__owner",
        dossier_field="dossier",
        leads=leads,
        today=today,
    )
    return dues_of(kind, entries, title)


def dues_of(
    kind: str,
    entries: Iterable[tuple[Model, datetime.date, str]],
    title: Callable[[Model], str | None],
) -> list[Due]:
    return [
        dossier_due(
            item.dossier,
            kind=kind,
            item=item,
            title=title(item),
            due_on=due_on,
            lead=lead,
            recipient_id=item.dossier.owner_id,
        )
        for item, due_on, lead in entries
    ]


def date_of(field: str) -> Callable[[Model], datetime.date | None]:
    return lambda item: getattr(item, field)


def calendar_deadlines(*, user: User, since: datetime.date) -> list[Due]:
    """The user's procedure deadlines from ``since`` on, in the dossiers he owns and sees."""
    owned = visible_dossiers(user).filter(owner=user).values("pk")
    dues = []
    for kind, items, date_field, title in PROCEDURES:
        upcoming = items().filter(dossier__in=owned, **{f"{date_field}__gte": since})
        dues += dues_of(kind, dated(upcoming, date_of(date_field), since), title)
    return dues
