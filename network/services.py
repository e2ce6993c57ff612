"""Writes of the network app: bodies with their dossiers, meetings with their parts, and
the agenda or minutes sent to the members through the outbox."""

import datetime
from collections.abc import Iterable

from django import forms
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from common.dates import active_on
from directory.models import Organisation, Person
from dossiers import services as dossier_services
from dossiers.models import Dossier
from network.models import Body, Meeting
from reminders.models import OutboxEmail
from reminders.services import outbox_add_address
from reminders.sweep import absolute_url

AGENDA = "agenda"
MINUTES = "minutes"
SENT_AT = {AGENDA: "agenda_sent_at", MINUTES: "minutes_sent_at"}
SUBJECTS = {
    AGENDA: gettext_noop("Agenda of meeting %(reference)s"),
    MINUTES: gettext_noop("Minutes of meeting %(reference)s"),
}


@transaction.atomic
def body_create(
    *,
    partners: list[Organisation] | None = None,
    kind: str,
    chair: Person | None = None,
    secretariat: Organisation | None = None,
    **dossier_fields: object,
) -> Body:
    """A body and the dossier that carries its name, workstream and marking."""
    dossier = dossier_services.dossier_create(
        kind=Dossier.Kind.NETWORK, partners=partners, **dossier_fields
    )
    body = Body(dossier=dossier, kind=kind, chair=chair, secretariat=secretariat)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def meeting_save(*, form: forms.ModelForm, formsets: Iterable[forms.BaseInlineFormSet]) -> Meeting:
    """The meeting, its dossiers discussed and its four lists, all or nothing."""
    meeting = form.save()
    for formset in formsets:
        formset.instance = meeting
        formset.save()
    return meeting


def meeting_recipients(meeting: Meeting, day: datetime.date) -> QuerySet[Person]:
    """The contacts who are members of the body on ``day`` and have an e-mail address."""
    members = meeting.body.memberships.filter(active_on(day, start="starts_on"))
    return (
        Person.objects.filter(pk__in=members.values("person"))
        .exclude(email="")
        .select_related("user")
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def meeting_send(*, meeting: Meeting, what: str) -> list[OutboxEmail]:
    """The agenda or the minutes, announced to each member: the reference and a link only,
    never the content, which the member reads in the portal if he may (rule 7)."""
    url = absolute_url(meeting.get_absolute_url())
    emails = [
        notice_send(person, meeting=meeting, what=what, url=url)
        for person in meeting_recipients(meeting, timezone.localdate())
    ]
    setattr(meeting, SENT_AT[what], timezone.now())
    meeting.save(update_fields=[SENT_AT[what]])
    return emails


def notice_send(person: Person, *, meeting: Meeting, what: str, url: str) -> OutboxEmail:
    with translation.override(person.preferred_language):
        subject = gettext(SUBJECTS[what]) % {"reference": meeting.reference}
        body = render_to_string(
            "network/meeting_notice.txt",
            {"person": person, "reference": meeting.reference, "what": what, "url": url},
        )
    return outbox_add_address(to=person.email, subject=subject, body=body, recipient=person.user)
