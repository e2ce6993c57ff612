"""Named people of the permission matrix, shared by every test folder."""

import io
import os
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from accounts.models import User
from accounts.roles import Role
from directory.classification import Classification
from directory.models import Organisation
from liaison.celery import app as celery_app
from tests.factories import client_for, give_clearance, make_organisation, make_user


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist each test process gets a Redis database of its own for the
    broker (the configured one for the first, the ones below it for the others), so the
    Celery workers a test starts, in its process or in their own, never take the tasks of
    another process's test."""
    index = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = settings.CELERY_BROKER_URL or ""
    if index and url.startswith("redis://"):
        server, _, database = url.rpartition("/")
        own = f"{server}/{(int(database or 0) - index) % 16}"
        os.environ["CELERY_BROKER_URL"] = os.environ["CELERY_RESULT_BACKEND"] = own
        settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = own
        celery_app.conf.broker_url = celery_app.conf.result_backend = own


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files of one test session (and of the workers it starts) in a folder of its own,
    so parallel test processes never write the same path."""
    folder = str(tmp_path_factory.mktemp("media"))
    previous = os.environ.get("MEDIA_ROOT")
    os.environ["MEDIA_ROOT"] = folder
    with override_settings(MEDIA_ROOT=folder):
        yield
    if previous is None:
        del os.environ["MEDIA_ROOT"]
    else:
        os.environ["MEDIA_ROOT"] = previous


@pytest.fixture(autouse=True)
def fresh_cache():
    """Nothing cached by one test is seen by the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def celery_in_process(request: pytest.FixtureRequest):
    """Tasks run in-process unless a test asks for a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = "celery_worker" not in request.keywords
    yield
    celery_app.conf.task_always_eager = previous


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


@pytest.fixture
def cleared_officer(officer: User) -> User:
    """The officer with a GEHEIM clearance, who may own and open classified dossiers."""
    give_clearance(officer, Classification.GEHEIM)
    return officer


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo data, loaded once for a test module in a transaction that is rolled back
    after its last test: each test runs in a savepoint inside it (as Django's
    ``setUpTestData``), so no test sees another's changes and none pays for the load.
    Only for modules whose tests all use it and none needs a transactional database."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True), transaction.atomic():
        call_command("load_demo_data", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
