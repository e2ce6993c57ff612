"""The directory of the slides: every partner's names in Dutch and French, and contacts
who have no account. Runs after the accounts' demo, which creates the organisations the
accounts belong to; safe to run again."""

from directory.models import Organisation, Person, PolicyDomain

Kind = Organisation.Kind

# Dutch abbreviation (the key) -> (Dutch name, French abbreviation, French name, kind,
# Dutch abbreviation of the parent or None). The national crisis centre, NCCR in the slides
# of 2022, is keyed by its current abbreviation, NCCN, the same in both languages.
ORGANISATIONS: dict[str, tuple[str, str, str, str, str | None]] = {
    "FOD BIZA": (
        "Federale Overheidsdienst Binnenlandse Zaken",
        "SPF Intérieur",
        "Service public fédéral Intérieur",
        Kind.FEDERAL_SERVICE,
        None,
    ),
    "FOD JUST": (
        "Federale Overheidsdienst Justitie",
        "SPF Justice",
        "Service public fédéral Justice",
        Kind.FEDERAL_SERVICE,
        None,
    ),
    "VSSE": (
        "Veiligheid van de Staat",
        "VSSE",
        "Sûreté de l'État",
        Kind.FEDERAL_PARTNER,
        "FOD JUST",
    ),
    "OCAD": (
        "Coördinatieorgaan voor de dreigingsanalyse",
        "OCAM",
        "Organe de coordination pour l'analyse de la menace",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "NCCN": (
        "Nationaal Crisiscentrum",
        "NCCN",
        "Centre de crise national",
        Kind.FEDERAL_PARTNER,
        "FOD BIZA",
    ),
    "CCB": (
        "Centrum voor Cybersecurity België",
        "CCB",
        "Centre pour la Cybersécurité Belgique",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "ADIV": (
        "Algemene Dienst Inlichting en Veiligheid",
        "SGRS",
        "Service général du renseignement et de la sécurité",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "FEDPOL": ("Federale Politie", "POLFED", "Police fédérale", Kind.FEDERAL_PARTNER, None),
    "COLPG": (
        "College van procureurs-generaal",
        "COLPG",
        "Collège des procureurs généraux",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "COC": (
        "Controleorgaan op de politionele informatie",
        "COC",
        "Organe de contrôle de l'information policière",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "NVO": (
        "Nationale Veiligheidsoverheid",
        "ANS",
        "Autorité nationale de sécurité",
        Kind.FEDERAL_PARTNER,
        None,
    ),
    "DKBUZA": (
        "Departement Kanselarij en Buitenlandse Zaken",
        "",
        "Département Chancellerie et Affaires étrangères",
        Kind.DEPARTMENT,
        None,
    ),
    "CCVO": (
        "Crisiscentrum van de Vlaamse Overheid",
        "CCVO",
        "Centre de crise du Gouvernement flamand",
        Kind.CRISIS_CENTRE,
        "DKBUZA",
    ),
    "DOV": (
        "Departement Onderwijs en Vorming",
        "",
        "Département Enseignement et Formation",
        Kind.DEPARTMENT,
        None,
    ),
    "ONDINSP": (
        "Onderwijsinspectie",
        "",
        "Inspection de l'enseignement",
        Kind.AGENCY,
        "DOV",
    ),
    "VLAIO": (
        "Agentschap Innoveren en Ondernemen",
        "VLAIO",
        "Agence flamande Innovation et Entrepreneuriat",
        Kind.AGENCY,
        None,
    ),
    "AJH": (
        "Agentschap Justitie en Handhaving",
        "",
        "",
        Kind.AGENCY,
        "DKBUZA",
    ),
    "FB": ("Facilitair Bedrijf", "", "", Kind.AGENCY, None),
}

# The policy domain of organisations the accounts' demo does not create.
POLICY_DOMAINS = {"CCVO": "Kanselarij, Bestuur, Buitenlandse Zaken en Justitie"}

# Contacts without an account: (first name, last name, organisation, function, language).
CONTACTS = [
    ("Marc", "Dubois", "OCAD", "Analist radicalisering", "fr"),
    ("Annelies", "Vermeulen", "VSSE", "Liaisonofficier Vlaamse overheid", "nl"),
    ("Julie", "Lambert", "NCCN", "Coördinator crisisbeheer", "fr"),
    ("Tom", "Wouters", "CCVO", "Crisiscoördinator", "nl"),
    ("Nathalie", "Leroy", "ADIV", "Officier de liaison", "fr"),
    ("Bart", "De Smet", "FEDPOL", "Directeur DAO", "nl"),
    ("Els", "Van Damme", "ONDINSP", "Inspecteur-generaal", "nl"),
    ("Wim", "Hermans", "VLAIO", "Teamleider fraudebestrijding", "nl"),
    ("Kristof", "Claes", "COLPG", "Parketmagistraat, expertisenetwerk fraude", "nl"),
    ("Isabelle", "Renard", "FEDPOL", "Commissaris economisch-financiële cel (EcoFin)", "fr"),
    ("Jan", "Goossens", "FEDPOL", "Directie Logistiek, Safety & Security Management", "nl"),
    ("Hilde", "Martens", "FB", "Verantwoordelijke technische beveiliging", "nl"),
    ("Thomas", "Lenaerts", "CCB", "Cyberanalist", "nl"),
    ("Claire", "Dupont", "NVO", "Gestionnaire des habilitations", "fr"),
    ("Lies", "Willems", "AJH", "Projectleider fraudedetectie", "nl"),
    ("Ruben", "Jacobs", "PZGENT", "Informatie-officier lokale politie", "nl"),
]


def load() -> None:
    for short_name, (name, short_name_fr, name_fr, kind, _parent) in ORGANISATIONS.items():
        domain = POLICY_DOMAINS.get(short_name)
        defaults = {"name": name, "short_name_fr": short_name_fr, "name_fr": name_fr, "kind": kind}
        create_defaults = {**defaults, "handles_classified": kind == Kind.CRISIS_CENTRE}
        if domain:
            create_defaults["policy_domain"] = PolicyDomain.objects.get_or_create(name=domain)[0]
        Organisation.objects.update_or_create(
            short_name=short_name, defaults=defaults, create_defaults=create_defaults
        )
    for short_name, (*_names, parent) in ORGANISATIONS.items():
        if parent is not None:
            Organisation.objects.filter(short_name=short_name).update(
                parent=Organisation.objects.get(short_name=parent)
            )
    for first_name, last_name, short_name, function, language in CONTACTS:
        organisation = Organisation.objects.get(short_name=short_name)
        address = f"{first_name}.{last_name}".lower().replace(" ", "")
        Person.objects.update_or_create(
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            defaults={
                "function": function,
                "preferred_language": language,
                "email": f"{address}@{short_name.lower().replace(' ', '')}.demo.test",
                "phone": "+32 2 000 00 00",
            },
        )
