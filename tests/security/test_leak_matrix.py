"""Every URL that takes an object id, for every role, with ids the user may not reach."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from directory.classification import Classification
from dossiers.models import Task
from tests.factories import (
    client_for,
    give_clearance,
    hang_parts,
    make_body,
    make_dossier,
    make_meeting,
)

pytestmark = pytest.mark.django_db
PORTAL_NAMESPACES = {"dossiers", "clearances", "network"}
# Directory pages a role may open whatever the id (organisations, contacts' names): for
# them the matrix asks that the page shows nothing hidden, rather than a 404.
DIRECTORY_PAGES = {"network:organisation_detail", "network:contact_detail"}
HIDDEN_CONTACT_DETAILS = ["eva.geheim@kanselarij.test", "+32 2 999 88 77"]


def id_patterns() -> list[tuple[str, list[str]]]:
    """(namespaced name, its integer arguments) of every portal URL that takes an id."""
    found = []

    def walk(patterns: list, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in PORTAL_NAMESPACES:
                converters = pattern.pattern.converters
                ids = [name for name, conv in converters.items() if conv.regex == "[0-9]+"]
                if ids:
                    found.append((f"{namespace}:{pattern.name}", list(converters)))

    walk(get_resolver().url_patterns, None)
    return found


@pytest.fixture
def hidden(officer):
    """A GEHEIM dossier of the officer, with one of everything hanging from it."""
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Geheim")
    return hang_parts(dossier)


@pytest.fixture
def hidden_register(kanselarij, officer) -> dict[str, int]:
    """A person of Kanselarij with a clearance and an appointment: not Onderwijs's business."""
    from clearances.models import Clearance, ClearanceProposal, SecurityOfficerAppointment
    from directory.models import Person

    person = Person.objects.create(
        first_name="Eva",
        last_name="Geheim",
        organisation=kanselarij,
        email=HIDDEN_CONTACT_DETAILS[0],
        phone=HIDDEN_CONTACT_DETAILS[1],
    )
    clearance = Clearance.objects.create(
        person=person, level=Classification.GEHEIM, requested_on="2025-01-01"
    )
    appointment = SecurityOfficerAppointment.objects.create(
        person=person, organisation=kanselarij, starts_on="2025-01-01"
    )
    proposal = ClearanceProposal.objects.create(
        person=person,
        clearance=clearance,
        level=Classification.ZEER_GEHEIM,
        requested_on="2025-01-01",
        proposed_by=officer,
    )
    body = make_body(officer, Classification.GEHEIM, title="Geheime crisiscel")
    meeting = make_meeting(body, Classification.GEHEIM)
    return {
        "network:organisation_update": kanselarij.pk,
        "network:contact_update": person.pk,
        "network:body_detail": body.pk,
        "network:body_update": body.pk,
        "network:meeting_create": body.pk,
        "network:meeting_detail": meeting.pk,
        "network:meeting_update": meeting.pk,
        "network:meeting_purpose": meeting.pk,
        "network:meeting_send_agenda": meeting.pk,
        "network:meeting_send_minutes": meeting.pk,
        "clearances:proposal_confirm": proposal.pk,
        "clearances:proposal_reject": proposal.pk,
        "clearances:detail": clearance.pk,
        "clearances:update": clearance.pk,
        "clearances:renew": clearance.pk,
        "clearances:person_detail": person.pk,
        "clearances:person_update": person.pk,
        "clearances:appointment_update": appointment.pk,
        "network:organisation_detail": kanselarij.pk,
        "network:contact_detail": person.pk,
    }


def urls_for(
    ids: dict[str, object], register: dict[str, int] | None = None, *, directory: bool = False
) -> list[str]:
    """Every id URL of the dossiers (and, given ``register``, of the clearances; with
    ``directory``, only the directory pages)."""
    urls = []
    for name, arguments in id_patterns():
        if (name in DIRECTORY_PAGES) != directory:
            continue
        if name.startswith("dossiers:"):
            urls.append(reverse(name, kwargs={arg: ids[arg] for arg in arguments}))
        elif register is not None:
            assert name in register, f"no hidden object for {name}: add one to the fixture"
            urls.append(reverse(name, args=[register[name]]))
    return urls


def test_the_walk_finds_the_id_urls():
    names = {name for name, _args in id_patterns()}
    assert {"dossiers:detail", "dossiers:attachment_download", "dossiers:grant_revoke"} <= names
    assert {"clearances:detail", "clearances:person_detail"} <= names
    assert names >= DIRECTORY_PAGES
    assert {"network:body_detail", "network:meeting_detail", "network:meeting_send_agenda"} <= names


@pytest.mark.parametrize("role", ["vo_onderwijs", "vo_omgeving", "cabinet_staff", "uncleared"])
def test_hidden_objects_answer_404_for_every_method(request, role, hidden, hidden_register):
    user = request.getfixturevalue(role)
    give_clearance(user, Classification.ZEER_GEHEIM)  # clearance alone is not enough
    client = client_for(user)
    for url in urls_for(hidden, hidden_register):
        for method in (client.get, client.post):
            status = method(url).status_code
            # 405 answers a wrong method before any lookup, so it reveals nothing.
            assert status in (404, 405), (role, method.__name__, url, status)


@pytest.mark.parametrize("role", ["vo_onderwijs", "vo_omgeving", "cabinet_staff", "uncleared"])
def test_directory_pages_show_nothing_hidden(request, role, kanselarij, hidden, hidden_register):
    """The organisation holding a hidden dossier and a contact of another department:
    a page the role may open names neither the dossier nor the contact's details."""
    from dossiers.models import Dossier

    secret = Dossier.objects.get(pk=hidden["pk"])
    secret.partners.add(kanselarij)
    user = request.getfixturevalue(role)
    give_clearance(user, Classification.ZEER_GEHEIM)
    client = client_for(user)
    for url in urls_for(hidden, hidden_register, directory=True):
        assert client.post(url).status_code == 405, url
        response = client.get(url)
        assert response.status_code in (200, 404), (role, url, response.status_code)
        html = response.content.decode()
        # Not the title "Geheim": it is also the last name of the contact, which may show.
        for text in [secret.reference, *HIDDEN_CONTACT_DETAILS]:
            assert text not in html, (role, url, text)


# Pages without an id that only the liaison officer uses: absent for everybody else.
OFFICER_ONLY_PAGES = ["dossiers:reviews"]


@pytest.mark.parametrize("role", ["vo_onderwijs", "vo_omgeving", "cabinet_staff", "uncleared"])
def test_the_officers_own_pages_answer_404_for_every_other_role(request, role, hidden):
    user = request.getfixturevalue(role)
    give_clearance(user, Classification.ZEER_GEHEIM)
    client = client_for(user)
    for name in OFFICER_ONLY_PAGES:
        assert client.get(reverse(name)).status_code == 404, (role, name)


def test_cabinet_staff_get_403_on_every_write_of_a_visible_dossier(officer, cabinet_staff):
    dossier = make_dossier(officer, title="Openbaar")
    task = Task.objects.create(dossier=dossier, title="Taak")
    ids = {
        "pk": dossier.pk,
        "task_pk": task.pk,
        "attachment_pk": 0,
        "grant_pk": 0,
        "kind": "user",
        "question_pk": 0,
        "commitment_pk": 0,
    }
    ids |= {"entry_pk": 0, "opinion_pk": 0, "link_pk": 0}
    client = client_for(cabinet_staff)
    writes = [url for url in urls_for(ids) if client.get(url).status_code == 405]
    assert len(writes) >= 8
    for url in writes:
        assert client.post(url).status_code == 403, url
