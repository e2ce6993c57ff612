"""Who may see which dossier: the only way views, exports and messages reach dossiers.

Rules 1-3 of the design, in one queryset:

- nobody sees a dossier above his valid clearance, not even its owner;
- a classified dossier, or one marked Beperkte Verspreiding, needs ownership or an
  active need-to-know grant (to the user, to a group of his, or to his organisation);
- the liaison officer also sees every unclassified, unrestricted dossier; security
  officers see only what is shared with them; cabinet staff see unclassified,
  unrestricted dossiers read-only; a user without a role sees nothing.

The clearance is read once per request from the dates, so a lapse is immediate.
"""

import datetime
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import chain
from operator import itemgetter

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Exists, Expression, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.query import EmptyQuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.roles import ROLE_ANNOTATION, Role, role_expression
from clearances.validity import (
    CLEARANCE_ANNOTATION,
    current_clearance_level,
    valid_clearance_level,
    valid_clearance_level_expression,
)
from common.dates import active_on
from directory.classification import Classification
from dossiers.models import (
    CommitteeReport,
    Dossier,
    DossierGroupGrant,
    DossierUserGrant,
    OrganisationGroup,
)

# The fields the rule below reads: load them with a dossier that is asked about.
MARKING_FIELDS = ("classification", "restricted_distribution")


def releasable_up_to(ceiling: Classification) -> Q:
    """At or below ``ceiling`` and not for need-to-know only: the one definition."""
    return Q(classification__lte=ceiling, restricted_distribution=False)


def is_releasable_up_to(dossier: Dossier, ceiling: Classification) -> bool:
    """``releasable_up_to`` for one dossier in hand."""
    return dossier.classification <= ceiling and not dossier.restricted_distribution


class Wording(enum.Enum):
    """How a report at a given ceiling speaks of a dossier."""

    FULL = "full"  # its own title, summary, timeline and tasks
    PUBLIC = "public"  # only the releasable wording the officer wrote for it


def public_wording_up_to(ceiling: Classification) -> Q:
    """Above ``ceiling`` (or need-to-know only) but with releasable wording for it."""
    return ~releasable_up_to(ceiling) & Q(releasable_to__lte=ceiling) & ~Q(public_title="")


def reportable_up_to(ceiling: Classification) -> Q:
    """What a report at ``ceiling`` may speak of, in full or through releasable wording."""
    return releasable_up_to(ceiling) | public_wording_up_to(ceiling)


def wording_at(dossier: Dossier, ceiling: Classification) -> Wording | None:
    """Which wording of the dossier a report at ``ceiling`` shows; None: left out."""
    if is_releasable_up_to(dossier, ceiling):
        return Wording.FULL
    releasable_to = dossier.releasable_to
    if dossier.public_title and releasable_to is not None and releasable_to <= ceiling:
        return Wording.PUBLIC
    return None


# Neither classified nor for need-to-know only.
OPEN_TO_ALL = releasable_up_to(Classification.NIET_GECLASSIFICEERD)


def is_open_to_all(dossier: Dossier) -> bool:
    return is_releasable_up_to(dossier, Classification.NIET_GECLASSIFICEERD)


def dossiers_open_to_all() -> QuerySet[Dossier]:
    """Neither classified nor for need-to-know only: what cabinet staff may read and name."""
    return Dossier.objects.filter(OPEN_TO_ALL)


# The name under which accounts.backends loads the user's group ids with the user.
GROUPS_ANNOTATION = "access_group_ids"


def sharing_groups(user_ref: object, organisation_ref: object) -> QuerySet[Group]:
    """The groups of a user and his organisation's sharing group: who a group grant reaches."""
    return Group.objects.filter(
        Q(user=user_ref) | Q(organisation_link__organisation=organisation_ref)
    ).values("pk")


def access_group_ids_expression() -> Expression:
    """``sharing_groups`` of the outer user as one array, loaded with him (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return Value(None, output_field=IntegerField())
    return ArraySubquery(sharing_groups(OuterRef("pk"), OuterRef("organisation")))


def access_group_ids(user: User) -> list[int]:
    """The ids of ``sharing_groups``: loaded with the request's user, else one small query.

    Not cached on other user objects: a test or a service may change memberships.
    """
    loaded = getattr(user, GROUPS_ANNOTATION, None)
    if loaded is not None:
        return list(loaded)
    if user.organisation_id is None:  # "organisation is None" would match every plain group
        groups = Group.objects.filter(user=user).values("pk")
    else:
        groups = sharing_groups(user.pk, user.organisation_id)
    return list(groups.values_list("pk", flat=True).distinct())


class ExistsPerRow(Exists):
    """``EXISTS`` that PostgreSQL asks of each outer row down the subquery's index.

    A plain ``EXISTS`` may be planned as a hashed set of every matching row, built before
    the first outer row: all of a user's grants (33,000 for the bench's officer at
    1,000,000 dossiers), whether the statement then reads 25 dossiers or 25,000.
    ``OFFSET 0`` is the optimisation fence PostgreSQL keeps on purpose (it does not turn
    such a subquery into a hashed one); SQLite reads it as nothing.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


def granted_dossier_ids(user: User, day: datetime.date, *, per_row: bool = False) -> Q:
    """Dossiers on which the user holds an active grant, directly or through a group.

    Each grant is tested by an indexed ``EXISTS`` per dossier, with the user's group ids
    known beforehand, so the plan never depends on a set of grants fitting in memory.
    With ``per_row`` the grants are asked of each dossier read (``ExistsPerRow``), for a
    reader whose grants are asked of few of the dossiers a statement reads.
    """
    exists = ExistsPerRow if per_row else Exists
    dossier = OuterRef("pk")
    granted = Q(
        exists(DossierUserGrant.objects.filter(active_on(day), user=user, content_object=dossier))
    )
    groups = access_group_ids(user)
    if groups:
        granted |= Q(
            exists(
                DossierGroupGrant.objects.filter(
                    active_on(day), group__in=groups, content_object=dossier
                )
            )
        )
    return granted


def uncleared_ceiling() -> Classification:
    """What a user without a valid clearance may read (with need-to-know): unclassified
    items, and BEPERKT ones too where the setting ``BEPERKT_NEEDS_CLEARANCE`` is off."""
    if settings.BEPERKT_NEEDS_CLEARANCE:
        return Classification.NIET_GECLASSIFICEERD
    return Classification.BEPERKT


def clearance_ceiling(user: User, day: datetime.date | None = None) -> Classification:
    """The highest level the user's valid clearance reaches on ``day``; see
    ``uncleared_ceiling`` if none."""
    today = timezone.localdate()
    day = day or today
    level = current_clearance_level(user) if day == today else valid_clearance_level(user, day)
    return uncleared_ceiling() if level is None else level


def reaches_level(user: User, level: int) -> bool:
    """Whether a user who may see a dossier may also read a part of it marked ``level``
    (an answer classified above its question): unclassified parts for every reader, a
    classified part only for the roles that read classified content, up to the user's
    valid clearance. Beside ``visible_dossiers``, which it narrows and never widens."""
    if level <= Classification.NIET_GECLASSIFICEERD:
        return True
    if user.role not in (Role.LIAISON_OFFICER, Role.SECURITY_OFFICER):
        return False
    return clearance_ceiling(user) >= level


def visible_dossiers(
    user: User, day: datetime.date | None = None, *, per_row: bool | None = None
) -> QuerySet[Dossier]:
    """The dossiers the user may see (the rules above), as one condition per dossier.

    ``per_row`` says how the statement asks his grants: of each dossier it reads, by key
    (``ExistsPerRow``), or read once into a set that PostgreSQL hashes (``False``), which
    pays when most of the dossiers it reads ask them. By default (``None``), by role: the
    liaison officer's per row, as most of what he reads is open to all, asked first (a
    page or a capped count asks his grants of a few hundred dossiers: 0.3-3 ms at
    1,000,000 dossiers, where hashing his 33,000 group grants cost 6-8 ms a statement);
    a security officer's hashed, as he reads only what is shared with him and nearly
    every dossier a list walks asks them. A statement that reads one page and stops (a
    search, or a list in its own order that is not counted) asks per row; one that reads
    many (every cell of a table of counts, an export, a list sorted on a column), hashed.
    """
    if not user.is_authenticated or user.role is None:
        return Dossier.objects.none()
    if user.role == Role.CABINET_STAFF:
        return dossiers_open_to_all()
    if user.role not in (Role.LIAISON_OFFICER, Role.SECURITY_OFFICER):
        return Dossier.objects.none()
    day = day or timezone.localdate()
    ceiling = clearance_ceiling(user, day)
    officer = user.role == Role.LIAISON_OFFICER
    per_row = officer if per_row is None else per_row
    need_to_know = Q(owner=user) | granted_dossier_ids(user, day, per_row=per_row)
    if officer:  # open to all asked first: his grants only of the dossiers that are not
        need_to_know = OPEN_TO_ALL | need_to_know
    return Dossier.objects.filter(need_to_know, classification__lte=ceiling)


def recently_shared(user: User, limit: int, day: datetime.date | None = None) -> list[Dossier]:
    """The dossiers last shared with the user (a grant to him, to a group of his or to his
    organisation), the newest grant first, that he may open: at most ``limit``.

    Read from his grants in their date order, each grantee's down its own index, and not
    by walking the dossiers: the cost grows neither with the dossiers nor with his
    grants. The dossiers found are asked the one rule (``visible_dossiers``) by key, so a
    grant on a dossier above his clearance shows nothing, and the list may hold fewer.
    """
    day = day or timezone.localdate()
    grants = [DossierUserGrant.objects.filter(active_on(day), user=user)]
    grants += [
        DossierGroupGrant.objects.filter(active_on(day), group=group)
        for group in access_group_ids(user)
    ]
    # Room for dossiers granted twice (to him and to his organisation) or not visible.
    wanted = 4 * limit
    latest = [
        each.order_by("-granted_at").values_list("content_object", "granted_at")[:wanted]
        for each in grants
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        newest = latest[0].union(*latest[1:], all=True).order_by("-granted_at")[:wanted]
    else:  # SQLite (``make run``): each grantee's newest, merged here
        newest = sorted(chain.from_iterable(latest), key=itemgetter(1), reverse=True)[:wanted]
    order = list(dict.fromkeys(dossier_id for dossier_id, _granted_at in newest))
    found = {dossier.pk: dossier for dossier in visible_dossiers(user, day).filter(pk__in=order)}
    return [found[pk] for pk in order if pk in found][:limit]


def marked_parts_visible(
    user: User, rows: QuerySet, *, dossier: str, day: datetime.date | None = None
) -> QuerySet:
    """Rows inside a dossier that carry a marking of their own (a body's meeting, reached
    from the row through ``dossier``): the stricter of the two markings applies.

    The user must see the dossier; the row's level must be within his clearance; and a
    row that is classified or for need-to-know only asks need-to-know on the dossier
    (ownership or a grant), which an unclassified dossier alone does not give. Cabinet
    staff see only rows open to all, in dossiers open to all.

    Both dossier tests are asked per row, of the row's dossier by its key (``EXISTS``):
    as ``IN`` sets, PostgreSQL could build the set of every dossier the user knows first
    (a scan of all dossiers: 211 ms at 1,000,000) to answer for one meeting.
    """
    if not user.is_authenticated or user.role is None:
        return rows.none()
    its_dossier = OuterRef(dossier)
    inside = Exists(visible_dossiers(user, day).filter(pk=its_dossier))
    if user.role == Role.CABINET_STAFF:
        return rows.filter(inside, OPEN_TO_ALL)
    day = day or timezone.localdate()
    known = Dossier.objects.filter(Q(owner=user) | granted_dossier_ids(user, day), pk=its_dossier)
    need_to_know = OPEN_TO_ALL | Exists(known)
    return rows.filter(inside, need_to_know, classification__lte=clearance_ceiling(user, day))


def granted_user_ids(dossier: Dossier, day: datetime.date) -> Q:
    """Users who hold an active grant on the dossier, directly, through a group or their
    organisation: ``granted_dossier_ids`` seen from the dossier, as indexed ``EXISTS``."""
    # By id: a dossier still being created (in a form) has none, and so no grants.
    on_dossier = Q(content_object_id=dossier.pk)
    user_grants = DossierUserGrant.objects.filter(active_on(day), on_dossier, user=OuterRef("pk"))
    groups = DossierGroupGrant.objects.filter(active_on(day), on_dossier).values("group")
    members = User.groups.through.objects.filter(group__in=groups, user=OuterRef("pk"))
    organisations = OrganisationGroup.objects.filter(
        group__in=groups, organisation=OuterRef("organisation")
    )
    return Q(Exists(user_grants)) | Q(Exists(members)) | Q(Exists(organisations))


def dossier_readers(dossier: Dossier, day: datetime.date | None = None) -> QuerySet[User]:
    """The active users who may open the dossier on ``day``, in one query.

    ``visible_dossiers`` seen from the dossier: the same roles, clearance and
    need-to-know, for the people a form offers or a reminder may be sent to.
    """
    day = day or timezone.localdate()
    users = User.objects.filter(is_active=True).annotate(
        portal_role=role_expression(),
        ceiling=Coalesce(
            valid_clearance_level_expression("person", day),
            Value(uncleared_ceiling()),
            output_field=IntegerField(),
        ),
    )
    open_to_all = is_open_to_all(dossier)
    need_to_know = Q(pk=dossier.owner_id) | granted_user_ids(dossier, day)
    if open_to_all:
        need_to_know |= Q(portal_role=Role.LIAISON_OFFICER)
    readers = (
        Q(portal_role__in=[Role.LIAISON_OFFICER, Role.SECURITY_OFFICER])
        & Q(ceiling__gte=dossier.classification)
        & need_to_know
    )
    if open_to_all:
        readers |= Q(portal_role=Role.CABINET_STAFF)
    return users.filter(readers)


def readable_pairs(
    pairs: Iterable[tuple[int, int]],
    day: datetime.date,
    visible: Callable[[User, datetime.date], QuerySet] | None = None,
) -> set[tuple[int, int]]:
    """Of these (user id, dossier id) pairs, those where the user may open the dossier on
    ``day``: two queries (the users, then one ``UNION ALL`` of each user's visible
    dossiers among his), whatever the number of users or dossiers. ``visible`` asks
    another queryset of the rule instead (``visible_marked_parts`` for meetings)."""
    visible = visible or visible_dossiers
    wanted: dict[int, set[int]] = defaultdict(set)
    for user_id, dossier_id in pairs:
        wanted[user_id].add(dossier_id)
    # Role, clearance and groups loaded with the users, as the log-in backend does (the
    # clearance annotation is only read when ``day`` is today, which it then matches).
    users = User.objects.filter(pk__in=wanted, is_active=True).annotate(
        **{
            ROLE_ANNOTATION: role_expression(),
            CLEARANCE_ANNOTATION: valid_clearance_level_expression("person", day),
            GROUPS_ANNOTATION: access_group_ids_expression(),
        }
    )
    each = [
        visible(user, day)
        .filter(pk__in=wanted[user.pk])
        .annotate(reader=Value(user.pk, output_field=IntegerField()))
        .order_by()
        .values_list("reader", "pk")
        for user in users
    ]
    each = [query for query in each if not isinstance(query, EmptyQuerySet)]
    if not each:
        return set()
    return set(each[0].union(*each[1:], all=True))


def get_dossier_for_user(user: User, pk: int) -> Dossier:
    """The dossier if the user may see it; 404 otherwise, whether it exists or not."""
    try:
        return visible_dossiers(user).select_related("owner").get(pk=pk)
    except Dossier.DoesNotExist:
        raise Http404 from None


def can_edit(user: User) -> bool:
    """Only the liaison officer writes dossiers; others who see one read it."""
    return user.role == Role.LIAISON_OFFICER


def visible_reports(user: User) -> QuerySet[CommitteeReport]:
    """Kept committee reports: the liaison officer's, up to his valid clearance."""
    if not user.is_authenticated or user.role != Role.LIAISON_OFFICER:
        return CommitteeReport.objects.none()
    return CommitteeReport.objects.filter(ceiling__lte=clearance_ceiling(user))
