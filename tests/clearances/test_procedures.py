"""A clearance's life through the pages: request, investigation, refusal, appeal; renewal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.formats import date_format

from clearances import services
from clearances.models import Clearance
from directory.classification import Classification
from reminders.models import Reminder
from reminders.sweep import reminders_sweep
from tests.factories import DAY, appoint, make_clearance, make_person, today

pytestmark = pytest.mark.django_db
Status = Clearance.Status


def form_data(clearance: Clearance, **fields: object) -> dict[str, object]:
    """What the edit form posts: the clearance as it stands, with ``fields`` changed."""
    data = {
        "person": clearance.person_id,
        "level": clearance.level,
        "scope": clearance.scope,
        "authority": clearance.authority,
        "authority_reference": clearance.authority_reference,
        "status": clearance.status,
        "requested_on": clearance.requested_on,
        "decided_on": clearance.decided_on or "",
        "valid_until": clearance.valid_until or "",
        "briefed_on": clearance.briefed_on or "",
        "appeal_lodged_on": clearance.appeal_lodged_on or "",
        "appeal_decided_on": clearance.appeal_decided_on or "",
        "appeal_outcome": clearance.appeal_outcome,
        "notes": clearance.notes,
        "version": clearance.version,
    }
    return {**data, **fields}


def edit(client, clearance: Clearance, **fields: object) -> Clearance:
    clearance.refresh_from_db()
    response = client.post(
        reverse("clearances:update", args=[clearance.pk]), form_data(clearance, **fields)
    )
    assert response.status_code == 302, response.context["form"].errors
    clearance.refresh_from_db()
    return clearance


def test_request_investigation_refusal_and_appeal_through_the_pages(officer_client, dov_person):
    response = officer_client.post(
        reverse("clearances:create"),
        {
            "person": dov_person.pk,
            "level": Classification.GEHEIM,
            "scope": Clearance.Scope.NATO,
            "authority": Clearance.Authority.NVO,
            "status": Status.REQUESTED,
            "requested_on": "2026-01-12",
        },
    )
    assert response.status_code == 302
    clearance = Clearance.objects.get(person=dov_person)
    assert clearance.scope == Clearance.Scope.NATO
    edit(officer_client, clearance, status=Status.UNDER_INVESTIGATION)
    edit(officer_client, clearance, status=Status.REFUSED, decided_on="2026-04-02")
    edit(officer_client, clearance, status=Status.APPEAL_LODGED, appeal_lodged_on="2026-04-20")
    clearance = edit(
        officer_client,
        clearance,
        status=Status.APPEAL_DECIDED,
        appeal_decided_on="2026-07-01",
        appeal_outcome=Clearance.AppealOutcome.UPHELD,
    )
    assert (clearance.appeal_lodged_on, clearance.appeal_decided_on) == (
        datetime.date(2026, 4, 20),
        datetime.date(2026, 7, 1),
    )
    history = clearance.status_changes.order_by("pk").values_list("to_status", flat=True)
    assert list(history) == [
        Status.REQUESTED,
        Status.UNDER_INVESTIGATION,
        Status.REFUSED,
        Status.APPEAL_LODGED,
        Status.APPEAL_DECIDED,
    ]
    page = officer_client.get(clearance.get_absolute_url())
    assert date_format(datetime.date(2026, 7, 1), "SHORT_DATE_FORMAT") in page.content.decode()


def test_a_decided_appeal_without_its_outcome_is_refused_with_a_message(officer_client, dov_person):
    clearance = Clearance.objects.create(
        person=dov_person,
        status=Status.REFUSED,
        requested_on=today() - 90 * DAY,
        decided_on=today() - 30 * DAY,
    )
    response = officer_client.post(
        reverse("clearances:update", args=[clearance.pk]),
        form_data(
            clearance,
            status=Status.APPEAL_DECIDED,
            valid_until="",
            appeal_lodged_on=today() - 20 * DAY,
            appeal_decided_on=today(),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("appeal_outcome", code="appeal_outcome_required")


def test_a_six_year_clearance_in_the_form_gets_a_message_not_an_error_page(
    officer_client, dov_clearance
):
    response = officer_client.post(
        reverse("clearances:update", args=[dov_clearance.pk]),
        form_data(dov_clearance, valid_until=dov_clearance.decided_on + 6 * 366 * DAY),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("valid_until", code="validity_too_long")


def test_the_person_of_a_clearance_cannot_be_changed(officer, officer_client, dov_clearance):
    other = make_person(dov_clearance.person.organisation, "Jan", "Claes")
    response = officer_client.get(reverse("clearances:update", args=[dov_clearance.pk]))
    assert response.context["form"].fields["person"].disabled
    holder = dov_clearance.person
    edited = edit(officer_client, dov_clearance, person=other.pk, notes="anders")
    assert (edited.person, edited.notes) == (holder, "anders")
    with pytest.raises(PermissionDenied):
        services.clearance_update(clearance=dov_clearance, by=officer, person=other)
    assert Clearance.objects.get(pk=dov_clearance.pk).person_id != other.pk


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.REFUSED])
def test_a_withdrawn_or_refused_clearance_shows_no_renewal_date(officer_client, dov_person, status):
    clearance = make_clearance(dov_person, status=status, valid_until=today() + 100 * DAY)
    opens_on = Clearance(
        level=clearance.level, status=Status.GRANTED, valid_until=clearance.valid_until
    ).renewal_opens_on()
    page = officer_client.get(clearance.get_absolute_url()).content.decode()
    assert date_format(opens_on, "SHORT_DATE_FORMAT") not in page
    assert 'data-testid="start-renewal"' not in page


def renewal_reminders_on(day: datetime.date) -> int:
    reminders_sweep(today=day)
    return Reminder.objects.filter(kind=Reminder.Kind.CLEARANCE_EXPIRY, due_on__gte=day).count()


def test_start_renewal_files_the_request_and_stops_the_reminders(
    officer, officer_client, vo_onderwijs, dov_person
):
    appoint(vo_onderwijs)
    expiring = make_clearance(dov_person, Classification.GEHEIM, valid_until=today() + 100 * DAY)
    assert renewal_reminders_on(today()) == 2  # the security officer and the liaison officer

    page = officer_client.get(expiring.get_absolute_url()).content.decode()
    assert 'data-testid="start-renewal"' in page
    response = officer_client.post(reverse("clearances:renew", args=[expiring.pk]))
    renewal = Clearance.objects.get(renews=expiring)
    assert response.status_code == 302
    assert response.url == reverse("clearances:update", args=[renewal.pk])
    assert (renewal.person, renewal.level, renewal.status) == (
        dov_person,
        Classification.GEHEIM,
        Status.REQUESTED,
    )
    # A month later the one-month reminder would have been due: nothing new is recorded.
    before = Reminder.objects.count()
    reminders_sweep(today=expiring.valid_until - 30 * DAY)
    reminders_sweep(today=expiring.valid_until)
    assert Reminder.objects.count() == before

    listing = officer_client.get(reverse("clearances:list")).content.decode()
    assert listing.count('data-testid="renewal-requested"') == 1
    assert 'data-testid="renewal-due"' not in listing
    page = officer_client.get(expiring.get_absolute_url()).content.decode()
    assert 'data-testid="renewal-link"' in page
    assert 'data-testid="start-renewal"' not in page
    assert officer_client.post(reverse("clearances:renew", args=[expiring.pk])).status_code == 302
    assert Clearance.objects.filter(renews=expiring).count() == 1  # one renewal at a time

    renewed = edit(
        officer_client,
        renewal,
        status=Status.GRANTED,
        decided_on=today(),
        valid_until=today() + 4 * 365 * DAY,
    )
    assert renewed.renews == expiring
    assert renewed.is_valid_on(today())


def test_a_security_officer_starts_the_renewal_in_his_organisation_only(
    vo_onderwijs, vo_omgeving, dov_clearance
):
    from tests.factories import client_for

    url = reverse("clearances:renew", args=[dov_clearance.pk])
    assert client_for(vo_omgeving).post(url).status_code == 404
    assert client_for(vo_onderwijs).get(url).status_code == 405
    assert client_for(vo_onderwijs).post(url).status_code == 302
    assert Clearance.objects.filter(renews=dov_clearance).exists()
