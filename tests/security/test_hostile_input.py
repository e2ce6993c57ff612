"""Malformed, oversized and hostile values posted to every form: never a 500, nothing lost."""

import datetime

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearances.forms import AppointmentForm, ClearanceForm, PersonForm
from dossiers.forms import DossierForm
from dossiers.models import Dossier
from liaison.classification import Classification, declassification_review_date
from liaison.forms import ReminderSettingsForm
from liaison.models import Person
from tests.conftest import client_for
from tests.dossiers.conftest import give_clearance, make_dossier

pytestmark = pytest.mark.django_db

HOSTILE = st.one_of(
    st.text(max_size=50),
    st.text(min_size=3000, max_size=6000),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "'; DROP TABLE dossiers_dossier; --",
            "2022-02-30",
            "31/12/9999",
            "-1",
            "99999999999999999999",
            "1e309",
            "NaN",
            "\x00",
            "../../etc/passwd",
            "{{ 7*7 }}",
            "",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)

DOSSIER_FIELDS = [
    *DossierForm.Meta.fields,
    "details-partner",
    "details-status",
    "details-review_on",
    "details-participants",
]
FORMS = {
    "dossiers:create": DOSSIER_FIELDS,
    "dossiers:update": DOSSIER_FIELDS,
    "dossiers:timeline_add": ["occurred_on", "entry_type", "organisation", "text"],
    "dossiers:task_add": ["title", "assignee", "due_on"],
    "dossiers:grant_add": ["user", "organisation", "reason", "ends_on"],
    "dossiers:link_add": ["reference", "note"],
    "dossiers:purpose": ["purpose", "detail", "next"],
    "dossiers:reports": ["committee_date", "period_start", "period_end", "ceiling", "introduction"],
}


def form_data(fields: list[str]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={field: HOSTILE for field in fields})


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_never_break_a_form(name, officer):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.VERTROUWELIJK, title="Bestaand dossier")
    client = client_for(officer)
    url = (
        reverse(name)
        if name in ("dossiers:create", "dossiers:reports")
        else reverse(name, args=[dossier.pk])
    )

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(FORMS[name]))
    def post(data: dict) -> None:
        before = model_to_dict(Dossier.objects.get(pk=dossier.pk))
        response = client.post(url, data, HTTP_HX_REQUEST="true" if "add" in name else "")
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code != 302 and name != "dossiers:create":
            assert model_to_dict(Dossier.objects.get(pk=dossier.pk)) == before

    post()


def test_hostile_login_values_never_break_login(client, officer):
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(["auth-username", "auth-password", "login_view-current_step"]))
    def post(data: dict) -> None:
        response = client.post(reverse("login"), data)
        assert response.status_code < 500

    post()


REGISTER_FORMS = {
    "clearances:create": ClearanceForm.Meta.fields,
    "clearances:update": ClearanceForm.Meta.fields,
    "clearances:person_create": PersonForm.Meta.fields,
    "clearances:person_update": PersonForm.Meta.fields,
    "clearances:appointment_create": AppointmentForm.Meta.fields,
    "reminder_settings": ReminderSettingsForm.Meta.fields,
}


@pytest.mark.parametrize("name", sorted(REGISTER_FORMS))
def test_hostile_values_never_break_a_register_form(name, officer, kanselarij):
    from clearances.models import Clearance
    from liaison.models import Person

    person = Person.objects.create(first_name="Eva", last_name="Bestaand", organisation=kanselarij)
    clearance = Clearance.objects.create(
        person=person, level=Classification.GEHEIM, requested_on="2025-01-01"
    )
    ids = {"clearances:update": clearance.pk, "clearances:person_update": person.pk}
    url = reverse(name, args=[ids[name]]) if name in ids else reverse(name)
    client = client_for(officer)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(REGISTER_FORMS[name]))
    def post(data: dict) -> None:
        before = (
            model_to_dict(Person.objects.get(pk=person.pk)),
            model_to_dict(Clearance.objects.get(pk=clearance.pk)),
        )
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code != 302:
            after = (
                model_to_dict(Person.objects.get(pk=person.pk)),
                model_to_dict(Clearance.objects.get(pk=clearance.pk)),
            )
            assert after == before

    post()


# --- The four inputs that ended in a server error (issue 12, finding 13) ----------------


def dossier_post(owner, **fields: object) -> dict:
    return {
        "title": "Nieuw dossier",
        "summary": "",
        "workstream": "information_position",
        "kind": "contact",
        "status": "open",
        "owner": owner.pk,
        "classification": Classification.NIET_GECLASSIFICEERD,
        "opened_on": "2026-01-05",
        **fields,
    }


def test_classified_dossier_opened_on_the_calendars_last_day_gets_a_form_error(officer):
    give_clearance(officer, Classification.GEHEIM)
    response = client_for(officer).post(
        reverse("dossiers:create"),
        dossier_post(officer, classification=Classification.GEHEIM, opened_on="9999-12-31"),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("opened_on", "implausible_date")
    assert not Dossier.objects.exists()


def test_review_date_past_year_9999_is_the_calendars_last_day():
    review = declassification_review_date(Classification.ZEER_GEHEIM, datetime.date(9990, 6, 1))
    assert review == datetime.date.max


def test_clearance_decided_on_the_calendars_last_day_gets_a_form_error(officer, kanselarij):
    person = Person.objects.create(first_name="Eva", last_name="Laatst", organisation=kanselarij)
    response = client_for(officer).post(
        reverse("clearances:create"),
        {
            "person": person.pk,
            "level": Classification.GEHEIM,
            "authority": "NVO",
            "status": "granted",
            "requested_on": "2026-01-05",
            "decided_on": "9999-12-31",
            "valid_until": "9999-12-31",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("decided_on", "implausible_date")
    assert not person.clearances.exists()


def test_partner_id_beyond_the_database_range_is_an_invalid_choice(officer):
    """SQLite (the embedded demo) answers the ``IN`` query with such an id by an OverflowError."""
    too_large = str(2**63)
    with CaptureQueriesContext(connection) as captured:
        response = client_for(officer).post(
            reverse("dossiers:create"), dossier_post(officer, partners=[too_large])
        )
    assert response.status_code == 200
    assert response.context["form"].has_error("partners", "invalid_choice")
    assert not any(too_large in query["sql"] for query in captured.captured_queries)
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("value", ["abc", "1e3", "²", "-1", str(2**70)])
def test_admin_audit_log_ignores_a_malformed_resource_type(administrator, value):
    response = client_for(administrator).get(
        reverse("admin:auditlog_logentry_changelist"), {"resource_type": value}
    )
    assert response.status_code == 200
