"""Protocol agreements under article 20, and their register."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.classification import Classification
from directory.models import PolicyDomain
from dossiers.models import Dossier, ProtocolAgreement
from tests.factories import client_for, data_queries, give_clearance, share, today
from tests.procedures.conftest import edit_data, give_purpose, make_procedure

pytestmark = pytest.mark.django_db

REGISTER = reverse("dossiers:protocol_register")
EXPORT = reverse("dossiers:protocol_register_export")


def agreement(owner, partner, domain=None, level=Classification.NIET_GECLASSIFICEERD, **fields):
    details = {"partner": partner, "policy_domain": domain, **fields}
    return make_procedure(
        owner, Dossier.Kind.PROTOCOL_AGREEMENT, details, level, title=f"Protocol {partner}"
    )


def references(response) -> set[str]:
    return {row.dossier.reference for row in response.context["page"]}


def test_officer_records_article_20_the_dpo_opinions_and_the_publication(
    officer, officer_client, ocad, kanselarij
):
    dossier = agreement(officer, ocad)
    data = edit_data(
        officer_client,
        dossier,
        **{
            "details-flemish_party": "",
            "details-legal_basis": "Art. 20 wet van 30 juli 2018",
            "details-purposes": "Dreigingsanalyse",
            "details-data_categories": "Identificatiegegevens",
            "details-person_categories": "Betrokkenen",
            "details-recipients": "Verbindingsofficier",
            "details-retention": "5 jaar",
            "details-security_measures": "Versleuteling",
            "details-flemish_dpo_opinion_on": "2026-10-01",
            "details-flemish_dpo_outcome": "positive",
            "details-federal_dpo_opinion_on": "2026-10-08",
            "details-federal_dpo_outcome": "conditional",
            "details-published_url": "https://www.vlaanderen.be/protocol-ocad",
            "details-published_on": "2026-11-01",
            "details-status": "signed",
            "details-signed_on": "2026-10-20",
        },
    )
    response = officer_client.post(reverse("dossiers:update", args=[dossier.pk]), data)
    assert response.status_code == 302
    saved = ProtocolAgreement.objects.get()
    assert (saved.retention, saved.federal_dpo_outcome) == ("5 jaar", "conditional")
    assert saved.published_on == datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    "changes",
    [
        {"details-published_url": "javascript:alert(1)"},
        {"details-published_url": "https://www.vlaanderen.be/p", "details-published_on": ""},
        {"details-flemish_dpo_attachment": "999999"},
    ],
)
def test_hostile_or_incomplete_publication_is_refused_without_error(
    officer, officer_client, ocad, changes
):
    dossier = agreement(officer, ocad)
    data = edit_data(officer_client, dossier, **changes)
    response = officer_client.post(reverse("dossiers:update", args=[dossier.pk]), data)
    assert response.status_code == 200
    assert not response.context["detail_form"].is_valid()
    assert ProtocolAgreement.objects.get().published_url == ""


def test_a_dpo_opinion_is_an_attachment_of_its_own_dossier(officer, officer_client, ocad, vsse):
    from tests.factories import hang_parts

    dossier = agreement(officer, ocad)
    other = agreement(officer, vsse)
    own = hang_parts(dossier, b"advies")["attachment_pk"]
    foreign = hang_parts(other, b"ander")["attachment_pk"]
    url = reverse("dossiers:update", args=[dossier.pk])
    refused = edit_data(officer_client, dossier, **{"details-flemish_dpo_attachment": foreign})
    assert officer_client.post(url, refused).status_code == 200
    accepted = edit_data(officer_client, dossier, **{"details-flemish_dpo_attachment": own})
    assert officer_client.post(url, accepted).status_code == 302
    page = officer_client.get(dossier.get_absolute_url()).content.decode()
    assert reverse("dossiers:attachment_download", args=[dossier.pk, own]) in page


@pytest.fixture
def register(officer, ocad, vsse):
    """Three agreements: two open in two domains, one VERTROUWELIJK."""
    give_clearance(officer, Classification.GEHEIM)
    onderwijs = PolicyDomain.objects.create(name="Onderwijs en Vorming")
    welzijn = PolicyDomain.objects.create(name="Welzijn")
    return {
        "open_ocad": agreement(
            officer, ocad, onderwijs, review_on=today() + datetime.timedelta(days=30)
        ),
        "open_vsse": agreement(
            officer,
            vsse,
            welzijn,
            status="negotiation",
            review_on=today() - datetime.timedelta(days=3),
        ),
        "secret": agreement(officer, vsse, welzijn, Classification.VERTROUWELIJK),
        "onderwijs": onderwijs,
    }


def test_the_register_filters_by_partner_domain_status_and_review(
    officer_client, register, ocad, vsse
):
    refs = {name: d.reference for name, d in register.items() if isinstance(d, Dossier)}
    assert references(officer_client.get(REGISTER)) == set(refs.values())
    assert references(officer_client.get(REGISTER, {"partner": ocad.pk})) == {refs["open_ocad"]}
    by_domain = officer_client.get(REGISTER, {"policy_domain": register["onderwijs"].pk})
    assert references(by_domain) == {refs["open_ocad"]}
    assert references(officer_client.get(REGISTER, {"status": "negotiation"})) == {
        refs["open_vsse"]
    }
    assert references(officer_client.get(REGISTER, {"review": "overdue"})) == {refs["open_vsse"]}
    assert references(officer_client.get(REGISTER, {"review": "90"})) == {refs["open_ocad"]}
    response = officer_client.get(REGISTER, {"review_before": "not-a-date", "partner": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["vo_onderwijs", "cabinet_staff", "uncleared"])
def test_the_register_and_its_export_show_only_what_the_user_may_see(request, role, register):
    user = request.getfixturevalue(role)
    give_clearance(user, Classification.ZEER_GEHEIM)  # clearance alone gives nothing
    client = client_for(user)
    secret = register["secret"].reference
    assert secret not in client.get(REGISTER).content.decode()
    assert secret not in client.get(EXPORT).content.decode("utf-8-sig")


def test_a_security_officer_sees_the_agreement_shared_with_him(vo_onderwijs, register):
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    share(register["secret"], vo_onderwijs)
    assert references(client_for(vo_onderwijs).get(REGISTER)) == {register["secret"].reference}


def test_the_export_holds_the_filtered_register(officer_client, register, ocad):
    response = officer_client.get(EXPORT, {"partner": ocad.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [register["open_ocad"].reference]
    xlsx = officer_client.get(EXPORT, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_the_register_reads_a_fixed_number_of_queries(officer, officer_client, ocad):
    give_clearance(officer, Classification.GEHEIM)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(REGISTER).status_code == 200
        return data_queries(captured)

    agreement(officer, ocad)
    queries()  # the session's first request writes it; later ones within the minute do not
    few = queries()
    domain = PolicyDomain.objects.create(name="Omgeving")
    for _ in range(12):
        agreement(officer, ocad, domain, Classification.VERTROUWELIJK)
    assert queries() == few


def test_a_classified_agreement_opens_through_the_gate(officer, officer_client, register):
    secret = register["secret"]
    assert officer_client.get(secret.get_absolute_url()).status_code == 302
    give_purpose(officer_client, secret)
    assert officer_client.get(secret.get_absolute_url()).status_code == 200


def test_the_register_sorts_by_review_date_both_ways(officer, officer_client, ocad, vsse):
    for days, partner in ((90, ocad), (10, vsse), (40, ocad)):
        agreement(officer, partner, review_on=today() + datetime.timedelta(days=days))

    def review_dates(sort: str) -> list[datetime.date]:
        response = officer_client.get(REGISTER, {"sort": sort})
        return [row.review_on for row in response.context["page"]]

    assert review_dates("review_on") == sorted(review_dates("review_on"))
    assert review_dates("-review_on") == sorted(review_dates("review_on"), reverse=True)
    assert review_dates("title") == review_dates("")  # a column not offered: default order
