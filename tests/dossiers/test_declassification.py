"""The declassification review date: the law's term from the day of classification, or the
officer's own date, kept and logged when the level changes."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from directory.classification import Classification, declassification_review_date
from dossiers.forms import DossierForm
from dossiers.models import Dossier
from tests.dossiers.test_concurrent_edit import opened_form
from tests.dossiers.test_detail_views import give_purpose
from tests.factories import make_dossier, today

pytestmark = pytest.mark.django_db
D = datetime.date


def edit(client, dossier: Dossier, **changes: object) -> Dossier:
    """Open the dossier's edit form, change some fields, save it through the page."""
    give_purpose(client, dossier)
    data = {**opened_form(DossierForm(instance=dossier)), **changes}
    response = client.post(reverse("dossiers:update", args=[dossier.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def note(cleared_officer) -> Dossier:
    """VERTROUWELIJK since 5 January 2026: reviewed after 20 years."""
    return make_dossier(cleared_officer, Classification.VERTROUWELIJK, opened_on=D(2026, 1, 5))


def test_the_review_date_follows_the_level(officer_client, note):
    assert (note.classified_on, note.declassification_review_on) == (D(2026, 1, 5), D(2046, 1, 5))
    assert not note.review_date_set_by_hand
    note = edit(officer_client, note, classification=Classification.GEHEIM)
    assert note.declassification_review_on == D(2056, 1, 5)
    note = edit(officer_client, note, classified_on="2026-03-01")
    assert note.declassification_review_on == D(2056, 3, 1)
    note = edit(officer_client, note, classification=Classification.NIET_GECLASSIFICEERD)
    assert (note.classified_on, note.declassification_review_on) == (None, None)


def test_a_dossier_classified_later_counts_from_that_day(cleared_officer, officer_client):
    dossier = make_dossier(cleared_officer, opened_on=D(2025, 5, 1))
    dossier = edit(officer_client, dossier, classification=Classification.GEHEIM)
    assert dossier.classified_on == today()
    assert dossier.declassification_review_on == declassification_review_date(
        Classification.GEHEIM, today()
    )


def test_a_date_set_by_hand_is_kept_when_the_level_changes_and_logged(officer_client, note):
    note = edit(officer_client, note, declassification_review_on="2031-06-30")
    assert note.review_date_set_by_hand
    note = edit(officer_client, note, classification=Classification.GEHEIM)
    assert (note.declassification_review_on, note.review_date_set_by_hand) == (
        D(2031, 6, 30),
        True,
    )
    [entry] = LogEntry.objects.get_for_object(note).filter(
        additional_data__review_date_kept="2031-06-30"
    )
    assert entry.additional_data["legal_review_date"] == "2056-01-05"
    assert entry.actor is not None

    # Emptied, the date is the law's again.
    note = edit(officer_client, note, declassification_review_on="")
    assert (note.declassification_review_on, note.review_date_set_by_hand) == (
        D(2056, 1, 5),
        False,
    )


def test_typing_the_legal_date_is_not_setting_it_by_hand(officer_client, note):
    note = edit(officer_client, note, declassification_review_on="2046-01-05")
    assert not note.review_date_set_by_hand


def test_the_term_for_beperkt_is_a_setting(cleared_officer, settings):
    assert make_dossier(
        cleared_officer, Classification.BEPERKT, opened_on=D(2026, 1, 5)
    ).declassification_review_on == D(2046, 1, 5)
    settings.DECLASSIFICATION_REVIEW_YEARS_BEPERKT = 10
    dossier = make_dossier(
        cleared_officer,
        Classification.BEPERKT,
        opened_on=D(2026, 1, 5),
        declassification_review_on=None,
    )
    assert dossier.declassification_review_on == D(2036, 1, 5)
