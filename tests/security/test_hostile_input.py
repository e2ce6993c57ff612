"""Malformed, oversized and hostile values posted to every form: never a 500, nothing lost."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearances.forms import AppointmentForm, ClearanceFilter, ClearanceForm, PersonForm
from clearances.models import Clearance, SecurityOfficerAppointment
from dashboards.audit import AuditFilter
from directory.classification import Classification, declassification_review_date
from directory.models import Person
from dossiers.forms import (
    KIND_DETAIL_FORMS,
    AccessPurposeForm,
    AttachmentForm,
    DossierFilter,
    DossierForm,
    GrantForm,
    LinkForm,
    OpinionForm,
    ReportForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.models import Dossier
from network.forms import ContactFilter, OrganisationFilter
from reminders.forms import ReminderSettingsForm
from tests.factories import client_for, give_clearance, make_dossier

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
            "9999-12-31",
            "0001-01-01",
            "-1",
            "0",
            "99999999999999999999",
            str(2**63),
            str(-(2**63) - 1),
            "1e309",
            "NaN",
            "\x00",
            "a\x00b",
            "²",
            "١٢",
            "../../etc/passwd",
            "{{ 7*7 }}",
            "",
        ]
    ),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)


def fields_of(form_class: type, prefix: str = "") -> list[str]:
    """The names a form posts, read from the form itself so that new fields are covered."""
    return [f"{prefix}{name}" for name in form_class.base_fields]


DOSSIER_FIELDS = fields_of(DossierForm)
# The create form for each kind, with that kind's detail form; the update form likewise.
DOSSIER_FORMS = {
    kind: [*DOSSIER_FIELDS, *fields_of(form, "details-")]
    for kind, form in KIND_DETAIL_FORMS.items()
} | {Dossier.Kind.CONTACT: DOSSIER_FIELDS}
PART_FORMS = {
    "dossiers:timeline_add": fields_of(TimelineEntryForm),
    "dossiers:task_add": fields_of(TaskForm),
    "dossiers:grant_add": fields_of(GrantForm),
    "dossiers:link_add": fields_of(LinkForm),
    "dossiers:opinion_add": fields_of(OpinionForm),
    "dossiers:attachment_add": [name for name in fields_of(AttachmentForm) if name != "file"],
    "dossiers:purpose": [*fields_of(AccessPurposeForm), "next"],
    "dossiers:reports": fields_of(ReportForm),
}


def form_data(fields: list[str]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({}, optional={field: HOSTILE for field in fields})


def reading_client(user, dossier):
    """A client that gave the purpose, so that posts reach the forms, not the read gate."""
    client = client_for(user)
    client.post(
        reverse("dossiers:purpose", args=[dossier.pk]), {"purpose": "other", "detail": "test"}
    )
    return client


def hostile_posts(client, url: str, fields: list[str], unchanged, extra=dict) -> None:
    """Post hostile values (with ``extra()``): never a 500, a refused post changes nothing."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(fields))
    def post(data: dict) -> None:
        before = unchanged()
        response = client.post(url, {**data, **extra()})
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code != 302:
            assert unchanged() == before

    post()


@pytest.mark.parametrize("kind", sorted(DOSSIER_FORMS))
@pytest.mark.parametrize("action", ["create", "update"])
def test_hostile_values_never_break_a_dossier_form(action, kind, officer):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.VERTROUWELIJK, title="Bestaand", kind=kind)
    url = (
        reverse("dossiers:create")
        if action == "create"
        else reverse("dossiers:update", args=[dossier.pk])
    )
    hostile_posts(
        reading_client(officer, dossier),
        url,
        DOSSIER_FORMS[kind],
        lambda: model_to_dict(Dossier.objects.get(pk=dossier.pk)),
        extra=lambda: {"kind": kind},
    )


@pytest.mark.parametrize("name", sorted(PART_FORMS))
def test_hostile_values_never_break_a_form_of_the_dossier_page(name, officer):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(
        officer, Classification.VERTROUWELIJK, title="Bestaand", kind=Dossier.Kind.ACCESS_REQUEST
    )
    url = reverse(name) if name == "dossiers:reports" else reverse(name, args=[dossier.pk])
    client = reading_client(officer, dossier)
    client.defaults["HTTP_HX_REQUEST"] = "true"

    def upload() -> dict:
        if name != "dossiers:attachment_add":
            return {}
        return {"file": SimpleUploadedFile("\x00<b>.exe", b"MZ\x00\x00" + b"\xff" * 64)}

    hostile_posts(
        client,
        url,
        PART_FORMS[name],
        lambda: model_to_dict(Dossier.objects.get(pk=dossier.pk)),
        extra=upload,
    )


def test_hostile_login_values_never_break_login(client, officer):
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(["auth-username", "auth-password", "login_view-current_step"]))
    def post(data: dict) -> None:
        response = client.post(reverse("login"), data)
        assert response.status_code < 500

    post()


REGISTER_FORMS = {
    "clearances:create": fields_of(ClearanceForm),
    "clearances:update": fields_of(ClearanceForm),
    "clearances:person_create": fields_of(PersonForm),
    "clearances:person_update": fields_of(PersonForm),
    "clearances:appointment_create": fields_of(AppointmentForm),
    "clearances:appointment_update": fields_of(AppointmentForm),
    "reminder_settings": fields_of(ReminderSettingsForm),
}


@pytest.mark.parametrize("name", sorted(REGISTER_FORMS))
def test_hostile_values_never_break_a_register_form(name, officer, kanselarij):
    person = Person.objects.create(first_name="Eva", last_name="Bestaand", organisation=kanselarij)
    clearance = Clearance.objects.create(
        person=person, level=Classification.GEHEIM, requested_on="2025-01-01"
    )
    appointment = SecurityOfficerAppointment.objects.create(
        person=person, organisation=kanselarij, starts_on="2025-01-01"
    )
    ids = {
        "clearances:update": clearance.pk,
        "clearances:person_update": person.pk,
        "clearances:appointment_update": appointment.pk,
    }
    url = reverse(name, args=[ids[name]]) if name in ids else reverse(name)

    def unchanged() -> tuple:
        return (
            model_to_dict(Person.objects.get(pk=person.pk)),
            model_to_dict(Clearance.objects.get(pk=clearance.pk)),
            model_to_dict(SecurityOfficerAppointment.objects.get(pk=appointment.pk)),
        )

    hostile_posts(client_for(officer), url, REGISTER_FORMS[name], unchanged)


# The GET filters of every list and export, read from their filter sets.
# A paged list also takes its sort column and page size (common.lists).
PAGING = ["page", "sort", "per_page"]
LIST_FILTERS = {
    "dossiers:list": [*DossierFilter.base_filters, *PAGING],
    "dossiers:list_export": [*DossierFilter.base_filters, "format", "sort"],
    "clearances:list": [*ClearanceFilter.base_filters, *PAGING],
    "clearances:export": [*ClearanceFilter.base_filters, "format"],
    "clearances:coverage": [*PAGING, "organisation"],
    "network:organisation_list": [*OrganisationFilter.base_filters, *PAGING],
    "network:contact_list": [*ContactFilter.base_filters, *PAGING],
    "audit": [*AuditFilter.base_filters, *PAGING],
    "audit_export": [*AuditFilter.base_filters, "format"],
    "inbox": PAGING,
    "dossiers:reports": ["page"],
}


@pytest.mark.parametrize("name", sorted(LIST_FILTERS))
def test_hostile_filters_never_break_a_list(name, officer):
    give_clearance(officer, Classification.GEHEIM)
    make_dossier(officer, Classification.VERTROUWELIJK, title="Bestaand")
    client = client_for(officer)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(query=form_data(LIST_FILTERS[name]))
    def get(query: dict) -> None:
        response = client.get(reverse(name), query)
        assert response.status_code < 500, (query, response.status_code)

    get()


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
