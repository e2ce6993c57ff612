"""Answers and commitments falling due are reminded through the real sweep, exactly once."""

import datetime

import pytest

from directory.classification import Classification
from dossiers.models import CommitteeCommitment, Dossier, InformationRequest, ParliamentaryQuestion
from reminders.models import Reminder
from reminders.sweep import reminders_sweep
from tests.factories import DAY, give_clearance, make_organisation, today
from tests.procedures.conftest import make_procedure

pytestmark = pytest.mark.django_db

Kind = Reminder.Kind
PROCEDURE_KINDS = [Kind.INFORMATION_REQUEST_DUE, Kind.QUESTION_ANSWER_DUE, Kind.COMMITMENT_DUE]


def follow_up(owner, level=Classification.NIET_GECLASSIFICEERD) -> Dossier:
    return make_procedure(owner, Dossier.Kind.PARLIAMENTARY_FOLLOW_UP, {}, level)


def information_request(owner, due_on: datetime.date, **fields) -> Dossier:
    details = {
        "requesting_organisation": make_organisation("OCAD"),
        "requested_organisation": make_organisation("ONDINSP"),
        "legal_basis": "Wet",
        "question": "Vraag",
        "due_on": due_on,
        "status": InformationRequest.Status.SENT,
        **fields,
    }
    return make_procedure(owner, Dossier.Kind.INFORMATION_REQUEST, details)


def sweep_twice(day: datetime.date) -> list[tuple[str, str, str]]:
    reminders_sweep(today=day)
    reminders_sweep(today=day)
    reminders = Reminder.objects.filter(kind__in=PROCEDURE_KINDS).order_by("pk")
    return list(reminders.values_list("kind", "lead", "recipient__username"))


def test_an_information_request_is_reminded_once_on_its_lead_time(officer):
    due_on = today() + 30 * DAY
    information_request(officer, due_on)
    assert sweep_twice(due_on - 8 * DAY) == []
    assert sweep_twice(due_on - 7 * DAY) == [
        (Kind.INFORMATION_REQUEST_DUE, "days_before:7", "officer")
    ]


def test_an_answered_request_is_not_reminded(officer):
    due_on = today() + 5 * DAY
    information_request(officer, due_on, status="answered", answered_on=today(), answer="Ja")
    assert sweep_twice(due_on - DAY) == []


def test_a_question_is_reminded_once_and_not_after_its_answer(officer):
    due_on = today() + 20 * DAY
    dossier = follow_up(officer)
    question = ParliamentaryQuestion.objects.create(
        dossier=dossier,
        question_kind="written",
        member="Lid",
        asked_on=today(),
        subject="Onderwerp",
        answer_due_on=due_on,
    )
    assert sweep_twice(due_on - 2 * DAY) == [(Kind.QUESTION_ANSWER_DUE, "days_before:2", "officer")]
    question.answered_on = today()
    question.save()
    Reminder.objects.all().delete()
    assert sweep_twice(due_on - DAY) == []


def test_a_commitment_is_reminded_once_and_not_once_kept(officer):
    due_on = today() + 40 * DAY
    dossier = follow_up(officer)
    commitment = CommitteeCommitment.objects.create(
        dossier=dossier, description="Terugkoppeling", made_on=today(), due_on=due_on
    )
    assert sweep_twice(due_on - 30 * DAY) == [(Kind.COMMITMENT_DUE, "days_before:30", "officer")]
    assert sweep_twice(due_on + DAY) == [
        (Kind.COMMITMENT_DUE, "days_before:30", "officer"),
        (Kind.COMMITMENT_DUE, "days_after:1", "officer"),
    ]
    commitment.answered_on = today()
    commitment.save()
    Reminder.objects.all().delete()
    assert sweep_twice(due_on + DAY) == []


def test_the_reminder_of_a_classified_follow_up_names_the_reference_only(officer):
    give_clearance(officer, Classification.GEHEIM)
    due_on = today() + 7 * DAY
    dossier = follow_up(officer, Classification.VERTROUWELIJK)
    CommitteeCommitment.objects.create(
        dossier=dossier, description="Geheime toezegging", made_on=today(), due_on=due_on
    )
    reminders_sweep(today=today())
    reminder = Reminder.objects.get()
    assert (reminder.reference, reminder.title) == (dossier.reference, "")


def test_an_owner_who_lost_his_clearance_is_not_told(officer):
    due_on = today() + 7 * DAY
    give_clearance(officer, Classification.GEHEIM, valid_until=today() - DAY)
    dossier = follow_up(officer)
    dossier.classification = Classification.VERTROUWELIJK  # as if raised while cleared
    dossier.declassification_review_on = today() + 3650 * DAY
    dossier.save()
    CommitteeCommitment.objects.create(
        dossier=dossier, description="Toezegging", made_on=today(), due_on=due_on
    )
    assert sweep_twice(today()) == []


def test_the_calendar_feed_holds_the_procedures_deadlines(officer, vo_onderwijs):
    from tests.reminders.conftest import feed_text

    due_on = today() + 12 * DAY
    dossier = follow_up(officer)
    CommitteeCommitment.objects.create(
        dossier=dossier, description="Toezegging", made_on=today(), due_on=due_on
    )
    information_request(officer, due_on)
    text = feed_text(officer.calendar_token)
    assert f"{due_on:%Y%m%d}" in text and text.count("BEGIN:VEVENT") == 2
    assert dossier.reference in text
    assert "BEGIN:VEVENT" not in feed_text(vo_onderwijs.calendar_token)
