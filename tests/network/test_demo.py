"""The demo directory: the slides' partners in Dutch and French, contacts without accounts."""

import pytest
from django.core.management import call_command

from directory.models import Organisation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings) -> None:
    settings.DEBUG = True
    call_command("load_demo_data")


def test_the_partners_carry_their_french_names_and_abbreviations(demo):
    french = dict(Organisation.objects.values_list("short_name", "short_name_fr"))
    assert french["OCAD"] == "OCAM"
    assert french["ADIV"] == "SGRS"
    assert french["NVO"] == "ANS"
    assert french["NCCN"] == "NCCN"
    assert french["FOD BIZA"] == "SPF Intérieur"
    assert french["FOD JUST"] == "SPF Justice"
    college = Organisation.objects.get(short_name="COLPG")
    assert college.name_fr == "Collège des procureurs généraux"


def test_the_ccvo_is_the_flemish_governments_own_crisis_centre(demo):
    ccvo = Organisation.objects.get(short_name="CCVO")
    assert ccvo.kind == Organisation.Kind.CRISIS_CENTRE
    assert ccvo.parent.short_name == "DKBUZA"
    assert Organisation.objects.get(short_name="ONDINSP").parent.short_name == "DOV"


def test_the_demo_has_contacts_without_an_account_and_loads_twice_alike(demo, settings):
    contacts = Person.objects.filter(user__isnull=True, organisation__short_name="OCAD")
    assert contacts.filter(preferred_language="fr").exists()
    before = (Organisation.objects.count(), Person.objects.count())
    call_command("load_demo_data")
    assert (Organisation.objects.count(), Person.objects.count()) == before
