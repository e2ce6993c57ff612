"""The liaison officer's journey: a classified protocol agreement, shared, then reported."""

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from accounts.models import User
from dossiers import services
from dossiers.models import CommitteeReport, Dossier

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


def test_officer_creates_a_protocol_agreement_shares_it_and_reports(demo, journey, tmp_path):
    officer = journey("officer")
    page = officer.page
    officer.log_in("officer", PASSWORD)
    officer.check("home")

    officer.goto("/dossiers/new/?kind=protocol_agreement&workstream=information_position")
    page.fill("#id_title", "Protocolafspraak OCAD beleidsdomein Onderwijs")
    page.fill("#id_summary", "Afspraken over informatiedeling met OCAD.")
    page.select_option("#id_status", "in_progress")
    ocad = page.locator("#id_partners option", has_text="OCAD").get_attribute("value")
    page.select_option("#id_partners", [ocad])
    page.select_option("#id_classification", "2")
    page.select_option("#id_details-partner", ocad)
    page.select_option("#id_details-status", "negotiation")
    officer.check("dossier-form")
    page.click("main form[method=post] button[type=submit]")

    page.wait_for_selector("input[name=purpose]")  # VERTROUWELIJK: the purpose first
    officer.check("purpose")
    page.check("input[name=purpose][value=case_work]")
    page.fill("#id_detail", "Opmaak van de protocolafspraak")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("#timeline")
    dossier = Dossier.objects.get(title="Protocolafspraak OCAD beleidsdomein Onderwijs")
    assert dossier.classification == 2 and dossier.protocol_agreement.partner.short_name == "OCAD"

    page.evaluate("window.samePage = true")  # survives only if no page load happens
    page.click("#timeline details.add-form > summary")  # the add-forms are folded
    page.fill("#timeline-text", "Eerste ontwerp besproken met OCAD")
    page.click("#timeline button[type=submit]")
    page.wait_for_selector("#timeline >> text=Eerste ontwerp besproken met OCAD")
    page.click("#tasks details.add-form > summary")
    page.fill("#task-title", "Ontwerp nalezen")
    page.fill("#task-due_on", "2030-01-31")
    page.click("#tasks form[action$='/tasks/add/'] button[type=submit]")
    page.wait_for_selector("#tasks >> text=Ontwerp nalezen")
    assert page.evaluate("window.samePage") is True
    officer.check("dossier-in-place")

    vo = User.objects.get(username="vo-onderwijs")
    page.wait_for_selector("#grant-user", state="attached")  # the panel loads on its own
    page.click("#grants details.add-form > summary")
    # The picker holds nobody: typing asks the autocomplete for the matching people.
    page.click("#grants .ts-wrapper:has(#grant-user-ts-control) .ts-control")
    page.keyboard.type("Janssens")
    page.locator(".ts-dropdown .option", has_text=vo.get_full_name()).click()
    # chosen in the form itself before it is sent (the autocomplete answers late on a
    # busy machine, and the dropdown may still be open over the form)
    page.wait_for_function(f"document.querySelector('#grant-user').value === '{vo.pk}'")
    page.keyboard.press("Escape")
    page.fill("#grant-reason", "Beleidsdomein Onderwijs betrokken")
    page.click("#grants form button[type=submit]")
    page.wait_for_selector("#grants li strong:has-text('Sofie Janssens')")
    assert dossier.user_grants.filter(user=vo).exists()
    officer.check("dossier-shared")

    officer.goto("/dossiers/reports/")
    page.fill("#id_committee_date", "2022-09-27")
    page.fill("#id_period_start", "2022-01-01")
    page.fill("#id_period_end", "2022-09-27")
    page.click("button:has-text('Voorbeeld')")
    page.wait_for_selector(".committee-report")
    officer.check("report")
    page.click("button:has-text('Ontwerp starten')")  # the officer's draft
    page.click("button[name=keep]")  # kept as a dated version, its files left to the worker
    page.wait_for_selector("#report-files")
    kept = CommitteeReport.objects.filter(kept_at__isnull=False).latest("pk")
    services.committee_report_files_make(
        report_id=kept.pk, user_id=kept.created_by_id
    )  # the worker
    page.wait_for_selector("text=PDF downloaden")  # the page polls, then shows the text
    with page.expect_download() as download_info:
        page.click("text=PDF downloaden")
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = " ".join(sheet.extract_text() for sheet in PdfReader(path).pages)
    for title in (
        "Informatiepositie versterken",
        "Opvolging radicalisering",
        "Opvolging bestuurlijke aanpak",
        "Dagelijkse werking",
    ):
        assert title in " ".join(text.split())
