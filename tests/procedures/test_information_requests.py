"""An information request from creation to its answer and closing, and its classified answer."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from directory.classification import Classification
from dossiers.access import reaches_level
from dossiers.audit import MASK
from dossiers.models import Dossier, InformationRequest
from tests.factories import client_for, give_clearance, share
from tests.procedures.conftest import edit_data, give_purpose, make_procedure

pytestmark = pytest.mark.django_db

ANSWER = "Drie signalen in twee scholen"


def request_details(ocad, onderwijs, **fields) -> dict:
    return {
        "direction": InformationRequest.Direction.TO_FLANDERS,
        "requesting_organisation": ocad,
        "requested_organisation": onderwijs,
        "legal_basis": "Wet van 10 juli 2006",
        "question": "Signalen van radicalisering?",
        "due_on": datetime.date(2026, 12, 20),
        **fields,
    }


def test_officer_creates_answers_and_closes_a_request(officer, officer_client, ocad, onderwijs):
    response = officer_client.post(
        reverse("dossiers:create"),
        {
            "title": "Vraag van OCAD",
            "workstream": "radicalisation",
            "kind": "information_request",
            "status": "open",
            "owner": officer.pk,
            "classification": Classification.NIET_GECLASSIFICEERD,
            "opened_on": "2026-11-02",
            "details-direction": "to_flanders",
            "details-requesting_organisation": ocad.pk,
            "details-requested_organisation": onderwijs.pk,
            "details-legal_basis": "Wet van 10 juli 2006",
            "details-question": "Signalen van radicalisering?",
            "details-due_on": "2026-12-20",
            "details-status": "sent",
            "details-answer_classification": Classification.NIET_GECLASSIFICEERD,
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.information_request.requested_organisation == onderwijs

    answered = edit_data(
        officer_client,
        dossier,
        **{
            "details-status": "answered",
            "details-answer": ANSWER,
            "details-answered_on": "2026-12-18",
        },
    )
    assert (
        officer_client.post(reverse("dossiers:update", args=[dossier.pk]), answered).status_code
        == 302
    )
    details = InformationRequest.objects.get()
    assert (details.status, details.answered_on) == ("answered", datetime.date(2026, 12, 18))
    assert ANSWER in officer_client.get(dossier.get_absolute_url()).content.decode()

    closed = edit_data(officer_client, dossier, status=Dossier.Status.CLOSED)
    officer_client.post(reverse("dossiers:update", args=[dossier.pk]), closed)
    assert Dossier.objects.get().status == Dossier.Status.CLOSED


def test_an_answered_request_without_date_or_asking_itself_is_refused(
    officer, officer_client, ocad, onderwijs
):
    dossier = make_procedure(
        officer, Dossier.Kind.INFORMATION_REQUEST, request_details(ocad, onderwijs)
    )
    data = edit_data(
        officer_client,
        dossier,
        **{"details-status": "answered", "details-requested_organisation": ocad.pk},
    )
    response = officer_client.post(reverse("dossiers:update", args=[dossier.pk]), data)
    assert response.status_code == 200
    form = response.context["detail_form"]
    codes = {error.code for error in form.non_field_errors().as_data()}
    assert codes == {"answered_on_required", "same_party"}
    assert InformationRequest.objects.get().status == "draft"


@pytest.fixture
def beperkt_request(officer, ocad, onderwijs, vo_onderwijs):
    """A BEPERKT question shared with Onderwijs's security officer, answered VERTROUWELIJK."""
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_procedure(
        officer,
        Dossier.Kind.INFORMATION_REQUEST,
        request_details(
            ocad,
            onderwijs,
            status="answered",
            answer=ANSWER,
            answered_on=datetime.date(2026, 12, 1),
            answer_classification=Classification.VERTROUWELIJK,
        ),
        Classification.BEPERKT,
        title="Vraag OCAD",
    )
    share(dossier, vo_onderwijs)
    return dossier


def test_an_answer_above_the_question_stays_hidden_from_a_reader_cleared_for_the_question(
    vo_onderwijs, beperkt_request
):
    give_clearance(vo_onderwijs, Classification.BEPERKT)
    client = client_for(vo_onderwijs)
    give_purpose(client, beperkt_request)
    page = client.get(beperkt_request.get_absolute_url())
    assert page.status_code == 200
    assert ANSWER not in page.content.decode()
    assert not reaches_level(vo_onderwijs, Classification.VERTROUWELIJK)
    answer_url = reverse("dossiers:information_answer", args=[beperkt_request.pk])
    assert client.get(answer_url).status_code == 404


def test_a_reader_cleared_for_the_answer_reads_it_through_the_gate(vo_onderwijs, beperkt_request):
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    client = client_for(vo_onderwijs)
    answer_url = reverse("dossiers:information_answer", args=[beperkt_request.pk])
    assert client.get(answer_url)["Location"].startswith(
        reverse("dossiers:purpose", args=[beperkt_request.pk])
    )
    give_purpose(client, beperkt_request)
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    response = client.get(answer_url)
    assert ANSWER in response.content.decode()
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 1


def test_a_classified_answer_to_an_open_question_asks_the_purpose_and_hides_from_cabinet(
    officer, cabinet_staff, ocad, onderwijs
):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_procedure(
        officer,
        Dossier.Kind.INFORMATION_REQUEST,
        request_details(
            ocad, onderwijs, answer=ANSWER, answer_classification=Classification.BEPERKT
        ),
    )
    answer_url = reverse("dossiers:information_answer", args=[dossier.pk])
    cabinet = client_for(cabinet_staff)
    assert cabinet.get(dossier.get_absolute_url()).status_code == 200
    assert ANSWER not in cabinet.get(dossier.get_absolute_url()).content.decode()
    assert cabinet.get(answer_url).status_code == 404
    client = client_for(officer)
    assert ANSWER not in client.get(dossier.get_absolute_url()).content.decode()
    assert client.get(answer_url).status_code == 302  # the purpose first
    give_purpose(client, dossier)
    assert ANSWER in client.get(answer_url).content.decode()


def test_the_history_shows_an_open_answer_and_never_stores_a_classified_one(
    officer, ocad, onderwijs
):
    """On an open dossier an unclassified answer reads in the history, the audit page and
    its export; a VERTROUWELIJK answer is masked when the entry is stored, so neither
    those pages nor the administrator's view of the trail can show it (its own page,
    behind the read gate, does)."""
    open_answer = make_procedure(
        officer, Dossier.Kind.INFORMATION_REQUEST, request_details(ocad, onderwijs, answer="Neen.")
    )
    make_procedure(
        officer,
        Dossier.Kind.INFORMATION_REQUEST,
        request_details(
            ocad, onderwijs, answer=ANSWER, answer_classification=Classification.VERTROUWELIJK
        ),
    )
    stored = {
        entry.additional_data["answer_level"]: entry.changes["answer"][1]
        for entry in LogEntry.objects.get_for_model(InformationRequest)
    }
    assert stored == {
        Classification.NIET_GECLASSIFICEERD: "Neen.",
        Classification.VERTROUWELIJK: MASK,
    }
    give_clearance(officer, Classification.GEHEIM)
    client = client_for(officer)
    pages = [
        reverse("dossiers:history", args=[open_answer.pk]),
        reverse("audit"),
        reverse("audit_export"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = b"".join(response).decode()
        assert "Neen." in text and ANSWER not in text, url


def test_an_answer_raised_since_is_hidden_in_its_older_entries(officer, ocad, onderwijs):
    dossier = make_procedure(
        officer, Dossier.Kind.INFORMATION_REQUEST, request_details(ocad, onderwijs, answer=ANSWER)
    )
    details = dossier.information_request
    details.answer_classification = Classification.GEHEIM
    details.save()
    give_clearance(officer, Classification.VERTROUWELIJK)
    page = client_for(officer).get(reverse("dossiers:history", args=[dossier.pk]))
    assert ANSWER not in page.content.decode()
    give_clearance(officer, Classification.GEHEIM)
    page = client_for(officer).get(reverse("dossiers:history", args=[dossier.pk]))
    assert ANSWER in page.content.decode()


def test_the_question_of_a_classified_request_is_masked(officer, ocad, onderwijs):
    give_clearance(officer, Classification.GEHEIM)
    make_procedure(
        officer,
        Dossier.Kind.INFORMATION_REQUEST,
        request_details(ocad, onderwijs, answer=ANSWER),
        Classification.VERTROUWELIJK,
    )
    entry = LogEntry.objects.get_for_model(InformationRequest).get()
    assert entry.changes["question"][1] == MASK
    assert entry.changes["legal_basis"][1] == MASK
    assert entry.changes["answer"][1] == MASK


def test_an_editor_not_cleared_for_the_answer_neither_sees_nor_changes_it(
    officer, kanselarij, ocad, onderwijs
):
    from accounts.roles import Role
    from tests.factories import make_user

    deputy = make_user("deputy", kanselarij, Role.LIAISON_OFFICER)
    give_clearance(deputy, Classification.BEPERKT)
    dossier = make_procedure(
        officer,
        Dossier.Kind.INFORMATION_REQUEST,
        request_details(
            ocad, onderwijs, answer=ANSWER, answer_classification=Classification.GEHEIM
        ),
    )
    client = client_for(deputy)
    page = client.get(reverse("dossiers:update", args=[dossier.pk]))
    assert ANSWER not in page.content.decode()
    data = edit_data(client, dossier, **{"details-answer": "Overschreven"})
    assert client.post(reverse("dossiers:update", args=[dossier.pk]), data).status_code == 302
    assert InformationRequest.objects.get().answer == ANSWER


def test_nobody_classifies_an_answer_above_his_own_clearance(
    officer, officer_client, ocad, onderwijs
):
    give_clearance(officer, Classification.VERTROUWELIJK)
    dossier = make_procedure(
        officer, Dossier.Kind.INFORMATION_REQUEST, request_details(ocad, onderwijs)
    )
    data = edit_data(
        officer_client, dossier, **{"details-answer_classification": Classification.GEHEIM}
    )
    response = officer_client.post(reverse("dossiers:update", args=[dossier.pk]), data)
    assert response.status_code == 200
    assert response.context["detail_form"].has_error("answer_classification", "above_clearance")
