"""The builders every test folder shares: organisations, users and their clients, people,
clearances, appointments, dossiers and grants.

The named people of the permission matrix are fixtures in ``tests/conftest.py``,
built with these.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker
from django import forms
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from bench.measure import count_data_queries
from clearances.models import Clearance, SecurityOfficerAppointment
from directory.classification import Classification, declassification_review_date
from directory.models import Organisation, Person
from dossiers import services
from dossiers.models import (
    AccessRequest,
    CommitteeCommitment,
    CommitteeReport,
    Dossier,
    DossierGroupGrant,
    DossierUserGrant,
    Opinion,
    ParliamentaryQuestion,
    Task,
    TimelineEntry,
)
from dossiers.workstreams import Workstream
from liaison.celery import app as celery_app
from network import services as network_services
from network.models import Body, Decision, Meeting

PASSWORD = "a-Long-test-passw0rd"
DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


# --- Organisations, users and their clients ----------------------------------------------


def make_organisation(short_name: str, **fields: object) -> Organisation:
    fields.setdefault("name", f"Organisation {short_name}")
    fields.setdefault("kind", Organisation.Kind.DEPARTMENT)
    fields.setdefault("handles_classified", True)
    return Organisation.objects.create(short_name=short_name, **fields)


def make_user(username: str, organisation: Organisation, role: Role | None) -> User:
    """A user with the role's group and the person record a clearance hangs on."""
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.test",
        first_name=username.title(),
        last_name="Tester",
        organisation=organisation,
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    Person.objects.create(
        user=user, first_name=user.first_name, last_name="Tester", organisation=organisation
    )
    return user


def verified_device(user: User) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    return device


def client_for(user: User) -> Client:
    """A client signed in with password and second factor, as after the log-in wizard."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()
    return client


def data_queries(captured) -> int:
    """The queries of a captured block that read or write data (not savepoints)."""
    return count_data_queries(captured.captured_queries)


# --- People, clearances and appointments -------------------------------------------------


def make_person(
    organisation: Organisation, first_name: str = "Griet", last_name: str = "Vandenbroucke"
) -> Person:
    return Person.objects.create(
        first_name=first_name, last_name=last_name, organisation=organisation
    )


def make_clearance(
    person: Person,
    level: int = Classification.GEHEIM,
    *,
    status: str = Clearance.Status.GRANTED,
    decided_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    **fields: object,
) -> Clearance:
    """A granted clearance decided 300 days ago and valid 1000 days more, unless told."""
    decided_on = decided_on or today() - 300 * DAY
    return Clearance.objects.create(
        person=person,
        level=level,
        status=status,
        requested_on=fields.pop("requested_on", decided_on - 60 * DAY),
        decided_on=decided_on,
        valid_until=valid_until or today() + 1000 * DAY,
        **fields,
    )


def give_clearance(user: User, level: int = Classification.GEHEIM, **fields: object) -> Clearance:
    """``make_clearance`` for a user's own person record."""
    return make_clearance(user.person, level, **fields)


def appoint(
    who: Person | User,
    organisation: Organisation | None = None,
    function: str = SecurityOfficerAppointment.Function.OFFICER,
    **fields: object,
) -> SecurityOfficerAppointment:
    """Security officer of his own organisation (or ``organisation``) since 500 days."""
    person = who.person if isinstance(who, User) else who
    fields.setdefault("starts_on", today() - 500 * DAY)
    return SecurityOfficerAppointment.objects.create(
        person=person, organisation=organisation or person.organisation, function=function, **fields
    )


# --- Dossiers and need-to-know -----------------------------------------------------------


def make_dossier(
    owner: User, level: Classification = Classification.NIET_GECLASSIFICEERD, **fields: object
) -> Dossier:
    """A contact dossier of the information position, with the legal review date."""
    fields.setdefault("title", f"Dossier {level.label} {Dossier.objects.count()}")
    fields.setdefault("workstream", Workstream.INFORMATION_POSITION)
    fields.setdefault("kind", Dossier.Kind.CONTACT)
    classified_on = fields.get("classified_on") or fields.get("opened_on") or today()
    fields.setdefault(
        "declassification_review_on", declassification_review_date(level, classified_on)
    )
    return services.dossier_create(owner=owner, classification=level, **fields)


def share(
    dossier: Dossier, grantee: User | Organisation, ends_on: datetime.date | None = None
) -> DossierUserGrant | DossierGroupGrant:
    """Need-to-know for a user or everybody of an organisation, given by the owner."""
    grant = {"dossier": dossier, "reason": "Betrokken", "granted_by": dossier.owner}
    if isinstance(grantee, Organisation):
        return services.grant_to_organisation(organisation=grantee, ends_on=ends_on, **grant)
    return services.grant_to_user(user=grantee, ends_on=ends_on, **grant)


def assign_task(
    dossier: Dossier, assignee: User, due_on: datetime.date, title: str = "Taak"
) -> Task:
    """An open task of the dossier, set by its owner."""
    return services.task_add(
        dossier=dossier, created_by=dossier.owner, title=title, assignee=assignee, due_on=due_on
    )


def keep_report(
    created_by: User, ceiling: int = Classification.NIET_GECLASSIFICEERD, **fields: object
) -> CommitteeReport:
    """A kept committee report for the committee of 27 September 2022, unless told."""
    fields.setdefault("committee_date", datetime.date(2022, 9, 27))
    fields.setdefault("period_start", datetime.date(2022, 1, 1))
    fields.setdefault("period_end", fields["committee_date"])
    fields.setdefault("content", "x")
    fields.setdefault("kept_at", timezone.now())
    return CommitteeReport.objects.create(created_by=created_by, ceiling=ceiling, **fields)


def hang_parts(dossier: Dossier, text: bytes = b"geheim") -> dict[str, object]:
    """A task, an attachment, the owner's own grant, a timeline entry, an opinion and a
    link on the dossier: the ids of the URLs that reach a dossier's parts."""
    task = Task.objects.create(dossier=dossier, title="Geheime taak")
    attachment = services.attachment_add(
        dossier=dossier,
        upload=SimpleUploadedFile("nota.txt", text),
        content_type="text/plain",
        by=dossier.owner,
    )
    grant = share(dossier, dossier.owner)
    question = ParliamentaryQuestion.objects.create(
        dossier=dossier, question_kind="written", member="Lid", asked_on=today(), subject="Geheim"
    )
    commitment = CommitteeCommitment.objects.create(
        dossier=dossier, description="Geheim", made_on=today()
    )
    entry = TimelineEntry.objects.create(
        dossier=dossier, occurred_on=today(), text="Geheime notitie", author=dossier.owner
    )
    access_request, _ = AccessRequest.objects.get_or_create(dossier=dossier)
    opinion = Opinion.objects.create(
        access_request=access_request, body=dossier.owner.organisation, summary="Geheim advies"
    )
    other = make_dossier(dossier.owner, Classification(dossier.classification), title="Gekoppeld")
    link = services.link_add(source=dossier, target=other)
    return {
        "pk": dossier.pk,
        "task_pk": task.pk,
        "attachment_pk": attachment.pk,
        "grant_pk": grant.pk,
        "kind": "user",
        "question_pk": question.pk,
        "commitment_pk": commitment.pk,
        "entry_pk": entry.pk,
        "opinion_pk": opinion.pk,
        "link_pk": link.pk,
    }


# --- Consultation bodies and meetings ----------------------------------------------------


def make_body(
    owner: User, level: Classification = Classification.NIET_GECLASSIFICEERD, **fields: object
) -> Body:
    """A platform of the radicalisation workstream, backed by its dossier."""
    fields.setdefault("title", f"Platform {level.label} {Dossier.objects.count()}")
    fields.setdefault("workstream", Workstream.RADICALISATION)
    fields.setdefault("kind", "platform")
    return network_services.body_create(
        owner=owner,
        classification=level,
        declassification_review_on=declassification_review_date(level, today()),
        **fields,
    )


def make_meeting(
    body: Body, level: Classification = Classification.NIET_GECLASSIFICEERD, **fields: object
) -> Meeting:
    """A meeting of the body a week ago, with a decision."""
    fields.setdefault("held_on", today() - 7 * DAY)
    fields.setdefault("minutes", "Verslag van de vergadering")
    meeting = Meeting.objects.create(body=body, classification=level, **fields)
    Decision.objects.create(meeting=meeting, position=1, text="Besluit van de vergadering")
    return meeting


def opened_form(form: forms.BaseForm) -> dict[str, object]:
    """What a browser posts back for a form as it was opened, unchanged."""
    data: dict[str, object] = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


# --- Celery ---------------------------------------------------------------------------


@contextmanager
def real_worker() -> Iterator[None]:
    """A Celery worker in this thread taking the tasks from the test's Redis broker (tests
    marked ``celery_worker``, on a transactional database, so that it sees their data)."""
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
