"""The functional administrator manages accounts and confers nothing (rule 10)."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp import devices_for_user

from accounts.models import CredentialReset, User
from accounts.roles import Role
from accounts.services import user_role_set
from directory.models import Person
from dossiers.models import Dossier
from tests.factories import PASSWORD, client_for, make_dossier, make_user, verified_device

pytestmark = pytest.mark.django_db
RIGHTS_FIELDS = ("is_superuser", "groups", "user_permissions", "is_staff")


@pytest.fixture
def second_administrator(kanselarij) -> User:
    user = make_user("admin2", kanselarij, Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    return user


def user_form_data(user: User, **changes: object) -> dict[str, object]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "organisation": user.organisation_id,
        "language": user.language,
        "email_reminders": "on",
        # Read-only for the administrator now; the form of the old code required them.
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    return {**data, **changes}


@pytest.mark.parametrize("whose", ["own", "other"])
def test_the_admin_user_form_offers_a_non_superuser_none_of_the_rights_fields(
    administrator, uncleared, whose
):
    account = administrator if whose == "own" else uncleared
    page = client_for(administrator).get(reverse("admin:accounts_user_change", args=[account.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="first_name"' in content
    for field in RIGHTS_FIELDS:
        assert f'name="{field}"' not in content


def test_the_administrator_cannot_lift_himself_by_posting_the_rights_fields(administrator):
    officers = Group.objects.get(name=Role.LIAISON_OFFICER)
    client_for(administrator).post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        user_form_data(
            administrator,
            is_superuser="on",
            groups=[officers.pk],
            role=Role.CABINET_STAFF,
        ),
    )
    administrator = User.objects.get(pk=administrator.pk)
    assert not administrator.is_superuser
    assert administrator.role == Role.ADMINISTRATOR
    assert client_for(administrator).get(reverse("clearances:list")).status_code == 404


def test_the_administrator_sets_the_assignable_roles_of_others_only(administrator, uncleared):
    client = client_for(administrator)
    url = reverse("admin:accounts_user_change", args=[uncleared.pk])
    response = client.post(url, user_form_data(uncleared, role=Role.CABINET_STAFF))
    assert response.status_code == 302
    assert User.objects.get(pk=uncleared.pk).role == Role.CABINET_STAFF
    response = client.post(url, user_form_data(uncleared, role=Role.LIAISON_OFFICER))
    assert response.status_code == 200  # not a choice: the form says so
    assert User.objects.get(pk=uncleared.pk).role == Role.CABINET_STAFF
    # Whatever the form, the service refuses what is not his to give.
    for account, role in [(uncleared, Role.LIAISON_OFFICER), (administrator, Role.CABINET_STAFF)]:
        with pytest.raises(PermissionDenied):
            user_role_set(user=account, role=role, by=administrator)


def test_the_officer_role_cannot_be_taken_away_by_the_administrator(administrator, officer):
    response = client_for(administrator).post(
        reverse("admin:accounts_user_change", args=[officer.pk]),
        user_form_data(officer, role="", first_name="Olivier"),
    )
    assert response.status_code == 302  # his other fields are still the administrator's
    officer = User.objects.get(pk=officer.pk)
    assert (officer.first_name, officer.role) == ("Olivier", Role.LIAISON_OFFICER)


def test_the_administrator_cannot_link_an_account_to_a_person(administrator, kanselarij):
    person = Person.objects.create(
        first_name="Gecleard", last_name="Persoon", organisation=kanselarij
    )
    client = client_for(administrator)
    url = reverse("admin:directory_person_change", args=[person.pk])
    assert 'name="user"' not in client.get(url).content.decode()
    administrator.person.delete()
    client.post(
        url,
        {
            "first_name": "Gecleard",
            "last_name": "Persoon",
            "organisation": kanselarij.pk,
            "user": administrator.pk,
        },
    )
    person.refresh_from_db()
    assert person.user is None


def test_accounts_are_deactivated_not_deleted(administrator, uncleared):
    client = client_for(administrator)
    delete = reverse("admin:accounts_user_delete", args=[uncleared.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=uncleared.pk).exists()
    administrator.is_superuser = True
    administrator.save()
    assert client_for(administrator).post(delete, {"post": "yes"}).status_code == 403


def test_the_admin_shortcut_does_not_tell_whether_an_id_exists(administrator, officer):
    dossier = make_dossier(officer, title="Bestaat")
    content_type = ContentType.objects.get_for_model(Dossier)
    client = client_for(administrator)
    for pk in (dossier.pk, dossier.pk + 1000):
        assert client.get(f"/admin/r/{content_type.pk}/{pk}/").status_code == 404


def test_the_administrator_sees_no_reminders_or_notifications(administrator):
    client = client_for(administrator)
    for name in ("admin:reminders_reminder_changelist", "admin:reminders_notification_changelist"):
        assert client.get(reverse(name)).status_code == 403
    assert "reminders/reminder/" not in client.get(reverse("admin:index")).content.decode()


def test_one_administrator_cannot_reset_a_guarded_accounts_second_factor(
    administrator, second_administrator, officer, django_capture_on_commit_callbacks
):
    verified_device(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_two_factor", "_selected_action": [officer.pk]},
        )
    assert list(devices_for_user(officer, confirmed=None)) != []
    reset = CredentialReset.objects.get(user=officer)
    assert [message.to for message in mail.outbox] == [[officer.email]]
    # The requester cannot confirm his own request.
    confirm = {"action": "confirm", "_selected_action": [reset.pk]}
    client_for(administrator).post(reverse("admin:accounts_credentialreset_changelist"), confirm)
    assert list(devices_for_user(officer, confirmed=None)) != []
    with django_capture_on_commit_callbacks(execute=True):
        client_for(second_administrator).post(
            reverse("admin:accounts_credentialreset_changelist"), confirm
        )
    assert list(devices_for_user(officer, confirmed=None)) == []
    assert len(mail.outbox) == 2
    trail = LogEntry.objects.get_for_object(reset).order_by("pk")
    assert [entry.additional_data["actor_username"] for entry in trail] == ["admin", "admin2"]
    assert "officer" not in mail.outbox[1].body.lower().replace("liaison officer", "")


def test_one_administrator_cannot_set_a_guarded_accounts_password(
    administrator, second_administrator, officer, django_capture_on_commit_callbacks
):
    password_url = reverse("admin:auth_user_password_change", args=[officer.pk])
    new_password = {"password1": "An0ther-long-passw0rd", "password2": "An0ther-long-passw0rd"}
    first = client_for(administrator)
    assert first.get(password_url).status_code == 403
    assert first.post(password_url, new_password).status_code == 403
    first.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "request_password_reset", "_selected_action": [officer.pk]},
    )
    reset = CredentialReset.objects.get(user=officer)
    second = client_for(second_administrator)
    second.post(
        reverse("admin:accounts_credentialreset_changelist"),
        {"action": "confirm", "_selected_action": [reset.pk]},
    )
    assert first.get(password_url).status_code == 403  # open to the confirming one only
    with django_capture_on_commit_callbacks(execute=True):
        assert second.post(password_url, new_password).status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("An0ther-long-passw0rd")
    assert mail.outbox[-1].to == [officer.email]
    assert second.get(password_url).status_code == 403  # used once


def test_an_unguarded_accounts_second_factor_is_reset_at_once_and_its_owner_told(
    administrator, cabinet_staff, django_capture_on_commit_callbacks
):
    verified_device(cabinet_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(administrator).post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_two_factor", "_selected_action": [cabinet_staff.pk]},
        )
    assert list(devices_for_user(cabinet_staff, confirmed=None)) == []
    assert [message.to for message in mail.outbox] == [[cabinet_staff.email]]
    assert User.objects.get(pk=cabinet_staff.pk).check_password(PASSWORD)
