"""The demo directory: the slides' partners in Dutch and French, contacts without accounts."""

import pytest
from django.core.management import call_command

from directory.models import Organisation, Person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def test_the_partners_carry_their_french_names_and_abbreviations():
    french = dict(Organisation.objects.values_list("short_name", "short_name_fr"))
    assert french["OCAD"] == "OCAM"
    assert french["ADIV"] == "SGRS"
    assert french["NVO"] == "ANS"
    assert french["NCCN"] == "NCCN"
    assert french["FOD BIZA"] == "SPF Intérieur"
    assert french["FOD JUST"] == "SPF Justice"
    college = Organisation.objects.get(short_name="COLPG")
    assert college.name_fr == "Collège des procureurs généraux"


def test_the_ccvo_is_the_flemish_governments_own_crisis_centre():
    ccvo = Organisation.objects.get(short_name="CCVO")
    assert ccvo.kind == Organisation.Kind.CRISIS_CENTRE
    assert ccvo.parent.short_name == "DKBUZA"
    assert Organisation.objects.get(short_name="ONDINSP").parent.short_name == "DOV"


def test_the_demo_has_contacts_without_an_account_and_loads_twice_alike(settings):
    contacts = Person.objects.filter(user__isnull=True, organisation__short_name="OCAD")
    assert contacts.filter(preferred_language="fr").exists()
    before = (Organisation.objects.count(), Person.objects.count())
    settings.DEBUG = True
    call_command("load_demo_data")
    assert (Organisation.objects.count(), Person.objects.count()) == before


def test_the_slides_networks_are_bodies_with_their_2022_meetings(settings):
    from network.models import Body, Decision

    kinds = dict(Body.objects.values_list("dossier__title", "kind"))
    assert kinds["Platform preventie radicalisering en polarisering"] == Body.Kind.PLATFORM
    assert kinds["Digitaal netwerk kabinetten en SG/AG"] == Body.Kind.DIGITAL_NETWORK
    assert kinds["Netwerk van informatie-officieren"] == Body.Kind.INFORMATION_OFFICERS
    assert kinds["Kennisdelingsnetwerk radicalisering"] == Body.Kind.KNOWLEDGE_NETWORK
    ccvo = Body.objects.get(kind=Body.Kind.CRISIS_CELL)
    assert ccvo.secretariat.short_name == "CCVO"
    assert ccvo.secretariat.kind == Organisation.Kind.CRISIS_CENTRE
    assert all(m.held_on.year == 2022 for b in Body.objects.all() for m in b.meetings.all())
    corona = Decision.objects.get(meeting__body=ccvo)
    assert corona.meeting.discussed.get().title.startswith("Participatie aan CCVO")
    settings.DEBUG = True
    call_command("load_demo_data")
    assert Decision.objects.filter(meeting__body=ccvo).count() == 1
