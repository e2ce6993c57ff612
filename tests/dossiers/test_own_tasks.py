"""Security officers' own tasks: listed on the home page, ticked off by them only; and the
notice in the inbox when a dossier is shared."""

import pytest
from django.urls import reverse

from directory.classification import Classification
from dossiers.sharing import dossier_share
from reminders.models import Notification, Reminder
from tests.factories import assign_task, client_for, give_clearance, make_dossier, share, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_task(officer, open_dossier, vo_onderwijs):
    share(open_dossier, vo_onderwijs)
    return assign_task(open_dossier, vo_onderwijs, today(), title="Lijst bezorgen")


def test_her_tasks_are_on_her_home_page_and_she_ticks_one_off(shared_task, vo_onderwijs_client):
    home = vo_onderwijs_client.get(reverse("home"))
    assert shared_task in home.context["my_tasks"]
    url = reverse("dossiers:task_done", args=[shared_task.dossier_id, shared_task.pk])
    response = vo_onderwijs_client.post(url, {"next": reverse("home")})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    shared_task.refresh_from_db()
    assert shared_task.done_on == today()
    assert shared_task not in vo_onderwijs_client.get(reverse("home")).context["my_tasks"]


def test_nobody_ticks_off_a_task_of_someone_else(shared_task, vo_omgeving, cabinet_staff):
    url = reverse("dossiers:task_done", args=[shared_task.dossier_id, shared_task.pk])
    share(shared_task.dossier, vo_omgeving)
    assert client_for(vo_omgeving).post(url).status_code == 404
    assert client_for(cabinet_staff).post(url).status_code == 403
    shared_task.refresh_from_db()
    assert shared_task.is_open


def test_a_task_on_a_dossier_she_may_no_longer_read_is_neither_listed_nor_ticked(
    shared_task, vo_onderwijs, vo_onderwijs_client
):
    shared_task.dossier.user_grants.all().delete()
    assert list(vo_onderwijs_client.get(reverse("home")).context["my_tasks"]) == []
    url = reverse("dossiers:task_done", args=[shared_task.dossier_id, shared_task.pk])
    assert vo_onderwijs_client.post(url).status_code == 404


def test_sharing_tells_her_once(officer, open_dossier, vo_onderwijs):
    grant = {"dossier": open_dossier, "reason": "Betrokken", "granted_by": officer, "ends_on": None}
    dossier_share(user=vo_onderwijs, **grant)
    dossier_share(user=vo_onderwijs, **grant)
    notices = Notification.objects.filter(recipient=vo_onderwijs)
    assert notices.count() == 1
    reminder = notices.get().reminder
    assert reminder.kind == Reminder.Kind.DOSSIER_SHARED
    assert reminder.title == open_dossier.title and reminder.url == open_dossier.get_absolute_url()


def test_the_notice_of_a_confidential_dossier_names_only_its_reference(officer, vo_onderwijs):
    give_clearance(officer, Classification.GEHEIM)
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    dossier = make_dossier(officer, Classification.VERTROUWELIJK, title="Zeer gevoelig")
    dossier_share(
        dossier=dossier, user=vo_onderwijs, reason="Betrokken", granted_by=officer, ends_on=None
    )
    reminder = Notification.objects.get(recipient=vo_onderwijs).reminder
    assert (reminder.reference, reminder.title) == (dossier.reference, "")


def test_no_notice_to_who_still_cannot_open_it(officer, vo_onderwijs, onderwijs):
    give_clearance(officer, Classification.GEHEIM)
    dossier = make_dossier(officer, Classification.GEHEIM, title="Geheim")
    dossier_share(
        dossier=dossier,
        organisation=onderwijs,
        reason="Betrokken",
        granted_by=officer,
        ends_on=None,
    )
    assert not Notification.objects.filter(recipient=vo_onderwijs).exists()  # not cleared
