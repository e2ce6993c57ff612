"""A parliamentary follow-up: questions asked and answered, commitments kept in a report."""

import datetime

import pytest
from django.urls import reverse

from directory.classification import Classification
from dossiers.models import CommitteeCommitment, Dossier, ParliamentaryQuestion
from tests.factories import client_for, give_clearance, keep_report, make_dossier, share
from tests.procedures.conftest import edit_data, give_purpose, make_procedure

pytestmark = pytest.mark.django_db

FOLLOW_UP = {"committee": "Commissie Algemeen Beleid", "minister": "Minister van Justitie"}
QUESTION = {
    "question_kind": "written",
    "member": "Lid van het Vlaams Parlement",
    "number": "412",
    "asked_on": "2026-10-02",
    "subject": "Werking van de verbindingsofficier",
    "answer_due_on": "2026-11-02",
}


def test_officer_follows_a_question_and_a_commitment_to_the_end(officer, officer_client):
    response = officer_client.post(
        reverse("dossiers:create"),
        {
            "title": "Opvolging commissie",
            "workstream": "daily_operations",
            "kind": "parliamentary_follow_up",
            "status": "open",
            "owner": officer.pk,
            "classification": Classification.NIET_GECLASSIFICEERD,
            "opened_on": "2026-10-01",
            "details-committee": "Commissie Algemeen Beleid",
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.parliamentary_follow_up.committee == "Commissie Algemeen Beleid"

    officer_client.post(reverse("dossiers:question_add", args=[dossier.pk]), QUESTION)
    question = ParliamentaryQuestion.objects.get()
    answer = {key.removeprefix(""): value for key, value in QUESTION.items()}
    answer |= {"answer": "Vier sporen.", "answered_on": "2026-10-30"}
    update_url = reverse("dossiers:question_update", args=[dossier.pk, question.pk])
    assert officer_client.get(update_url).status_code == 200
    officer_client.post(update_url, {f"{key}": value for key, value in answer.items()})
    question.refresh_from_db()
    assert (question.answered_on, question.is_open) == (datetime.date(2026, 10, 30), False)

    officer_client.post(
        reverse("dossiers:commitment_add", args=[dossier.pk]),
        {
            "description": "Terugkoppeling geven",
            "made_on": "2026-10-15",
            "due_on": "2027-01-31",
        },
    )
    commitment = CommitteeCommitment.objects.get()
    report = keep_report(officer, committee_date=datetime.date(2027, 1, 20))
    officer_client.post(
        reverse("dossiers:commitment_update", args=[dossier.pk, commitment.pk]),
        {
            "description": "Terugkoppeling geven",
            "made_on": "2026-10-15",
            "due_on": "2027-01-31",
            "answered_in": report.pk,
            "answered_on": "2027-01-20",
        },
    )
    commitment.refresh_from_db()
    assert commitment.answered_in == report and not commitment.is_open
    page = officer_client.get(dossier.get_absolute_url()).content.decode()
    assert "Vier sporen." in page and report.get_absolute_url() in page

    closed = edit_data(officer_client, dossier, status=Dossier.Status.CLOSED)
    officer_client.post(reverse("dossiers:update", args=[dossier.pk]), closed)
    assert Dossier.objects.get().status == Dossier.Status.CLOSED


def test_a_question_answered_before_it_was_asked_is_refused(officer, officer_client):
    dossier = make_procedure(officer, Dossier.Kind.PARLIAMENTARY_FOLLOW_UP, FOLLOW_UP)
    response = officer_client.post(
        reverse("dossiers:question_add", args=[dossier.pk]),
        {**QUESTION, "answered_on": "2026-09-01", "asked_on": "garbage"},
    )
    assert response.status_code == 422
    assert response.context["question_form"].has_error("asked_on")
    response = officer_client.post(
        reverse("dossiers:question_add", args=[dossier.pk]),
        {**QUESTION, "answered_on": "2026-09-01"},
    )
    assert response.status_code == 422
    codes = {e.code for e in response.context["question_form"].non_field_errors().as_data()}
    assert codes == {"answered_before_asked"}
    assert not ParliamentaryQuestion.objects.exists()


def test_questions_are_added_only_to_a_follow_up(officer, officer_client):
    dossier = make_dossier(officer)
    response = officer_client.post(reverse("dossiers:question_add", args=[dossier.pk]), QUESTION)
    assert response.status_code == 404


def test_a_report_the_reader_may_not_open_is_named_by_date_without_a_link(officer, vo_onderwijs):
    dossier = make_procedure(officer, Dossier.Kind.PARLIAMENTARY_FOLLOW_UP, FOLLOW_UP)
    report = keep_report(officer)
    CommitteeCommitment.objects.create(
        dossier=dossier,
        description="Terugkoppeling",
        made_on=datetime.date(2022, 3, 1),
        answered_in=report,
    )
    share(dossier, vo_onderwijs)
    page = client_for(vo_onderwijs).get(dossier.get_absolute_url()).content.decode()
    assert "Terugkoppeling" in page and report.get_absolute_url() not in page


def test_a_classified_follow_up_and_its_questions_are_404_to_who_may_not_see_it(
    officer, vo_onderwijs
):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_procedure(
        officer, Dossier.Kind.PARLIAMENTARY_FOLLOW_UP, FOLLOW_UP, Classification.VERTROUWELIJK
    )
    question = ParliamentaryQuestion.objects.create(
        dossier=dossier,
        question_kind="oral",
        member="Lid",
        asked_on=datetime.date(2026, 10, 1),
        subject="Geheim onderwerp",
    )
    give_clearance(vo_onderwijs, Classification.ZEER_GEHEIM)  # no need-to-know
    client = client_for(vo_onderwijs)
    assert client.get(dossier.get_absolute_url()).status_code == 404
    url = reverse("dossiers:question_update", args=[dossier.pk, question.pk])
    assert client.get(url).status_code == 404
    officer_client = client_for(officer)
    give_purpose(officer_client, dossier)
    assert "Geheim onderwerp" in officer_client.get(dossier.get_absolute_url()).content.decode()
