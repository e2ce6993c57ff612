import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from accounts.roles import Role
from tests.factories import PASSWORD, client_for, verified_device

pytestmark = pytest.mark.django_db


def password_step(client, username: str, password: str = PASSWORD):
    return client.post(
        reverse("login"),
        {
            "login_view-current_step": "auth",
            "auth-username": username,
            "auth-password": password,
        },
    )


def token_step(client, token: str):
    return client.post(
        reverse("login"),
        {"login_view-current_step": "token", "token-otp_token": token},
        follow=True,
    )


def test_login_with_password_and_second_factor_opens_the_home_page(client, officer):
    device = verified_device(officer)
    response = password_step(client, "officer")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated  # not before the second factor
    response = token_step(client, f"{totp(device.bin_key):06d}")
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == officer
    assert response.wsgi_request.user.is_verified()
    assert "Officer Tester" in response.content.decode()


def test_wrong_second_factor_is_refused(client, officer):
    device = verified_device(officer)
    password_step(client, "officer")
    wrong = (totp(device.bin_key) + 1) % 1_000_000
    response = token_step(client, f"{wrong:06d}")
    assert not response.wsgi_request.user.is_authenticated
    assert "otp_token" in response.content.decode()


def test_wrong_password_gives_a_clear_message_in_dutch(client, officer):
    response = password_step(client, "officer", "wrong")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_user_without_second_factor_must_enrol_first(client, officer):
    password_step(client, "officer")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")
    assert client.get(reverse("two_factor:setup")).status_code == 200


@pytest.mark.parametrize("path", ["/", "/dossiers/", "/admin/"])
def test_pages_need_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200


def test_password_alone_is_not_enough_when_a_device_exists(officer):
    device = verified_device(officer)
    assert device.confirmed
    client = Client()
    client.force_login(officer)  # a session without the second factor
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_logout_needs_post_and_ends_the_session(officer_client):
    assert officer_client.get(reverse("logout")).status_code == 405
    officer_client.post(reverse("logout"))
    assert officer_client.get(reverse("home")).status_code == 302


def test_passwords_are_hashed_with_argon2(officer):
    assert officer.password.startswith("argon2")


@pytest.mark.parametrize(
    ("fixture", "role", "heading"),
    [
        ("officer_client", Role.LIAISON_OFFICER, "Welkom, Officer"),
        ("vo_onderwijs_client", Role.SECURITY_OFFICER, "Veiligheidsofficier van"),
        ("cabinet_client", Role.CABINET_STAFF, "Dashboard"),
        ("uncleared_client", None, "Nog geen rol"),
    ],
)
def test_each_role_has_its_own_home_page(request, fixture, role, heading):
    response = request.getfixturevalue(fixture).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["user"].role == role
    assert heading in response.content.decode()


def test_header_shows_name_role_and_language_switch(officer_client):
    html = officer_client.get(reverse("home")).content.decode()
    assert "Officer Tester" in html
    assert "Verbindingsofficier" in html
    assert 'name="language" value="fr"' in html


def test_language_switch_changes_the_interface(officer_client):
    officer_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Officier de liaison" in officer_client.get(reverse("home")).content.decode()
    officer_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Liaison officer" in officer_client.get(reverse("home")).content.decode()


def test_dutch_by_default_whatever_the_browser_says(client, officer):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_language_choice_is_kept_on_the_profile(officer_client, officer):
    officer_client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == "fr"
    fresh = client_for(officer)
    assert '<html lang="fr">' in fresh.get(reverse("home")).content.decode()


def test_unknown_language_changes_nothing(officer_client, officer):
    response = officer_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.language == "nl"


def test_error_pages_speak_dutch(officer_client, settings):
    settings.DEBUG = False
    response = officer_client.get("/dossiers/999999/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
