"""Demo clearances and security officers, dated from today so that the demo stays current.

Every status occurs, an appeal among them; some clearances have expired and some are due
for renewal, one of which has its renewal requested. A few reach beyond the national
scope (EU, NATO); granted ones carry their security briefing. The Departement Omgeving
has no security officer any more; the officer of the Departement Welzijn let his
clearance lapse and an interim officer stands in; the Facilitair Bedrijf has one officer
too many. Running the loader again changes dates, never the number of rows.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.models import User
from clearances import services
from clearances.models import MAX_VALIDITY, Clearance, SecurityOfficerAppointment
from clearances.selectors import pending_renewal
from directory.classification import Classification
from directory.models import Organisation, Person

C = Classification
S = Clearance.Status
OFFICER = SecurityOfficerAppointment.Function.OFFICER
ASSISTANT = SecurityOfficerAppointment.Function.ASSISTANT

# What a clearance looks like today; see ``clearance_fields``.
VALID, DUE, LAPSED, EXPIRED = "valid", "due", "lapsed", "expired"
REQUESTED, INVESTIGATION, REFUSED, WITHDRAWN = "requested", "investigation", "refused", "withdrawn"
APPEALED, APPEAL_DECIDED = "appealed", "appeal_decided"

# (first name, last name, organisation, function, clearances as (level, shape))
PEOPLE = [
    ("Wouter", "De Smet", "DKBUZA", "Diensthoofd protocol", [(C.GEHEIM, VALID)]),
    ("Elke", "Van Damme", "DKBUZA", "Beleidsmedewerker", [(C.VERTROUWELIJK, DUE)]),
    ("Lies", "Verstraete", "DKBUZA", "Adviseur internationaal", [(C.ZEER_GEHEIM, VALID)]),
    ("Joris", "Michiels", "DKBUZA", "Jurist", [(C.VERTROUWELIJK, EXPIRED)]),
    ("Griet", "Vandenbroucke", "DOV", "Afdelingshoofd", [(C.VERTROUWELIJK, VALID)]),
    ("Kristof", "Lemmens", "DOV", "Beleidsadviseur", [(C.VERTROUWELIJK, DUE)]),
    ("An", "De Clercq", "DOV", "Projectleider", [(C.BEPERKT, REQUESTED)]),
    ("Maarten", "Van Acker", "DOV", "Dossierbehandelaar", [(C.VERTROUWELIJK, APPEALED)]),
    ("Eline", "Vermeulen", "ONDINSP", "Inspecteur-generaal", [(C.VERTROUWELIJK, VALID)]),
    ("Thomas", "Jacobs", "ONDINSP", "Inspecteur", [(C.VERTROUWELIJK, INVESTIGATION)]),
    ("Ruth", "Smets", "ONDINSP", "Inspecteur", [(C.VERTROUWELIJK, VALID)]),
    ("Bart", "Mertens", "FB", "Hoofd beveiliging", [(C.GEHEIM, VALID)]),
    ("Annelies", "Willems", "FB", "Preventieadviseur", [(C.VERTROUWELIJK, VALID)]),
    ("Jens", "Goossens", "FB", "Teamleider gebouwen", [(C.VERTROUWELIJK, DUE)]),
    ("Veerle", "Aerts", "FB", "Facilitair coördinator", [(C.VERTROUWELIJK, WITHDRAWN)]),
    ("Dirk", "Claeys", "FB", "Technicus", [(C.GEHEIM, EXPIRED)]),
    ("Katrien", "Wouters", "AJH", "Afdelingshoofd handhaving", [(C.GEHEIM, VALID)]),
    ("Pieter-Jan", "Desmedt", "AJH", "Beleidsmedewerker", [(C.GEHEIM, DUE)]),
    ("Nele", "Cools", "AJH", "Analist", [(C.ZEER_GEHEIM, DUE)]),
    ("Filip", "Hendrickx", "AJH", "Jurist", [(C.GEHEIM, EXPIRED), (C.GEHEIM, VALID)]),
    ("Sarah", "Coppens", "AJH", "Dossierbeheerder", [(C.VERTROUWELIJK, LAPSED)]),
    ("Stijn", "Dubois", "VLAIO", "Directeur bedrijfsvoering", [(C.VERTROUWELIJK, VALID)]),
    ("Nathalie", "Lambrechts", "VLAIO", "Adviseur", [(C.VERTROUWELIJK, REQUESTED)]),
    ("Ward", "Wuyts", "VLAIO", "Beleidsmedewerker", [(C.VERTROUWELIJK, INVESTIGATION)]),
    ("Hilde", "Desmet", "DOMG", "Voormalig veiligheidsofficier", [(C.VERTROUWELIJK, EXPIRED)]),
    ("Jeroen", "Pauwels", "DOMG", "Beleidsadviseur", [(C.VERTROUWELIJK, VALID)]),
    ("Kaat", "Martens", "DOMG", "Projectleider", [(C.VERTROUWELIJK, INVESTIGATION)]),
    ("Yves", "Segers", "DOMG", "Ingenieur", [(C.BEPERKT, VALID)]),
    ("Marc", "Van den Broeck", "DWVG", "Veiligheidsofficier", [(C.GEHEIM, LAPSED)]),
    ("Inge", "Maes", "DWVG", "Afdelingshoofd", [(C.VERTROUWELIJK, VALID)]),
    ("Lode", "Verhaegen", "DWVG", "Crisiscoördinator", [(C.VERTROUWELIJK, DUE)]),
    ("Evi", "Stevens", "DWVG", "Beleidsmedewerker", [(C.VERTROUWELIJK, APPEAL_DECIDED)]),
    ("Tom", "Hermans", "KABMP", "Veiligheidsadviseur", [(C.GEHEIM, VALID)]),
    ("Charlotte", "Leroy", "KABMP", "Kabinetschef", [(C.GEHEIM, VALID)]),
    ("Arne", "Baert", "KABMP", "Adviseur", [(C.VERTROUWELIJK, DUE)]),
    ("Ruben", "Van Laere", "DMOW", "Crisismanager", [(C.VERTROUWELIJK, VALID)]),
    ("Bernard", "Lambert", "VSSE", "Analist", [(C.ZEER_GEHEIM, VALID)]),
    ("Luc", "Van Hoof", "ADIV", "Kolonel", [(C.ZEER_GEHEIM, VALID)]),
    ("Mieke", "Geerts", "NVO", "Dossierbeheerder", [(C.GEHEIM, VALID)]),
    ("Hans", "Vandamme", "OCAD", "Analist", [(C.GEHEIM, WITHDRAWN)]),
    ("Sanne", "Peeters", "ANTWERPEN", "Radicaliseringsambtenaar", [(C.VERTROUWELIJK, REQUESTED)]),
    ("Pieter", "Declercq", "GENT", "Veiligheidscoördinator", [(C.VERTROUWELIJK, VALID)]),
    ("Jolien", "Verbeke", "MECHELEN", "Lokale taskforce", [(C.BEPERKT, VALID)]),
    ("Koenraad", "De Wilde", "PZANTWERPEN", "Hoofdinspecteur", [(C.GEHEIM, DUE)]),
    ("Bram", "Peeters", "VLAIO", "Projectmedewerker", [(C.VERTROUWELIJK, REFUSED)]),
]

# Clearances beyond the national scope, by holder's last name.
SCOPES = {
    "Verstraete": Clearance.Scope.NATO,
    "Van Hoof": Clearance.Scope.NATO,
    "Lambert": Clearance.Scope.EU,
}

# Holders of a clearance due for renewal whose renewal has been requested.
RENEWALS_REQUESTED = [("Elke", "Van Damme", "DKBUZA")]

# The demo accounts' own clearances: (username, level, shape). `kabinet` holds none.
ACCOUNT_CLEARANCES = [
    ("officer", C.GEHEIM, VALID),
    ("vo-onderwijs", C.VERTROUWELIJK, VALID),
    ("vo-kanselarij", C.VERTROUWELIJK, VALID),
]

# (first name, last name, organisation, function, still active)
APPOINTMENTS = [
    ("Sofie", "Janssens", "DOV", OFFICER, True),
    ("Pieter", "Maes", "DKBUZA", OFFICER, True),
    ("Eline", "Vermeulen", "ONDINSP", OFFICER, True),
    ("Thomas", "Jacobs", "ONDINSP", ASSISTANT, True),
    ("Bart", "Mertens", "FB", OFFICER, True),
    ("Annelies", "Willems", "FB", OFFICER, True),
    ("Jens", "Goossens", "FB", OFFICER, True),
    ("Katrien", "Wouters", "AJH", OFFICER, True),
    ("Stijn", "Dubois", "VLAIO", OFFICER, True),
    ("Nathalie", "Lambrechts", "VLAIO", ASSISTANT, True),
    ("Hilde", "Desmet", "DOMG", OFFICER, False),
    ("Marc", "Van den Broeck", "DWVG", OFFICER, True),
    ("Tom", "Hermans", "KABMP", OFFICER, True),
    ("Inge", "Maes", "DWVG", OFFICER, True),
]
# Appointed ad interim: standing in while the DWVG officer's clearance has lapsed.
INTERIM = {("Inge", "Maes", "DWVG")}

# The statuses a clearance passed through before the one it has now.
EARLIER_STATUSES = {
    S.REQUESTED: [],
    S.UNDER_INVESTIGATION: [S.REQUESTED],
    S.GRANTED: [S.REQUESTED, S.UNDER_INVESTIGATION],
    S.REFUSED: [S.REQUESTED, S.UNDER_INVESTIGATION],
    S.EXPIRED: [S.REQUESTED, S.UNDER_INVESTIGATION, S.GRANTED],
    S.WITHDRAWN: [S.REQUESTED, S.UNDER_INVESTIGATION, S.GRANTED],
    S.APPEAL_LODGED: [S.REQUESTED, S.UNDER_INVESTIGATION, S.REFUSED],
    S.APPEAL_DECIDED: [S.REQUESTED, S.UNDER_INVESTIGATION, S.REFUSED, S.APPEAL_LODGED],
}
# What is not known yet while a clearance has a status (see ``history``).
NO_APPEAL = {"appeal_lodged_on": None, "appeal_decided_on": None, "appeal_outcome": ""}
NO_DECISION = {"decided_on": None, "valid_until": None, "briefed_on": None, **NO_APPEAL}
NOT_YET = {
    S.REQUESTED: NO_DECISION,
    S.UNDER_INVESTIGATION: NO_DECISION,
    S.REFUSED: NO_APPEAL,
    S.GRANTED: NO_APPEAL,
    S.APPEAL_LODGED: {"appeal_decided_on": None, "appeal_outcome": ""},
}


def days(number: int) -> datetime.timedelta:
    return datetime.timedelta(days=number)


def granted_until(valid_until: datetime.date, status: str = S.GRANTED) -> dict[str, object]:
    decided_on = valid_until - MAX_VALIDITY
    if decided_on + MAX_VALIDITY < valid_until:  # 29 February: stay within five years
        decided_on += days(1)
    return {
        "status": status,
        "requested_on": decided_on - days(75),
        "decided_on": decided_on,
        "valid_until": valid_until,
    }


def clearance_fields(shape: str, today: datetime.date, n: int) -> dict[str, object]:
    """Status and dates of the ``n``-th demo clearance, of the given shape, seen on ``today``.

    ``n`` spreads the dates, so that not every clearance ends on the same day.
    """
    if shape == VALID:
        return granted_until(today - days(120 + n * 53 % 1000) + MAX_VALIDITY)
    if shape == DUE:  # within 7 months of the end, so due at every level
        return granted_until(today + days(20 + n * 29 % 170))
    if shape == LAPSED:  # granted, but past its end: expired without anyone saying so
        return granted_until(today - days(10 + n % 20))
    if shape == EXPIRED:
        return granted_until(today - days(100 + n * 17 % 600), S.EXPIRED)
    if shape == WITHDRAWN:
        return granted_until(today - days(700) + MAX_VALIDITY, S.WITHDRAWN)
    pending = {"decided_on": None, "valid_until": None}
    if shape == REQUESTED:
        return {**pending, "status": S.REQUESTED, "requested_on": today - days(5 + n % 30)}
    if shape == INVESTIGATION:
        requested_on = today - days(60 + n * 7 % 120)
        return {**pending, "status": S.UNDER_INVESTIGATION, "requested_on": requested_on}
    if shape in (REFUSED, APPEALED, APPEAL_DECIDED):
        return refused_fields(shape, today - days(100 + n % 200))
    raise ValueError(shape)


def refused_fields(shape: str, decided_on: datetime.date) -> dict[str, object]:
    """A refusal, appealed to the appeal body within a month, decided four months later."""
    fields = {
        "status": S.REFUSED,
        "requested_on": decided_on - days(150),
        "decided_on": decided_on,
        "valid_until": None,
    }
    if shape == APPEALED:
        fields.update(status=S.APPEAL_LODGED, appeal_lodged_on=decided_on + days(25))
    if shape == APPEAL_DECIDED:
        fields.update(
            status=S.APPEAL_DECIDED,
            appeal_lodged_on=decided_on - days(150),
            appeal_decided_on=decided_on - days(30),
            appeal_outcome=Clearance.AppealOutcome.UPHELD,
            decided_on=decided_on - days(170),
            requested_on=decided_on - days(320),
        )
    return fields


def briefed(fields: dict[str, object], today: datetime.date) -> dict[str, object]:
    """A granted clearance's holder is briefed two weeks after the decision."""
    if fields.get("valid_until") is None:
        return fields
    return {**fields, "briefed_on": min(fields["decided_on"] + days(14), today)}


def history(fields: dict[str, object]) -> list[dict[str, object]]:
    """The successive states of a new clearance, so that its status history reads true."""
    steps = [
        {**fields, "status": status, **NOT_YET[status]}
        for status in EARLIER_STATUSES[fields["status"]]
    ]
    return [*steps, fields]


def clearance_load(*, reference: str, person: Person, by: User, **fields: object) -> Clearance:
    """Create the clearance with its history, or bring the existing one up to date."""
    authority = person.organisation.short_name
    fields["authority"] = authority if authority in Clearance.Authority.values else "NVO"
    existing = Clearance.objects.filter(authority_reference=reference).first()
    if existing is not None:
        return services.clearance_update(clearance=existing, by=by, person=person, **fields)
    first, *later = history(fields)
    clearance = services.clearance_create(
        by=by, person=person, authority_reference=reference, **first
    )
    for step in later:
        services.clearance_update(clearance=clearance, by=by, **step)
    return clearance


def person_load(first_name: str, last_name: str, short_name: str, function: str) -> Person:
    organisation = Organisation.objects.get(short_name=short_name)
    address = f"{first_name}.{last_name}".lower().replace(" ", "")
    person, _ = Person.objects.update_or_create(
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        defaults={
            "function": function,
            "email": f"{address}@{short_name.lower()}.demo.vlaanderen.test",
        },
    )
    return person


def load() -> None:
    today = timezone.localdate()
    officer = User.objects.get(username="officer")
    holdings = [
        (User.objects.get(username=username).person, level, shape)
        for username, level, shape in ACCOUNT_CLEARANCES
    ]
    for first_name, last_name, short_name, function, clearances in PEOPLE:
        person = person_load(first_name, last_name, short_name, function)
        holdings += [(person, level, shape) for level, shape in clearances]
    for n, (person, level, shape) in enumerate(holdings, start=1):
        clearance_load(
            reference=f"DEMO-{n:04d}",
            person=person,
            # Nobody records his own clearance: the officer's comes with the demo itself.
            by=None if person.user_id == officer.pk else officer,
            level=level,
            scope=SCOPES.get(person.last_name, Clearance.Scope.NATIONAL),
            **briefed(clearance_fields(shape, today, n), today),
        )
    renewals_load(officer=officer, today=today)
    appointments_load(today)
    services.coverage_figures_refresh(day=today)  # people and appointments loaded directly


def renewals_load(*, officer: User, today: datetime.date) -> None:
    """The renewal requests of RENEWALS_REQUESTED, filed once."""
    for first_name, last_name, short_name in RENEWALS_REQUESTED:
        expiring = Clearance.objects.filter(
            person__first_name=first_name,
            person__last_name=last_name,
            person__organisation__short_name=short_name,
            status=S.GRANTED,
        ).first()
        if expiring is not None and pending_renewal(expiring) is None:
            services.clearance_renewal_start(
                clearance=expiring, by=officer, requested_on=today - days(12)
            )


def appointments_load(today: datetime.date) -> None:
    for n, (first_name, last_name, short_name, function, active) in enumerate(APPOINTMENTS):
        SecurityOfficerAppointment.objects.update_or_create(
            person=Person.objects.get(
                first_name=first_name, last_name=last_name, organisation__short_name=short_name
            ),
            organisation=Organisation.objects.get(short_name=short_name),
            function=function,
            defaults={
                "starts_on": today - relativedelta(years=3) + days(n * 37),
                "ends_on": None if active else today - days(60),
                "interim": (first_name, last_name, short_name) in INTERIM,
            },
        )
