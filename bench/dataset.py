"""A data set of government scale, written with set-based SQL (minutes, not hours).

100,000 dossiers across workstreams and levels; 500 users in 60 organisations; about
1,000,000 need-to-know grants to users and groups; 20,000 clearances; 200,000
deadlines (dossier deadlines and tasks). Every row is marked with the BENCH prefix.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from clearances.models import Clearance
from clearances.services import coverage_figures_refresh
from directory.classification import Classification
from directory.models import Organisation, Person
from dossiers.models import OrganisationGroup

PREFIX = "BENCH"
LEVELS = [Classification.VERTROUWELIJK, Classification.GEHEIM, Classification.ZEER_GEHEIM]


def size(full: int, scale: float) -> int:
    return max(1, int(full * scale))


@transaction.atomic
def build(scale: float = 1.0) -> dict[str, int]:
    """Create the data set; ``scale`` shrinks it for the test suite (0.02 = a few thousand)."""
    organisations = [
        Organisation(
            short_name=f"{PREFIX}{number:02d}",
            name=f"{PREFIX} organisatie {number:02d}",
            kind=Organisation.Kind.AGENCY,
            handles_classified=True,
        )
        for number in range(60)
    ]
    Organisation.objects.bulk_create(organisations)
    for organisation in organisations:
        group = Group.objects.create(name=f"organisation:{organisation.short_name}")
        OrganisationGroup.objects.create(organisation=organisation, group=group)
    users = [
        User(
            username=f"{PREFIX.lower()}{number:03d}",
            first_name="Bench",
            last_name=f"{number:03d}",
            organisation=organisations[number % 60],
            password="!",  # unusable: bench users never log in with a password
        )
        for number in range(500)
    ]
    User.objects.bulk_create(users)
    roles = {role: Group.objects.get(name=role.value) for role in Role}
    memberships = []
    for number, user in enumerate(users):
        role = (
            Role.LIAISON_OFFICER
            if number < 5
            else Role.CABINET_STAFF
            if number < 25
            else Role.SECURITY_OFFICER
        )
        memberships.append(User.groups.through(user_id=user.pk, group_id=roles[role].pk))
    User.groups.through.objects.bulk_create(memberships)
    people = [
        Person(
            first_name="Persoon",
            last_name=f"{number:05d}",
            organisation=organisations[number % 60],
            user=users[number] if number < len(users) else None,
        )
        for number in range(size(20_000, max(scale, 0.025)))
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    today = timezone.localdate()
    Clearance.objects.bulk_create(
        [
            Clearance(
                person=person,
                level=Classification.GEHEIM if number < 5 else LEVELS[number % 3],
                status=Clearance.Status.GRANTED,
                # within five years of the decision: the database holds the cap
                requested_on=today - datetime.timedelta(days=500),
                decided_on=today - datetime.timedelta(days=400),
                # portal users hold a valid clearance; the others are spread, some lapsed
                valid_until=today
                + datetime.timedelta(
                    days=400 if number < len(users) else (number * 37) % 1500 - 100
                ),
                authority_reference=f"{PREFIX}-{number}",
            )
            for number, person in enumerate(people)
        ],
        batch_size=5000,
    )
    dossiers = size(100_000, scale)
    officer_ids = [user.pk for user in users[:5]]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO dossiers_dossier
                (reference, title, summary, workstream, kind, status, owner_id,
                 classification, restricted_distribution, declassification_review_on,
                 deadline, opened_on, created_at, updated_at,
                 public_title, public_summary, releasable_to)
            SELECT %s || '-' || n,
                   'Dossier ' || n || ' over ' || (ARRAY['protocolafspraak', 'radicalisering',
                       'fraude', 'sweeping', 'opleiding'])[1 + n %% 5],
                   'Samenvatting van dossier ' || n,
                   (ARRAY['information_position','radicalisation','administrative_approach',
                          'daily_operations'])[1 + n %% 4],
                   (ARRAY['contact', 'meeting', 'action', 'protocol_agreement',
                          'activity'])[1 + n %% 5],
                   (ARRAY['open','in_progress','waiting','done','closed'])[1 + (n / 7) %% 5],
                   (%s::bigint[])[1 + (n / 5) %% 5],  -- owners across all levels
                   n %% 5, n %% 17 = 0,
                   CASE WHEN n %% 5 = 0 THEN NULL ELSE %s::date + 7300 END,
                   %s::date + (n %% 400) - 200,
                   %s::date - ((n - 1)::bigint * 1000 / %s)::int,  -- 1,000 days, mixed
                   now(), now(),
                   -- one classified dossier in eight has wording releasable to all
                   CASE WHEN n %% 40 BETWEEN 1 AND 4 THEN 'Publiek punt ' || n ELSE '' END,
                   CASE WHEN n %% 40 BETWEEN 1 AND 4 THEN 'Publieke samenvatting' ELSE '' END,
                   CASE WHEN n %% 40 BETWEEN 1 AND 4 THEN 0 END
            FROM generate_series(1, %s) AS n
            """,
            [PREFIX, officer_ids, today, today, today, dossiers, dossiers],
        )
        cursor.execute(
            """
            INSERT INTO dossiers_dossier_partners (dossier_id, organisation_id)
            SELECT d.id, (%s::bigint[])[1 + d.id %% 60]
            FROM dossiers_dossier d WHERE d.reference LIKE %s
            """,
            [[organisation.pk for organisation in organisations], f"{PREFIX}-%"],
        )
        cursor.execute(
            """
            INSERT INTO dossiers_task (dossier_id, title, due_on, assignee_id)
            SELECT d.id, 'Taak ' || d.id, %s::date + ((d.id %% 300) - 100)::int, d.owner_id
            FROM dossiers_dossier d WHERE d.reference LIKE %s
            """,
            [today, f"{PREFIX}-%"],
        )
        view = Permission.objects.get(content_type__app_label="dossiers", codename="view_dossier")
        security_officer_ids = [user.pk for user in users[25:]]
        user_grants = size(800_000, scale)
        cursor.execute(
            """
            INSERT INTO dossiers_dossierusergrant
                (permission_id, user_id, content_object_id, reason, granted_by_id,
                 granted_at, ends_on)
            SELECT DISTINCT ON (u, d) %s, u, d, 'bench', %s, now(),
                   CASE WHEN g %% 100 = 0 THEN %s::date - 1 ELSE NULL END
            FROM (
                SELECT g,
                       (%s::bigint[])[1 + (g * 7919) %% %s] AS u,
                       (SELECT min(id) FROM dossiers_dossier WHERE reference LIKE %s)
                           + (g * 104729) %% %s AS d
                FROM generate_series(1::bigint, %s) AS g
            ) AS pairs
            ON CONFLICT DO NOTHING
            """,
            [
                view.pk,
                officer_ids[0],
                today,
                security_officer_ids,
                len(security_officer_ids),
                f"{PREFIX}-%",
                dossiers,
                user_grants,
            ],
        )
        group_ids = list(
            OrganisationGroup.objects.filter(organisation__in=organisations).values_list(
                "group_id", flat=True
            )
        )
        cursor.execute(
            """
            INSERT INTO dossiers_dossiergroupgrant
                (permission_id, group_id, content_object_id, reason, granted_by_id,
                 granted_at, ends_on)
            SELECT DISTINCT ON (grp, d) %s, grp, d, 'bench', %s, now(), NULL
            FROM (
                SELECT (%s::bigint[])[1 + (g * 31) %% %s] AS grp,
                       (SELECT min(id) FROM dossiers_dossier WHERE reference LIKE %s)
                           + (g * 7907) %% %s AS d
                FROM generate_series(1::bigint, %s) AS g
            ) AS pairs
            ON CONFLICT DO NOTHING
            """,
            [
                view.pk,
                officer_ids[0],
                group_ids,
                len(group_ids),
                f"{PREFIX}-%",
                dossiers,
                size(200_000, scale),
            ],
        )
        fill_dossier_parts(cursor, today=today, officer_ids=officer_ids)
        fill_network(cursor, today=today)
        fill_appointments(cursor, today=today, organisations=organisations, people=people)
        # Stored once, as the worker would after these writes: the pages read them (a
        # data set used on a later day is counted again by its first page, once).
        coverage_figures_refresh(day=today)
        cursor.execute("ANALYZE " + portal_tables())
    return {
        "dossiers": dossiers,
        "users": len(users),
        "organisations": len(organisations),
        "clearances": len(people),
        "user grants": user_grants,
    }


def fill_dossier_parts(cursor, *, today: datetime.date, officer_ids: list[int]) -> None:
    """What the list, detail and dashboard pages also read: timelines (three entries a
    dossier), protocol agreements and access requests (one kind in five each),
    attachments (one dossier in four) and links (one dossier in three)."""
    cursor.execute(
        """
        INSERT INTO dossiers_timelineentry
            (dossier_id, occurred_on, entry_type, text, created_at, author_id, organisation_id)
        SELECT d.id, %s::date - ((d.id * 7 + k) %% 900)::int,
               (ARRAY['event', 'opinion', 'decision'])[k], 'Verloop ' || k || ' van ' || d.id,
               now() - make_interval(mins => ((d.id * 13 + k) %% 500000)::int), d.owner_id, NULL
        FROM dossiers_dossier AS d CROSS JOIN generate_series(1, 3) AS k
        WHERE d.reference LIKE 'BENCH-%%'
        """,
        [today],
    )
    cursor.execute(
        """
        INSERT INTO dossiers_protocolagreement
            (dossier_id, status, signed_on, valid_until, review_on, partner_id,
             legal_basis, purposes, data_categories, person_categories, recipients,
             retention, security_measures, flemish_dpo_outcome, federal_dpo_outcome,
             published_url)
        SELECT d.id, (ARRAY['drafting', 'negotiation', 'signed'])[1 + d.id %% 3],
               %s::date - 400, %s::date + (d.id %% 1500)::int - 200,
               %s::date + (d.id %% 700)::int - 100, p.organisation_id,
               'Art. 20 wet van 30 juli 2018', 'Informatie-uitwisseling ' || d.id,
               'Identificatiegegevens', 'Personeelsleden', 'Veiligheidsofficieren',
               '5 jaar', 'Versleuteling en toegangscontrole', 'positive', 'pending', ''
        FROM dossiers_dossier AS d
        JOIN dossiers_dossier_partners p ON p.dossier_id = d.id
        WHERE d.reference LIKE 'BENCH-%%' AND d.id %% 5 = 3
        """,
        [today, today, today],
    )
    cursor.execute(
        """
        INSERT INTO dossiers_accessrequest (dossier_id, step, cooperation_agreement, decision)
        SELECT d.id,
               (ARRAY['services_contacted', 'submitted', 'opinions_requested'])[1 + d.id %% 3],
               'Samenwerkingsakkoord ' || d.id, 'pending'
        FROM dossiers_dossier AS d WHERE d.reference LIKE 'BENCH-%%' AND d.id %% 5 = 2
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO dossiers_attachment
            (dossier_id, file, original_name, content_type, size, uploaded_at, uploaded_by_id)
        SELECT d.id, 'bench/' || d.id || '.pdf', 'nota-' || d.id || '.pdf', 'application/pdf',
               20000 + d.id %% 5000, now(), d.owner_id
        FROM dossiers_dossier AS d WHERE d.reference LIKE 'BENCH-%%' AND d.id %% 4 = 0
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO dossiers_dossierlink (source_id, target_id, note)
        SELECT d.id, d.id + 1, 'verwant'
        FROM dossiers_dossier AS d
        WHERE d.reference LIKE 'BENCH-%%' AND d.id %% 3 = 0
          AND EXISTS (SELECT 1 FROM dossiers_dossier t WHERE t.id = d.id + 1)
        """,
        [],
    )


def fill_network(cursor, *, today: datetime.date) -> None:
    """Consultation bodies (one dossier in a thousand becomes one), each with twelve
    monthly meetings at its dossier's marking, every meeting discussing five dossiers
    spread over the data set and taking three decisions: what the dossier page reads
    for the timeline of a dossier a meeting discussed."""
    cursor.execute(
        """
        UPDATE dossiers_dossier SET kind = 'network'
        WHERE reference LIKE 'BENCH-%%' AND id %% 1000 = 7
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO network_body (dossier_id, kind)
        SELECT d.id, 'working_group' FROM dossiers_dossier d
        WHERE d.reference LIKE 'BENCH-%%' AND d.kind = 'network'
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO network_meeting
            (body_id, held_on, location, classification, restricted_distribution, minutes)
        SELECT b.id, %s::date - 30 * k, 'Brussel', d.classification, FALSE,
               'Verslag ' || k
        FROM network_body b JOIN dossiers_dossier d ON d.id = b.dossier_id
        CROSS JOIN generate_series(0, 11) AS k
        """,
        [today],
    )
    cursor.execute(
        """
        INSERT INTO network_meeting_discussed (meeting_id, dossier_id)
        SELECT DISTINCT m.id, bench.first + (m.id * 7919 + k * 104729) %% bench.count
        FROM network_meeting m CROSS JOIN generate_series(1, 5) AS k
        CROSS JOIN (
            SELECT min(id) AS first, count(*) AS count FROM dossiers_dossier
            WHERE reference LIKE 'BENCH-%%'
        ) AS bench
        """,
        [],
    )
    cursor.execute(
        """
        INSERT INTO network_decision (meeting_id, position, text)
        SELECT m.id, k, 'Beslissing ' || k || ' van vergadering ' || m.id
        FROM network_meeting m CROSS JOIN generate_series(1, 3) AS k
        """,
        [],
    )


def fill_appointments(cursor, *, today: datetime.date, organisations: list, people: list) -> None:
    """A security officer in most organisations (none in one in ten), an assistant in half."""
    rows = []
    for number, organisation in enumerate(organisations):
        staff = [person for person in people[number::60][:2]]
        if number % 10 and staff:
            rows.append((organisation.pk, staff[0].pk, "officer"))
        if number % 2 and len(staff) > 1:
            rows.append((organisation.pk, staff[1].pk, "assistant"))
    cursor.executemany(
        """
        INSERT INTO clearances_securityofficerappointment
            (organisation_id, person_id, function, starts_on, ends_on, version, interim)
        VALUES (%s, %s, %s, %s, NULL, 1, FALSE)
        """,
        [(*row, today - datetime.timedelta(days=300)) for row in rows],
    )


def portal_tables() -> str:
    """The portal's tables, for ANALYZE or VACUUM: a bare one also takes the catalogs
    shared by every database of the server, and waits behind other databases' locks."""
    tables = connection.introspection.django_table_names(only_existing=True)
    return ", ".join(map(connection.ops.quote_name, tables))


def settle() -> None:
    """Vacuum the data set once built, as autovacuum does in production (this server runs
    without it): otherwise index-only scans still visit every page of the heap, and the
    pages measure a state no production database stays in. Outside any transaction."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + portal_tables())
