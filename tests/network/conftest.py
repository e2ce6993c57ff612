"""Bodies and meetings of the network tests, owned by the officer."""

import pytest

from accounts.models import User
from accounts.roles import Role
from directory.classification import Classification
from network.models import Body, Meeting
from tests.factories import give_clearance, make_body, make_meeting, make_user


@pytest.fixture
def open_body(officer) -> Body:
    return make_body(officer, title="Platform preventie radicalisering")


@pytest.fixture
def open_meeting(open_body) -> Meeting:
    return make_meeting(open_body, minutes="Open verslag")


@pytest.fixture
def beperkt_meeting(cleared_officer, open_body) -> Meeting:
    """A meeting marked BEPERKT of an unclassified body: the stricter marking applies."""
    return make_meeting(open_body, Classification.BEPERKT, minutes="Beperkt verslag")


@pytest.fixture
def other_officer(kanselarij) -> User:
    """A deputy liaison officer with a high clearance but no need-to-know of his own."""
    user = make_user("deputy", kanselarij, Role.LIAISON_OFFICER)
    give_clearance(user, Classification.ZEER_GEHEIM)
    return user
