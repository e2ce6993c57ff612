"""The clearance form: the five-year cap, the dates of a granted clearance, whose people."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from clearances.forms import AppointmentForm, ClearanceForm, PersonForm
from clearances.models import Clearance
from directory.classification import Classification
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def clearance_data(person, **fields) -> dict[str, object]:
    data = {
        "person": person.pk,
        "level": Classification.GEHEIM,
        "authority": Clearance.Authority.NVO,
        "authority_reference": "NVO-2021-0042",
        "status": Clearance.Status.GRANTED,
        "requested_on": "2021-03-01",
        "decided_on": "2021-06-15",
        "valid_until": "2026-06-15",
        "notes": "",
    }
    return {**data, **fields}


@pytest.mark.parametrize(
    ("decided_on", "valid_until"),
    [("2021-06-15", "2026-06-15"), ("2020-02-29", "2025-02-28")],
)
def test_exactly_five_years_after_the_decision_is_accepted(
    officer, dov_person, decided_on, valid_until
):
    data = clearance_data(
        dov_person, requested_on="2020-01-01", decided_on=decided_on, valid_until=valid_until
    )
    form = ClearanceForm(data, user=officer)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("decided_on", "valid_until"),
    [("2021-06-15", "2026-06-16"), ("2020-02-29", "2025-03-01"), ("2021-06-15", "2031-01-01")],
)
def test_more_than_five_years_is_refused_with_a_clear_message(
    officer, dov_person, decided_on, valid_until
):
    data = clearance_data(
        dov_person, requested_on="2020-01-01", decided_on=decided_on, valid_until=valid_until
    )
    with translation.override("en"):
        form = ClearanceForm(data, user=officer)
        assert not form.is_valid()
        assert form.has_error("valid_until", code="validity_too_long")
        assert "at most five years" in form.errors["valid_until"][0]


def test_a_granted_clearance_needs_its_decision_and_end(officer, dov_person):
    form = ClearanceForm(clearance_data(dov_person, decided_on="", valid_until=""), user=officer)
    assert not form.is_valid()
    assert form.has_error("decided_on", code="decided_on_required")
    assert form.has_error("valid_until", code="valid_until_required")


def test_a_request_needs_no_decision(officer, dov_person):
    data = clearance_data(
        dov_person, status=Clearance.Status.REQUESTED, decided_on="", valid_until=""
    )
    assert ClearanceForm(data, user=officer).is_valid()


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"decided_on": "2021-02-01"}, NON_FIELD_ERRORS, "decided_before_request"),
        ({"valid_until": "2021-06-14"}, NON_FIELD_ERRORS, "ends_before_decision"),
        (
            {"status": Clearance.Status.REFUSED, "decided_on": "", "valid_until": "2024-01-01"},
            "decided_on",
            "decided_on_required",
        ),
    ],
)
def test_dates_in_the_wrong_order_are_refused(officer, dov_person, fields, field, code):
    form = ClearanceForm(clearance_data(dov_person, **fields), user=officer)
    assert not form.is_valid()
    assert form.has_error(field, code=code)


def test_the_date_order_is_the_models_own_rule_with_a_readable_message(dov_person):
    """The admin and any import get the same message as the form, not a constraint name."""
    clearance = Clearance(
        person=dov_person,
        **{k: v for k, v in clearance_data(dov_person).items() if k != "person"},
    )
    clearance.decided_on = datetime.date(2021, 2, 1)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        clearance.full_clean()
    assert "The decision cannot come before the request." in refused.value.messages


def test_a_security_officer_chooses_among_his_own_organisations_people(
    vo_onderwijs, dov_person, omgeving
):
    stranger = make_person(omgeving, "Jeroen", "Pauwels")
    form = ClearanceForm(user=vo_onderwijs)
    choices = set(form.fields["person"].queryset)
    assert dov_person in choices
    assert stranger not in choices
    form = ClearanceForm(clearance_data(stranger), user=vo_onderwijs)
    assert not form.is_valid()
    assert form.has_error("person", code="invalid_choice")


def test_nobody_is_offered_his_own_person_to_record_a_clearance(vo_onderwijs, officer):
    assert vo_onderwijs.person not in ClearanceForm(user=vo_onderwijs).fields["person"].queryset
    assert officer.person not in ClearanceForm(user=officer).fields["person"].queryset


def test_the_officer_chooses_among_everybody(officer, dov_person, omgeving):
    stranger = make_person(omgeving, "Jeroen", "Pauwels")
    assert {dov_person, stranger} <= set(ClearanceForm(user=officer).fields["person"].queryset)


def test_a_security_officer_puts_people_only_in_his_own_organisation(vo_onderwijs, omgeving):
    data = {"first_name": "Kristof", "last_name": "Lemmens", "organisation": omgeving.pk}
    form = PersonForm(data, user=vo_onderwijs)
    assert "user" not in form.fields
    assert not form.is_valid()
    assert form.has_error("organisation", code="invalid_choice")
    form = PersonForm({**data, "organisation": vo_onderwijs.organisation_id}, user=vo_onderwijs)
    assert form.is_valid(), form.errors


def test_the_officer_links_only_accounts_without_a_person(officer, cabinet_staff, onderwijs):
    from tests.factories import make_user

    lone = make_user("lone", onderwijs, None)
    lone.person.delete()
    accounts = set(PersonForm(user=officer).fields["user"].queryset)
    assert lone in accounts
    assert cabinet_staff not in accounts


def test_an_appointment_cannot_end_before_it_starts(officer, dov_person):
    data = {
        "person": dov_person.pk,
        "organisation": dov_person.organisation_id,
        "function": "officer",
        "starts_on": "2024-05-01",
        "ends_on": "2024-04-30",
    }
    form = AppointmentForm(data, user=officer)
    assert not form.is_valid()
    assert form.has_error(NON_FIELD_ERRORS, code="ends_before_start")
    assert "De aanstelling kan niet eindigen voor ze begint." in form.non_field_errors()
    assert AppointmentForm({**data, "ends_on": "2024-05-01"}, user=officer).is_valid()


def test_a_security_officer_appoints_only_in_his_own_organisation(
    vo_onderwijs, dov_person, omgeving
):
    data = {
        "person": dov_person.pk,
        "organisation": omgeving.pk,
        "function": "assistant",
        "starts_on": datetime.date(2024, 5, 1),
    }
    form = AppointmentForm(data, user=vo_onderwijs)
    assert not form.is_valid()
    assert form.has_error("organisation", code="invalid_choice")
