"""Named people of the permission matrix, shared by every test folder."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from bench.measure import count_data_queries
from directory.models import Organisation, Person
from liaison.celery import app as celery_app

PASSWORD = "a-Long-test-passw0rd"


@pytest.fixture(autouse=True)
def celery_in_process(request: pytest.FixtureRequest):
    """Tasks run in-process unless a test asks for a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = "celery_worker" not in request.keywords
    yield
    celery_app.conf.task_always_eager = previous


def make_organisation(short_name: str, **fields: object) -> Organisation:
    fields.setdefault("name", f"Organisation {short_name}")
    fields.setdefault("kind", Organisation.Kind.DEPARTMENT)
    fields.setdefault("handles_classified", True)
    return Organisation.objects.create(short_name=short_name, **fields)


def make_user(username: str, organisation: Organisation, role: Role | None) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.test",
        first_name=username.title(),
        last_name="Tester",
        organisation=organisation,
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role.value))
    Person.objects.create(
        user=user, first_name=user.first_name, last_name="Tester", organisation=organisation
    )
    return user


@pytest.fixture
def kanselarij(db) -> Organisation:
    return make_organisation("DKBUZA", name="Departement Kanselarij en Buitenlandse Zaken")


@pytest.fixture
def onderwijs(db) -> Organisation:
    return make_organisation("DOV", name="Departement Onderwijs en Vorming")


@pytest.fixture
def omgeving(db) -> Organisation:
    return make_organisation("DOMG", name="Departement Omgeving")


@pytest.fixture
def cabinet(db) -> Organisation:
    return make_organisation(
        "KABMP", name="Kabinet Minister-President", kind=Organisation.Kind.CABINET
    )


@pytest.fixture
def officer(kanselarij) -> User:
    return make_user("officer", kanselarij, Role.LIAISON_OFFICER)


@pytest.fixture
def vo_onderwijs(onderwijs) -> User:
    return make_user("vo-onderwijs", onderwijs, Role.SECURITY_OFFICER)


@pytest.fixture
def vo_omgeving(omgeving) -> User:
    return make_user("vo-omgeving", omgeving, Role.SECURITY_OFFICER)


@pytest.fixture
def cabinet_staff(cabinet) -> User:
    return make_user("kabinet", cabinet, Role.CABINET_STAFF)


@pytest.fixture
def administrator(kanselarij) -> User:
    user = make_user("admin", kanselarij, Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def uncleared(kanselarij) -> User:
    return make_user("nobody", kanselarij, None)


def verified_device(user: User) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="default", defaults={"confirmed": True}
    )
    return device


def client_for(user: User) -> Client:
    """A client signed in with password and second factor, as after the log-in wizard."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()
    return client


@pytest.fixture
def officer_client(officer) -> Client:
    return client_for(officer)


@pytest.fixture
def vo_onderwijs_client(vo_onderwijs) -> Client:
    return client_for(vo_onderwijs)


@pytest.fixture
def vo_omgeving_client(vo_omgeving) -> Client:
    return client_for(vo_omgeving)


@pytest.fixture
def cabinet_client(cabinet_staff) -> Client:
    return client_for(cabinet_staff)


@pytest.fixture
def uncleared_client(uncleared) -> Client:
    return client_for(uncleared)


def data_queries(captured) -> int:
    return count_data_queries(captured.captured_queries)
