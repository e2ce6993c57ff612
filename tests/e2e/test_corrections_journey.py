"""The officer shares a dossier by typing part of a name, corrects and deletes a timeline
entry, and revokes the share after confirming; axe-core at desktop and phone width."""

import re

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from dossiers.access import OPEN_TO_ALL
from dossiers.models import Dossier, DossierUserGrant, TimelineEntry

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD


def test_the_officer_shares_corrects_deletes_and_revokes(demo, journey):
    sofie = User.objects.get(username="vo-onderwijs")
    dossier = (
        Dossier.objects.filter(OPEN_TO_ALL, owner__username="officer", timeline__isnull=False)
        .exclude(user_grants__user=sofie)
        .distinct()
        .first()
    )
    officer = journey("corrections")
    page = officer.page
    page.set_viewport_size({"width": 1366, "height": 900})
    officer.log_in("officer", PASSWORD)

    # Share with Sofie by typing part of her last name in the person picker.
    officer.goto(reverse("dossiers:grants", args=[dossier.pk]))
    page.click(".ts-wrapper:has(#grant-user-ts-control) .ts-control")
    page.keyboard.type("Jans")
    option = page.locator(".ts-dropdown .option", has_text="Sofie Janssens")
    expect(option).to_contain_text("Veiligheidsofficier")
    option.click()
    page.fill("#grant-reason", "Betrokken departement")
    officer.check("share-picked")
    page.click("form[action$='/grants/add/'] button[type=submit]")
    page.wait_for_url(re.compile(r"#grants$"))
    grant = DossierUserGrant.objects.get(content_object=dossier, user=sofie)

    # Correct a timeline entry: focus lands on it, the message is in the live region.
    entry = dossier.timeline.first()
    page.click(f"#entry-{entry.pk} a[href$='/edit/']")
    officer.check("edit-entry")
    page.fill("#timeline-text", "Verbeterde tekst")
    page.click("form button[type=submit].btn-primary")
    page.wait_for_url(re.compile(rf"#entry-{entry.pk}$"))
    expect(page.locator(f"#entry-{entry.pk}")).to_be_focused()
    expect(page.locator("#messages")).not_to_be_empty()
    officer.check("entry-corrected")

    # Delete it after confirming, then undo the deletion.
    page.click(f"#entry-{entry.pk} a[href$='/delete/']")
    officer.check("confirm-delete")
    page.click("main form button[type=submit].btn-danger")
    page.wait_for_url(re.compile(r"#timeline$"))
    assert not TimelineEntry.objects.filter(pk=entry.pk).exists()
    page.click("[data-testid=undo] button")
    page.wait_for_url(re.compile(rf"#entry-{entry.pk}$"))
    assert TimelineEntry.objects.get(pk=entry.pk).text == "Verbeterde tekst"

    # Revoke Sofie's need-to-know, at phone width, after the confirmation.
    page.set_viewport_size({"width": 390, "height": 844})
    officer.goto(reverse("dossiers:grants", args=[dossier.pk]))
    page.click(f"a[href='{reverse('dossiers:grant_revoke', args=[dossier.pk, 'user', grant.pk])}']")
    expect(page.locator("[data-testid=confirm-item]")).to_have_text("Sofie Janssens")
    officer.check("confirm-revoke-phone")
    page.click("main form button[type=submit].btn-danger")
    page.wait_for_url(re.compile(r"#grants$"))
    assert not DossierUserGrant.objects.filter(pk=grant.pk).exists()
    officer.check("dossier-phone")
