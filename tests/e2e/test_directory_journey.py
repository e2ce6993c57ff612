"""The officer finds a partner by its French abbreviation and reads its contacts, in Chromium."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from directory.models import Organisation, Person

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


def test_the_officer_finds_a_partner_and_its_contacts_at_both_widths(demo, journey):
    officer = journey("directory")
    page = officer.page
    officer.log_in("officer", PASSWORD)
    officer.goto(reverse("network:organisation_list"))
    officer.check("organisations")
    page.fill("input[name=q]", "OCAM")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=OCAM**")
    ocad = Organisation.objects.get(short_name="OCAD")
    detail = reverse("network:organisation_detail", args=[ocad.pk])
    assert page.locator(f"a[href='{detail}']").count() == 1
    officer.check("search-ocam")
    officer.goto(detail)
    assert page.locator("h1").count() == 1
    officer.check("organisation")
    officer.goto(reverse("network:contact_list"))
    officer.check("contacts")
    contact = Person.objects.filter(user__isnull=True).exclude(email="").first()
    officer.goto(reverse("network:contact_detail", args=[contact.pk]))
    assert contact.email in page.content()
    officer.check("contact")
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in [
        ("organisations-phone", reverse("network:organisation_list")),
        ("contact-phone", reverse("network:contact_detail", args=[contact.pk])),
    ]:
        officer.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (name, width)
        officer.check(name)


def test_another_departments_security_officer_sees_a_name_not_the_details(demo, journey):
    visitor = journey("directory-vo")
    page = visitor.page
    visitor.log_in("vo-onderwijs", PASSWORD)
    contact = Person.objects.exclude(organisation__short_name="DOV").exclude(email="").first()
    visitor.goto(reverse("network:contact_detail", args=[contact.pk]))
    assert contact.last_name in page.content()
    assert contact.email not in page.content()
    visitor.check("contact-of-another-department")
