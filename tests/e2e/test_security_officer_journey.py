"""The security officer of Onderwijs: a shared classified dossier, and his own register."""

import datetime

import pytest
from django.conf import settings as django_settings

from accounts.models import User
from clearances.models import Clearance
from directory.classification import Classification, declassification_review_date
from directory.models import Organisation
from dossiers import services
from dossiers.models import Dossier, ProtocolAgreement

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


@pytest.fixture
def shared_agreement(demo) -> Dossier:
    """What the officer's journey leaves behind: an OCAD agreement shared with Onderwijs."""
    officer = User.objects.get(username="officer")
    ocad = Organisation.objects.get(short_name="OCAD")
    dossier = services.dossier_create(
        title="Protocolafspraak OCAD beleidsdomein Onderwijs",
        workstream="information_position",
        kind=Dossier.Kind.PROTOCOL_AGREEMENT,
        owner=officer,
        classification=Classification.VERTROUWELIJK,
        declassification_review_on=declassification_review_date(
            Classification.VERTROUWELIJK, datetime.date.today()
        ),
        partners=[ocad],
    )
    ProtocolAgreement.objects.create(dossier=dossier, partner=ocad)
    services.grant_to_user(
        dossier=dossier,
        user=User.objects.get(username="vo-onderwijs"),
        reason="Beleidsdomein Onderwijs betrokken",
        granted_by=officer,
        ends_on=None,
    )
    return dossier


def test_security_officer_opens_the_shared_dossier_and_updates_his_register(
    shared_agreement, journey
):
    vo = journey("security-officer")
    page = vo.page
    vo.log_in("vo-onderwijs", PASSWORD)
    vo.check("home")
    assert page.locator(f"text={shared_agreement.reference}").count() >= 1

    vo.goto("/dossiers/")
    vo.check("dossier-list")
    listed = set(page.locator("table tbody td:first-child a").all_inner_texts())
    assert shared_agreement.reference in listed
    hidden = Dossier.objects.filter(classification__gte=Classification.VERTROUWELIJK).exclude(
        pk=shared_agreement.pk
    )
    assert hidden.exists()
    assert not listed & set(hidden.values_list("reference", flat=True))

    vo.goto("/dossiers/?q=protocolafspraak")
    found = set(page.locator("table tbody td:first-child a").all_inner_texts())
    assert found == {shared_agreement.reference}  # not the VSSE, OCAD... agreements
    vo.check("search")

    page.click(f"text={shared_agreement.reference}")
    page.wait_for_selector("input[name=purpose]")
    vo.check("purpose")
    page.check("input[name=purpose][value=partner_request]")
    page.fill("#id_detail", "Vraag van het departement")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{shared_agreement.title}')")
    vo.check("shared-dossier")

    colleague = Clearance.objects.filter(
        person__last_name="Lemmens", person__organisation__short_name="DOV"
    ).first()
    vo.goto(f"/clearances/{colleague.pk}/edit/")
    vo.check("clearance-form")
    page.fill("#id_authority_reference", "NVO-2026-DOV-0042")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("text=NVO-2026-DOV-0042")
    colleague.refresh_from_db()
    assert colleague.authority_reference == "NVO-2026-DOV-0042"
    vo.check("clearance-saved")

    other = Clearance.objects.exclude(person__organisation__short_name="DOV").first()
    response = page.goto(vo.base_url + f"/clearances/{other.pk}/")
    assert response.status == 404
