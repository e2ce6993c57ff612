"""Demo organisations and accounts, as named in the source document."""

from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from directory.models import Organisation, Person, PolicyDomain

Kind = Organisation.Kind

POLICY_DOMAINS = [
    "Kanselarij, Bestuur, Buitenlandse Zaken en Justitie",
    "Onderwijs en Vorming",
    "Economie, Wetenschap en Innovatie",
    "Omgeving",
    "Welzijn, Volksgezondheid en Gezin",
    "Mobiliteit en Openbare Werken",
]

# (abbreviation, name, kind, policy domain index or None, needs a Flemish security officer)
ORGANISATIONS = [
    ("DKBUZA", "Departement Kanselarij en Buitenlandse Zaken", Kind.DEPARTMENT, 0, True),
    ("DOV", "Departement Onderwijs en Vorming", Kind.DEPARTMENT, 1, True),
    ("ONDINSP", "Onderwijsinspectie", Kind.AGENCY, 1, True),
    ("FB", "Facilitair Bedrijf", Kind.AGENCY, 0, True),
    ("AJH", "Agentschap Justitie en Handhaving", Kind.AGENCY, 0, True),
    ("VLAIO", "Agentschap Innoveren en Ondernemen", Kind.AGENCY, 2, True),
    ("DOMG", "Departement Omgeving", Kind.DEPARTMENT, 3, True),
    ("DWVG", "Departement Welzijn, Volksgezondheid en Gezin", Kind.DEPARTMENT, 4, True),
    ("DMOW", "Departement Mobiliteit en Openbare Werken", Kind.DEPARTMENT, 5, False),
    ("KABMP", "Kabinet van de Vlaamse Minister-President", Kind.CABINET, 0, True),
    ("VSSE", "Veiligheid van de Staat", Kind.FEDERAL_PARTNER, None, False),
    ("OCAD", "Coördinatieorgaan voor de dreigingsanalyse", Kind.FEDERAL_PARTNER, None, False),
    ("NCCN", "Nationaal Crisiscentrum", Kind.FEDERAL_PARTNER, None, False),
    ("CCB", "Centrum voor Cybersecurity België", Kind.FEDERAL_PARTNER, None, False),
    ("ADIV", "Algemene Dienst Inlichting en Veiligheid", Kind.FEDERAL_PARTNER, None, False),
    ("FEDPOL", "Federale Politie", Kind.FEDERAL_PARTNER, None, False),
    ("COLPG", "College van Procureurs-generaal", Kind.FEDERAL_PARTNER, None, False),
    ("COC", "Controleorgaan op de politionele informatie", Kind.FEDERAL_PARTNER, None, False),
    ("NVO", "Nationale Veiligheidsoverheid", Kind.FEDERAL_PARTNER, None, False),
    ("ANTWERPEN", "Stad Antwerpen", Kind.MUNICIPALITY, None, False),
    ("GENT", "Stad Gent", Kind.MUNICIPALITY, None, False),
    ("MECHELEN", "Stad Mechelen", Kind.MUNICIPALITY, None, False),
    ("GENK", "Stad Genk", Kind.MUNICIPALITY, None, False),
    ("OOSTENDE", "Stad Oostende", Kind.MUNICIPALITY, None, False),
    ("LEUVEN", "Stad Leuven", Kind.MUNICIPALITY, None, False),
    ("BRUGGE", "Stad Brugge", Kind.MUNICIPALITY, None, False),
    ("KORTRIJK", "Stad Kortrijk", Kind.MUNICIPALITY, None, False),
    ("HASSELT", "Stad Hasselt", Kind.MUNICIPALITY, None, False),
    ("AALST", "Stad Aalst", Kind.MUNICIPALITY, None, False),
    ("PZANTWERPEN", "Politiezone Antwerpen", Kind.POLICE_ZONE, None, False),
    ("PZGENT", "Politiezone Gent", Kind.POLICE_ZONE, None, False),
]

# (username, first name, last name, organisation, role, function)
ACCOUNTS = [
    ("officer", "Koen", "Peeters", "DKBUZA", Role.LIAISON_OFFICER, "Verbindingsofficier politie"),
    ("vo-onderwijs", "Sofie", "Janssens", "DOV", Role.SECURITY_OFFICER, "Veiligheidsofficier"),
    ("vo-kanselarij", "Pieter", "Maes", "DKBUZA", Role.SECURITY_OFFICER, "Veiligheidsofficier"),
    ("kabinet", "Lotte", "Claes", "KABMP", Role.CABINET_STAFF, "Adviseur veiligheid"),
    ("admin", "Jan", "Willems", "DKBUZA", Role.ADMINISTRATOR, "Functioneel beheerder"),
]


def load() -> None:
    # The national crisis centre was keyed NCCR in older demo databases; it is the NCCN.
    Organisation.objects.filter(short_name="NCCR").update(short_name="NCCN")
    domains = [PolicyDomain.objects.get_or_create(name=name)[0] for name in POLICY_DOMAINS]
    for short_name, name, kind, domain_index, handles_classified in ORGANISATIONS:
        Organisation.objects.update_or_create(
            short_name=short_name,
            defaults={
                "name": name,
                "kind": kind,
                "policy_domain": None if domain_index is None else domains[domain_index],
                "handles_classified": handles_classified,
            },
        )
    for username, first_name, last_name, org, role, function in ACCOUNTS:
        organisation = Organisation.objects.get(short_name=org)
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.vlaanderen.test",
                "organisation": organisation,
                "is_staff": role == Role.ADMINISTRATOR,
            },
        )
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role.value)])
        Person.objects.update_or_create(
            user=user,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "organisation": organisation,
                "function": function,
                "email": user.email,
            },
        )
