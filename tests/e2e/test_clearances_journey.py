"""The register in the browser: each page of the clearances held to WCAG 2.1 AA."""

import pytest
from django.conf import settings as django_settings

from clearances.models import Clearance
from directory.models import Person

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


def test_officer_records_a_clearance_and_reads_the_coverage(demo, journey):
    officer = journey("clearances")
    page = officer.page
    officer.log_in("officer", PASSWORD)
    officer.goto("/clearances/?due_for_renewal=yes")
    page.wait_for_selector("[data-testid=renewal-due]")
    officer.check("list")

    person = Person.objects.get(last_name="Van den Broeck")
    officer.goto(f"/clearances/people/{person.pk}/")
    page.wait_for_selector("[data-testid=uncleared-holder]")
    officer.check("person")

    officer.goto(f"/clearances/new/?person={person.pk}")
    page.select_option("#id_level", "3")
    page.select_option("#id_status", "granted")
    page.fill("#id_authority_reference", "NVO-E2E-0001")
    page.fill("#id_requested_on", "2026-01-05")
    page.fill("#id_decided_on", "2026-03-02")
    page.fill("#id_valid_until", "2031-03-03")  # one day beyond five years
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("#id_valid_until.is-invalid")
    officer.check("form-refused")
    page.fill("#id_valid_until", "2031-03-02")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_selector("text=NVO-E2E-0001")
    officer.check("detail")
    clearance = Clearance.objects.get(authority_reference="NVO-E2E-0001")
    assert clearance.person == person and clearance.status_changes.count() == 1

    officer.goto("/clearances/coverage/")
    page.wait_for_selector("[data-testid=flag-no-officer]")
    assert page.locator("[data-testid=flag-uncleared]").count() == 0  # now cleared again
    officer.check("coverage")


def test_cabinet_reads_the_coverage_without_names(demo, journey):
    cabinet = journey("clearances-cabinet")
    page = cabinet.page
    cabinet.log_in("kabinet", PASSWORD)
    cabinet.goto("/clearances/coverage/")
    page.wait_for_selector("[data-testid=flag-uncleared]")
    assert "Van den Broeck" not in page.content()
    cabinet.check("coverage")
