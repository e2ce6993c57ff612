import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clearances.models import Clearance
from dashboards import tasks
from dashboards.cabinet import CLASSIFIED_PARTNER
from directory.classification import Classification
from directory.models import Organisation
from dossiers.models import (
    AccessRequest,
    Dossier,
    DossierGroupGrant,
    DossierUserGrant,
    ProtocolAgreement,
    Task,
    TimelineEntry,
)
from tests.factories import client_for, data_queries, give_clearance, make_dossier, share

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def matrix_row(matrix, label: str) -> tuple[list[int], int]:
    row = next(row for row in matrix.rows if row[0] == label)
    return row[1], row[2]


def cabinet_home(client):
    """The cabinet's home once beat's worker has counted its figures over every dossier."""
    tasks.refresh_cabinet_figures.delay()
    return client.get(reverse("home"))


def test_officer_home_shows_deadlines_tasks_and_counts(officer, officer_client):
    give_clearance(officer, Classification.GEHEIM)
    overdue = make_dossier(officer, title="Te laat", deadline=TODAY() - datetime.timedelta(days=2))
    soon = make_dossier(officer, title="Binnenkort", deadline=TODAY() + datetime.timedelta(days=20))
    make_dossier(officer, title="Later", deadline=TODAY() + datetime.timedelta(days=45))
    make_dossier(officer, title="Klaar", deadline=TODAY(), status=Dossier.Status.DONE)
    Task.objects.create(dossier=soon, title="Sjabloon invullen", assignee=officer, due_on=TODAY())
    Task.objects.create(dossier=soon, title="Al gedaan", assignee=officer, done_on=TODAY())
    response = officer_client.get(reverse("home"))
    assert [d.title for d in response.context["deadlines"]] == [overdue.title, soon.title]
    assert [t.title for t in response.context["open_tasks"]] == ["Sjabloon invullen"]
    values, total = matrix_row(response.context["by_status"], "Informatiepositie versterken")
    assert total == 4
    assert values == [3, 0, 0, 1, 0]  # open, in progress, waiting, done, closed
    assert "achterstallig" in response.content.decode()


def test_officer_home_counts_each_cell_up_to_the_cap_in_one_query_at_any_size(
    settings, officer, officer_client
):
    """Each workstream x status cell is counted up to the cap ("3+" past it), all cells in
    one statement that reads at most cap + 1 dossiers per cell, however many there are."""
    settings.LIST_COUNT_CAP = 3
    give_clearance(officer, Classification.GEHEIM)
    workstream = "Informatiepositie versterken"
    client = officer_client
    client.get(reverse("home"))  # the session's first request renews its idle timer

    def view() -> tuple[object, list[str], str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home"))
        matrix = [q["sql"] for q in queries.captured_queries if "matrix_cell" in q["sql"]]
        return response, matrix, data_queries(queries)

    for number in range(2):
        make_dossier(officer, title=f"A{number}")
    small, small_matrix, small_queries = view()
    assert matrix_row(small.context["by_status"], workstream) == ([2, 0, 0, 0, 0], 2)
    assert not small.context["by_status"].capped
    assert 'data-testid="matrix-capped"' not in small.text

    for number in range(8):
        make_dossier(officer, title=f"B{number}", status=Dossier.Status.DONE)
    make_dossier(officer, title="C", status=Dossier.Status.OPEN)
    make_dossier(officer, title="D", status=Dossier.Status.OPEN)
    large, large_matrix, large_queries = view()
    values, total = matrix_row(large.context["by_status"], workstream)
    assert values == [3, 0, 0, 3, 0]  # 4 open and 8 done, each counted up to 3
    assert [value.capped for value in values] == [True, False, False, True, False]
    assert (total, total.capped) == (6, True)
    assert "3+" in large.text and "6+" in large.text
    assert 'data-testid="matrix-capped"' in large.text
    # One statement for the 20 cells, each a LIMIT cap + 1 subquery, at both sizes.
    assert len(small_matrix) == len(large_matrix) == 1
    assert "LIMIT 4" in large_matrix[0]
    assert large_queries == small_queries


def test_officer_home_counts_only_what_he_may_see_and_a_lapsed_clearance_at_once(
    officer, officer_client, vo_onderwijs
):
    workstream = "Informatiepositie versterken"
    clearance = give_clearance(officer, Classification.GEHEIM)
    make_dossier(officer, title="Open")
    make_dossier(officer, Classification.GEHEIM, title="Zijn geheim")
    # Above his clearance, though his own; and another's need-to-know dossier, not shared.
    make_dossier(officer, Classification.ZEER_GEHEIM, title="Te hoog")
    give_clearance(vo_onderwijs, Classification.GEHEIM)
    make_dossier(vo_onderwijs, title="Niet gedeeld", restricted_distribution=True)

    def counted() -> int:
        response = officer_client.get(reverse("home"))
        return matrix_row(response.context["by_status"], workstream)[1]

    assert counted() == 2
    Clearance.objects.filter(pk=clearance.pk).update(
        valid_until=TODAY() - datetime.timedelta(days=1)
    )
    assert counted() == 1  # at the next view: no longer his GEHEIM dossier


def test_cabinet_figures_count_classified_dossiers_without_naming_them(officer, cabinet_client):
    vsse = Organisation.objects.create(short_name="VSSE", name="VSSE", kind="federal_partner")
    ccb = Organisation.objects.create(short_name="CCB", name="CCB", kind="federal_partner")
    secret = make_dossier(
        officer,
        Classification.VERTROUWELIJK,
        title="Protocolafspraak VSSE",
        kind="protocol_agreement",
    )
    ProtocolAgreement.objects.create(dossier=secret, partner=vsse, status="negotiation")
    public = make_dossier(officer, title="Protocolafspraak CCB", kind="protocol_agreement")
    ProtocolAgreement.objects.create(dossier=public, partner=ccb, status="drafting")
    request = make_dossier(officer, title="44/11/9", kind="access_request")
    AccessRequest.objects.create(dossier=request, step=AccessRequest.Step.REVISION)
    response = cabinet_home(cabinet_client)
    context = response.context
    assert matrix_row(context["by_status"], "Informatiepositie versterken")[1] == 3
    assert matrix_row(context["protocols"], "CCB") == ([1, 0, 0, 0], 1)
    assert matrix_row(context["protocols"], str(CLASSIFIED_PARTNER)) == ([0, 1, 0, 0], 1)
    steps = {bar.label: bar.value for bar in context["access_request_steps"]}
    assert steps["Aanvraag wordt herwerkt"] == 1 and sum(steps.values()) == 1
    html = response.content.decode()
    assert "VSSE" not in html and "Protocolafspraak VSSE" not in html
    assert "<script>" not in html


@pytest.mark.parametrize("fixture", ["officer", "cabinet_staff", "vo_onderwijs"])
def test_home_query_count_does_not_grow_with_dossiers(request, fixture, officer):
    user = request.getfixturevalue(fixture)
    give_clearance(officer, Classification.GEHEIM)
    client = client_for(user)
    client.get(reverse("home"))  # the session's first request renews its idle timer

    def count_queries() -> int:
        tasks.refresh_cabinet_figures.delay()  # as beat's worker does every minute
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return data_queries(queries)

    for number in range(5):
        dossier = make_dossier(officer, title=f"A{number}", deadline=TODAY())
        Task.objects.create(dossier=dossier, title="t", assignee=officer, due_on=TODAY())
    small = count_queries()
    for number in range(40):
        dossier = make_dossier(officer, title=f"B{number}", deadline=TODAY())
        Task.objects.create(dossier=dossier, title="t", assignee=officer, due_on=TODAY())
    assert count_queries() == small
    assert small <= 15


def test_security_officer_home_shows_his_organisation_only(vo_onderwijs, onderwijs, omgeving):
    from clearances.models import SecurityOfficerAppointment
    from directory.models import Person

    due = Person.objects.create(first_name="Kristof", last_name="Lemmens", organisation=onderwijs)
    elsewhere = Person.objects.create(first_name="Eva", last_name="Peeters", organisation=omgeving)
    soon = TODAY() + datetime.timedelta(days=60)  # inside the 7-month renewal window
    for person in (due, elsewhere):
        Clearance.objects.create(
            person=person,
            level=Classification.VERTROUWELIJK,
            status="granted",
            requested_on=TODAY() - datetime.timedelta(days=900),
            decided_on=TODAY() - datetime.timedelta(days=800),
            valid_until=soon,
        )
    SecurityOfficerAppointment.objects.create(
        person=vo_onderwijs.person, organisation=onderwijs, starts_on=TODAY()
    )
    response = client_for(vo_onderwijs).get(reverse("home"))
    assert [c.person for c in response.context["clearances_to_act_on"]] == [due]
    line = response.context["coverage_line"]
    assert (line.pk, line.officer_count, line.renewal_count) == (onderwijs.pk, 1, 1)
    assert line.uncleared_officer  # his own clearance is missing in this test
    html = response.content.decode()
    assert "Lemmens" in html and "Peeters" not in html


def test_security_officer_home_query_count_does_not_grow_with_his_clearances(
    vo_onderwijs, onderwijs
):
    from directory.models import Person

    client = client_for(vo_onderwijs)
    client.get(reverse("home"))  # the session's first request renews its idle timer

    def home_after_adding(count: int) -> tuple[int, int]:
        for number in range(count):
            person = Person.objects.create(
                first_name="Persoon", last_name=f"{count}-{number}", organisation=onderwijs
            )
            Clearance.objects.create(
                person=person,
                level=Classification.VERTROUWELIJK,
                status="granted",
                requested_on=TODAY() - datetime.timedelta(days=900),
                decided_on=TODAY() - datetime.timedelta(days=800),
                valid_until=TODAY() + datetime.timedelta(days=60 + number),
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home"))
        return len(response.context["clearances_to_act_on"]), data_queries(queries)

    shown, small = home_after_adding(2)
    assert shown == 2
    shown, large = home_after_adding(30)
    assert shown == 25 and large == small <= 15


def test_cabinet_coverage_counts_without_names(cabinet_client, onderwijs, omgeving, vo_onderwijs):
    from clearances.models import SecurityOfficerAppointment

    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    SecurityOfficerAppointment.objects.create(
        person=vo_onderwijs.person, organisation=onderwijs, starts_on=TODAY()
    )
    response = cabinet_client.get(reverse("home"))
    counts = {bar.label: bar.value for bar in response.context["coverage_bars"]}
    assert counts["Organisaties met een gemachtigde veiligheidsofficier"] == 1
    assert counts["Organisaties zonder veiligheidsofficier"] >= 1  # Omgeving, and the cabinet
    assert vo_onderwijs.first_name not in response.content.decode()  # counts, no names


def test_cabinet_dashboard_does_not_name_the_partner_of_a_need_to_know_agreement(
    officer, cabinet_client
):
    ocad = Organisation.objects.create(short_name="OCAD", name="OCAD", kind="federal_partner")
    need_to_know = make_dossier(
        officer, title="Afspraak OCAD", kind="protocol_agreement", restricted_distribution=True
    )
    ProtocolAgreement.objects.create(
        dossier=need_to_know, partner=ocad, status="signed", signed_on=TODAY()
    )
    response = cabinet_home(cabinet_client)
    partners = [row[0] for row in response.context["protocols"].rows]
    assert partners == [str(CLASSIFIED_PARTNER)]
    assert "OCAD" not in response.content.decode()


def test_officer_home_names_classified_items_by_reference_only(officer, officer_client):
    give_clearance(officer, Classification.GEHEIM)
    secret = make_dossier(officer, Classification.GEHEIM, title="Geheime titel", deadline=TODAY())
    Task.objects.create(dossier=secret, title="Geheime taak", assignee=officer, due_on=TODAY())
    TimelineEntry.objects.create(dossier=secret, occurred_on=TODAY(), text="Geheime tijdlijntekst")
    public = make_dossier(officer, title="Open titel", deadline=TODAY())
    TimelineEntry.objects.create(dossier=public, occurred_on=TODAY(), text="Open tijdlijntekst")
    html = officer_client.get(reverse("home")).content.decode()
    assert secret.reference in html and "Open titel" in html and "Open tijdlijntekst" in html
    secrets = ["Geheime titel", "Geheime taak", "Geheime tijdlijntekst"]
    assert [text for text in secrets if text in html] == []


def test_cabinet_headline_says_in_words_what_needs_attention(officer, cabinet_client, onderwijs):
    from django.utils import translation

    from dashboards.cabinet import ATTENTION_WORDING

    late = TODAY() - datetime.timedelta(days=3)
    make_dossier(officer, Classification.GEHEIM, title="Geheim en te laat", deadline=late)
    make_dossier(officer, title="Open en te laat", deadline=late)
    make_dossier(officer, title="Klaar", deadline=late, status=Dossier.Status.DONE)
    response = cabinet_home(cabinet_client)
    lines = {line.text: line.count for line in response.context["attention"]}
    with translation.override("nl"):
        overdue = str(ATTENTION_WORDING["overdue"] % {"count": 2})
    assert lines[overdue] == 2
    headline = response.text.split('data-testid="attention"')[1].split("</section>")[0]
    assert overdue in headline
    assert "Geheim en te laat" not in response.text


def test_cabinet_headline_is_empty_when_nothing_needs_attention(cabinet_staff):
    from dashboards.cabinet import attention_lines

    assert attention_lines([], {}) == []


def test_cabinet_dashboard_says_when_its_figures_are_from(cabinet_client):
    before = timezone.now()
    response = cabinet_home(cabinet_client)
    as_of = response.context["as_of"]
    assert before <= as_of <= timezone.now()
    marker = response.text.split('data-testid="as-of"')[1].split("</p>")[0]
    assert f'datetime="{timezone.localtime(as_of).isoformat()}"' in marker


def test_cabinet_months_are_only_those_with_data(officer, cabinet_client):
    from django.utils.formats import date_format

    first = TODAY().replace(day=1)
    three_months_ago = (first - datetime.timedelta(days=80)).replace(day=15)
    make_dossier(officer, title="Nu", opened_on=TODAY())
    make_dossier(officer, title="Eerder", opened_on=three_months_ago)
    make_dossier(officer, title="Te oud", opened_on=first - datetime.timedelta(days=500))
    response = cabinet_home(cabinet_client)
    months = [row[0] for row in response.context["evolution"].rows]
    assert months == [
        date_format(three_months_ago.replace(day=1), "YEAR_MONTH_FORMAT"),
        date_format(first, "YEAR_MONTH_FORMAT"),
    ]
    assert all(row[2] == 1 for row in response.context["evolution"].rows)


def test_cabinet_dashboard_speaks_plain_words_with_the_code_as_tooltip(officer, cabinet_client):
    ccb = Organisation.objects.create(
        short_name="CCB", name="Centrum voor Cybersecurity België", kind="federal_partner"
    )
    public = make_dossier(officer, title="Protocolafspraak", kind="protocol_agreement")
    ProtocolAgreement.objects.create(dossier=public, partner=ccb, status="drafting")
    response = cabinet_home(cabinet_client)
    [partner] = [row[0] for row in response.context["protocols"].rows]
    assert (partner, partner.code) == ("Centrum voor Cybersecurity België", "CCB")
    assert 'title="CCB">Centrum voor Cybersecurity België<' in response.text
    steps = {bar.code: bar.label for bar in response.context["access_request_steps"] if bar.code}
    assert "College PG, COC" in steps and "COC" not in steps["College PG, COC"]
    assert 'title="WPA art. 44/11/9"' in response.text
    # Labels are text in full, not cut off inside a picture.
    from django.utils.html import escape

    labels = [bar.label for bar in response.context["coverage_bars"]]
    assert max(len(label) for label in labels) > 38  # where the chart used to cut them off
    for label in labels:
        assert f'<span class="bar-label">{escape(label)}</span>' in response.text


def test_security_officer_home_lists_the_last_shared_with_him_that_he_may_open(
    officer, vo_onderwijs, onderwijs
):
    """Newest grant first, to him or to his organisation, each dossier once; not what lies
    above his clearance nor a lapsed grant; its queries do not grow with his grants."""
    give_clearance(officer, Classification.GEHEIM)
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    client = client_for(vo_onderwijs)
    client.get(reverse("home"))  # the session's first request renews its idle timer

    def shared(**grant_times: datetime.datetime) -> tuple[list[str], int]:
        for title, granted_at in grant_times.items():
            DossierUserGrant.objects.filter(content_object__title=title).update(
                granted_at=granted_at
            )
            DossierGroupGrant.objects.filter(content_object__title=title).update(
                granted_at=granted_at
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("home"))
        return [dossier.title for dossier in response.context["shared"]], data_queries(queries)

    now = timezone.now()
    first = make_dossier(officer, Classification.VERTROUWELIJK, title="Eerst gedeeld")
    twice = make_dossier(officer, Classification.VERTROUWELIJK, title="Twee keer gedeeld")
    above = make_dossier(officer, Classification.GEHEIM, title="Boven zijn machtiging")
    lapsed = make_dossier(officer, Classification.VERTROUWELIJK, title="Vervallen")
    share(first, vo_onderwijs)
    share(twice, vo_onderwijs)
    share(twice, onderwijs)
    share(above, onderwijs)
    share(lapsed, vo_onderwijs, ends_on=TODAY() - datetime.timedelta(days=1))
    make_dossier(officer, Classification.VERTROUWELIJK, title="Niet gedeeld")
    titles, small = shared(
        **{
            "Eerst gedeeld": now - datetime.timedelta(days=3),
            "Twee keer gedeeld": now - datetime.timedelta(days=1),
            "Boven zijn machtiging": now,
            "Vervallen": now,
        }
    )
    assert titles == ["Twee keer gedeeld", "Eerst gedeeld"]
    for number in range(30):
        share(make_dossier(officer, title=f"Later {number}"), onderwijs)
    titles, large = shared()
    assert len(titles) == 25 and titles[0].startswith("Later")
    assert large == small <= 15
