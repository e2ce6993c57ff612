"""The three users' journeys through the portal, in Chromium."""

import re

import pytest
from django.conf import settings as django_settings

from accounts.models import User
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


def test_cabinet_sees_figures_and_not_found_at_a_classified_dossier(demo, journey):
    cabinet = journey("cabinet")
    page = cabinet.page
    cabinet.log_in("kabinet", PASSWORD)
    page.wait_for_selector(".bar-list")
    assert page.locator(".bar-list").count() == 3  # workstreams, access requests, coverage
    assert page.locator("table").count() >= 3
    cabinet.check("dashboard")
    secret = Dossier.objects.filter(classification__gte=2).first()
    response = page.goto(cabinet.base_url + secret.get_absolute_url())
    assert response.status == 404
    assert secret.title not in page.content()


def test_switching_language_changes_the_interface(demo, journey):
    visitor = journey("language")
    page = visitor.page
    visitor.log_in("officer", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("nav >> text=Startpagina").count() == 1
    page.click("button[value=fr]")
    page.wait_for_selector("html[lang=fr]")
    assert page.locator("nav >> text=Accueil").count() == 1
    visitor.check("french")
    page.click("button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.locator("nav >> text=Home").count() == 1
    visitor.check("english")


def test_menus_and_forms_work_with_the_keyboard(demo, journey):
    visitor = journey("keyboard")
    page = visitor.page
    user = User.objects.get(username="officer")
    from django_otp.oath import totp

    from tests.factories import verified_device

    device = verified_device(user)
    visitor.goto("/login/")
    page.focus("#id_auth-username")
    page.keyboard.type("officer")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_token-otp_token")
    page.keyboard.type(f"{totp(device.bin_key):06d}")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=identity]")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    page.focus("nav .dropdown-toggle")
    page.keyboard.press("Enter")
    page.wait_for_selector(".dropdown-menu.show")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/dossiers/\?workstream=information_position"))
    visitor.check("keyboard-workstream")
