"""The access matrix of rules 1-3: clearance and need-to-know, filtered in the database."""

import datetime

import pytest
from django.utils import timezone

from accounts.backends import PortalModelBackend
from clearances.models import Clearance
from directory.classification import Classification
from dossiers import services
from dossiers.access import visible_dossiers
from dossiers.models import DossierUserGrant
from tests.factories import give_clearance, make_dossier, share

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def visible(user) -> set[str]:
    """What the user sees in a new request (the clearance is read once per request)."""
    fresh = type(user).objects.get(pk=user.pk)
    return set(visible_dossiers(fresh).values_list("title", flat=True))


def test_officer_sees_open_and_owned_dossiers_up_to_his_clearance(
    cleared_officer, open_dossier, confidential_dossier, secret_dossier
):
    top = make_dossier(cleared_officer, Classification.ZEER_GEHEIM, title="Zeer geheim")
    assert visible(cleared_officer) == {
        open_dossier.title,
        confidential_dossier.title,
        secret_dossier.title,
    }
    assert top.title not in visible(cleared_officer)  # not even its owner


def test_owner_without_clearance_sees_only_unclassified(
    officer, open_dossier, confidential_dossier
):
    assert visible(officer) == {open_dossier.title}


def test_classified_dossier_of_another_owner_needs_a_grant(cleared_officer, kanselarij):
    from accounts.roles import Role
    from tests.factories import make_user

    deputy = make_user("deputy", kanselarij, Role.LIAISON_OFFICER)
    give_clearance(deputy, Classification.GEHEIM)
    dossier = make_dossier(cleared_officer, Classification.VERTROUWELIJK, title="Van de chef")
    assert dossier.title not in visible(deputy)
    share(dossier, deputy)
    assert dossier.title in visible(deputy)


def test_security_officer_sees_only_what_is_shared(
    cleared_vo, officer, open_dossier, confidential_dossier, secret_dossier
):
    assert visible(cleared_vo) == set()
    share(confidential_dossier, cleared_vo)
    share(secret_dossier, cleared_vo)
    # GEHEIM stays hidden: his clearance is VERTROUWELIJK.
    assert visible(cleared_vo) == {confidential_dossier.title}


def test_grant_to_organisation_reaches_its_people_only(
    cleared_vo, vo_omgeving, officer, confidential_dossier
):
    give_clearance(vo_omgeving, Classification.GEHEIM)
    share(confidential_dossier, cleared_vo.organisation)
    assert visible(cleared_vo) == {confidential_dossier.title}
    assert visible(vo_omgeving) == set()


def test_grant_past_its_end_date_gives_nothing(cleared_vo, officer, confidential_dossier):
    share(
        confidential_dossier,
        cleared_vo,
        ends_on=TODAY(),
    )
    assert visible(cleared_vo) == {confidential_dossier.title}  # the last day counts
    DossierUserGrant.objects.update(ends_on=TODAY() - datetime.timedelta(days=1))
    assert visible(cleared_vo) == set()


def test_expired_or_withdrawn_clearance_removes_access_at_once(
    officer, vo_onderwijs, confidential_dossier
):
    clearance = give_clearance(vo_onderwijs, Classification.VERTROUWELIJK, valid_until=TODAY())
    share(confidential_dossier, vo_onderwijs)
    assert visible(vo_onderwijs) == {confidential_dossier.title}
    Clearance.objects.filter(pk=clearance.pk).update(
        valid_until=TODAY() - datetime.timedelta(days=1)
    )
    assert visible(vo_onderwijs) == set()
    Clearance.objects.filter(pk=clearance.pk).update(
        valid_until=TODAY() + datetime.timedelta(days=10), status=Clearance.Status.WITHDRAWN
    )
    assert visible(vo_onderwijs) == set()


def test_restricted_distribution_needs_a_grant_even_unclassified(cleared_officer, kanselarij):
    from accounts.roles import Role
    from tests.factories import make_user

    colleague = make_user("colleague", kanselarij, Role.LIAISON_OFFICER)
    dossier = make_dossier(cleared_officer, title="Need to know", restricted_distribution=True)
    assert dossier.title in visible(cleared_officer)  # the owner
    assert dossier.title not in visible(colleague)


def test_cabinet_staff_see_unclassified_unrestricted_only(
    cabinet_staff, officer, open_dossier, confidential_dossier
):
    give_clearance(cabinet_staff, Classification.ZEER_GEHEIM)
    make_dossier(officer, title="Beperkt verspreid", restricted_distribution=True)
    share(confidential_dossier, cabinet_staff)
    assert visible(cabinet_staff) == {open_dossier.title}


def test_user_without_role_sees_nothing(uncleared, open_dossier):
    assert visible(uncleared) == set()


def test_visibility_is_one_query(
    cleared_vo, officer, confidential_dossier, django_assert_num_queries
):
    share(confidential_dossier, cleared_vo.organisation)
    # Loaded as on every request: role, clearance and group ids come with the user.
    cleared_vo = PortalModelBackend().get_user(cleared_vo.pk)
    with django_assert_num_queries(1):
        assert len(list(visible_dossiers(cleared_vo))) == 1
    plain = type(cleared_vo).objects.get(pk=cleared_vo.pk)
    plain.role  # noqa: B018 - the role is read once per request, like the middleware does
    with django_assert_num_queries(3):  # the clearance, the group ids, the filtered dossiers
        assert len(list(visible_dossiers(plain))) == 1


def test_the_readers_of_a_dossier_are_exactly_those_who_see_it(
    officer, vo_onderwijs, vo_omgeving, cabinet_staff, administrator, uncleared, onderwijs
):
    """``dossier_readers`` states the rule from the dossier's side: it must agree."""
    from dossiers.access import dossier_readers

    give_clearance(officer, Classification.GEHEIM)
    give_clearance(vo_onderwijs, Classification.VERTROUWELIJK)
    give_clearance(vo_omgeving, Classification.ZEER_GEHEIM)
    give_clearance(cabinet_staff, Classification.ZEER_GEHEIM)
    lapsed = TODAY() - datetime.timedelta(days=1)
    dossiers = [
        make_dossier(officer),
        make_dossier(officer, restricted_distribution=True),
        make_dossier(officer, Classification.BEPERKT),
        make_dossier(officer, Classification.ZEER_GEHEIM),
    ]
    for level in (Classification.VERTROUWELIJK, Classification.GEHEIM):
        personal, organisational, ended = (make_dossier(officer, level) for _ in range(3))
        grant = {"reason": "test", "granted_by": officer}
        services.grant_to_user(dossier=personal, user=vo_omgeving, ends_on=None, **grant)
        services.grant_to_organisation(
            dossier=organisational, organisation=onderwijs, ends_on=None, **grant
        )
        services.grant_to_user(dossier=ended, user=vo_onderwijs, ends_on=lapsed, **grant)
        dossiers += [personal, organisational, ended]
    people = [officer, vo_onderwijs, vo_omgeving, cabinet_staff, administrator, uncleared]
    for dossier in dossiers:
        seeing = {user.pk for user in people if dossier.title in visible(user)}
        assert set(dossier_readers(dossier).values_list("pk", flat=True)) == seeing, dossier
