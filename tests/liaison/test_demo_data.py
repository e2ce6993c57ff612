import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from directory.models import Organisation, Person, PolicyDomain

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

DEMO_ACCOUNTS = {
    "officer": Role.LIAISON_OFFICER,
    "vo-onderwijs": Role.SECURITY_OFFICER,
    "vo-kanselarij": Role.SECURITY_OFFICER,
    "kabinet": Role.CABINET_STAFF,
    "admin": Role.ADMINISTRATOR,
}


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, PolicyDomain, Person, User)
    }


def test_demo_command_run_twice_duplicates_nothing(settings):
    settings.DEBUG = True
    first = counts()
    call_command("load_demo_data")
    assert counts() == first
    assert first["User"] == len(DEMO_ACCOUNTS)


def test_demo_has_the_organisations_of_the_source_document():
    names = set(Organisation.objects.values_list("short_name", flat=True))
    assert {"VSSE", "OCAD", "NCCN", "CCB", "ADIV", "FEDPOL", "COLPG", "COC", "NVO"} <= names
    assert {"DOV", "DKBUZA", "FB", "AJH", "VLAIO", "ONDINSP"} <= names
    assert Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).count() >= 3


def test_the_five_demo_accounts_log_in_with_their_role(settings):
    for username, role in DEMO_ACCOUNTS.items():
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD), username
        assert user.role == role
    assert User.objects.get(username="vo-onderwijs").organisation.short_name == "DOV"


def test_demo_data_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError):
        call_command("load_demo_data")
    assert counts() == before
