"""The slides' networks and platforms as consultation bodies, with their 2022 meetings.

Runs after the dossiers' demo: the meetings discussed those dossiers, so their
decisions show in the dossiers' timelines. Safe to run again: a body is found by its
name, a meeting by its body and date.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from directory.classification import Classification, declassification_review_date
from directory.models import Organisation, Person
from dossiers import services as dossier_services
from dossiers.models import Dossier
from dossiers.workstreams import Workstream
from network import services
from network.models import ActionItem, AgendaItem, Attendance, Body, Decision, Meeting, Membership

D = datetime.date
K = Body.Kind
W = Workstream
C = Classification
PRESENT, EXCUSED = Attendance.Status.PRESENT, Attendance.Status.EXCUSED

# Each body: its dossier's name, workstream and marking; chair (first and last name),
# secretariat; members: contacts (first, last name, role) and organisations; meetings:
# date, location, level, agenda, minutes, decisions, actions (title, assignee, due,
# done), the dossiers discussed (by title) and who was excused (last name or abbreviation).
BODIES = [
    {
        "title": "Platform preventie radicalisering en polarisering",
        "kind": K.PLATFORM,
        "workstream": W.RADICALISATION,
        "level": C.NIET_GECLASSIFICEERD,
        "opened": D(2021, 10, 1),
        "summary": "Vlaams platform voor de preventie van radicalisering en polarisering, "
        "ook gebruikt voor informatiedeling tussen de Vlaamse entiteiten en de partners.",
        "chair": ("Koen", "Peeters"),
        "secretariat": "DKBUZA",
        "people": [
            ("Marc", "Dubois", "OCAD"),
            ("Annelies", "Vermeulen", "VSSE"),
            ("Bart", "De Smet", "Fed Pol/DAO"),
            ("Els", "Van Damme", "Onderwijsinspectie"),
            ("Sofie", "Janssens", "Veiligheidsofficier Onderwijs"),
        ],
        "organisations": ["DOV", "DWVG", "KABMP"],
        "shared_with": "vo-onderwijs",
        "meetings": [
            {
                "held_on": D(2022, 2, 15),
                "location": "Brussel, Boudewijngebouw",
                "agenda": [
                    "Stand van zaken radicalisering en polarisering",
                    "Het platform als kanaal voor informatiedeling",
                    "Voorstel: digitaal netwerk van kabinetten en SG/AG",
                ],
                "minutes": "Het platform wordt voortaan ook gebruikt om informatie te delen "
                "tussen de Vlaamse entiteiten en de federale partners. De uitbreiding naar "
                "een digitaal netwerk van de kabinetten en de secretarissen-generaal / "
                "administrateurs-generaal werd besproken.",
                "decisions": [
                    "Het platform preventie radicalisering wordt ook ingezet voor "
                    "informatiedeling.",
                    "Het platform wordt uitgebreid tot een digitaal netwerk van de kabinetten "
                    "en de SG/AG.",
                ],
                "actions": [
                    (
                        "Voorstel digitaal netwerk Kabinet en SG/AG uitwerken",
                        "officer",
                        D(2022, 3, 1),
                        D(2022, 3, 1),
                    ),
                ],
                "discussed": [
                    "Platform preventie radicalisering-polarisering",
                    "Platform preventie radicalisering als informatiedeling: digitaal netwerk "
                    "Kabinet en SG/AG",
                ],
                "excused": ["Vermeulen"],
            },
            {
                "held_on": D(2022, 6, 9),
                "location": "Brussel, Herman Teirlinckgebouw",
                "agenda": [
                    "Vroegdetectie van radicalisering in het onderwijs",
                    "Kennisdelingsnetwerk: eerste ervaringen",
                ],
                "minutes": "De Onderwijsinspectie vraagt een opleiding vroegdetectie; de inhoud "
                "wordt met de inspectie afgestemd.",
                "decisions": [
                    "Er komt een opleiding vroegdetectie voor de Onderwijsinspectie.",
                ],
                "actions": [
                    ("Data opleiding vroegdetectie vastleggen", "officer", 6, None),
                    ("Evaluatie vorige sessies bezorgen", "vo-onderwijs", 5, None),
                ],
                "discussed": ["Opleiding vroegdetectie Onderwijsinspectie"],
                "excused": ["KABMP"],
            },
            {
                "held_on": D(2022, 7, 12),
                "location": "Brussel, Boudewijngebouw",
                "level": C.BEPERKT,
                "agenda": ["Verharding van het protest tegen de PAS"],
                "minutes": "OCAD, het NCCN en Fed Pol/DAO lichtten de dreiging toe van de "
                "verharding van het protest tegen de Programmatische Aanpak Stikstof.",
                "decisions": [
                    "Sensibiliseringssessies met OCAD, NCCN en Fed Pol/DAO voor lokale "
                    "besturen en politiezones.",
                ],
                "actions": [
                    ("Sensibiliseringssessies plannen", "officer", D(2022, 7, 31), D(2022, 7, 20)),
                ],
                "discussed": [
                    "Sensibilisering OCAD – NCCR – Fed Pol/DAO inzake verharding protest PAS"
                ],
                "excused": [],
            },
        ],
    },
    {
        "title": "Digitaal netwerk kabinetten en SG/AG",
        "kind": K.DIGITAL_NETWORK,
        "workstream": W.INFORMATION_POSITION,
        "level": C.BEPERKT,
        "opened": D(2022, 3, 1),
        "summary": "Digitaal netwerk van de kabinetten en de secretarissen-generaal / "
        "administrateurs-generaal, uitgebreid vanuit het platform preventie radicalisering.",
        "chair": ("Koen", "Peeters"),
        "secretariat": "KABMP",
        "people": [("Thomas", "Lenaerts", "CCB (cyberdreiging)")],
        "organisations": ["KABMP", "DKBUZA", "DOV", "DOMG", "DWVG", "DMOW"],
        "meetings": [
            {
                "held_on": D(2022, 3, 8),
                "location": "Digitaal",
                "agenda": ["Oekraïnecrisis", "Gevaar van hacking"],
                "minutes": "Eerste berichten gedeeld over de Oekraïnecrisis en het gevaar van "
                "hacking voor de Vlaamse overheid.",
                "decisions": [
                    "Dringende berichten over dreigingen gaan via het digitale netwerk.",
                ],
                "actions": [
                    (
                        "Advies CCB over hackinggevaar delen met het netwerk",
                        "officer",
                        D(2022, 3, 15),
                        D(2022, 3, 14),
                    ),
                ],
                "discussed": [
                    "Platform preventie radicalisering als informatiedeling: digitaal netwerk "
                    "Kabinet en SG/AG"
                ],
                "excused": ["DMOW"],
            },
        ],
    },
    {
        "title": "Netwerk van informatie-officieren",
        "kind": K.INFORMATION_OFFICERS,
        "workstream": W.RADICALISATION,
        "level": C.NIET_GECLASSIFICEERD,
        "opened": D(2022, 4, 1),
        "summary": "De informatie-officieren van de lokale politie en de Vlaamse entiteiten: "
        "opleiding, terugkomdag en de introductie van de Informatie Screening Dienst.",
        "chair": ("Koen", "Peeters"),
        "secretariat": "DKBUZA",
        "people": [
            ("Ruben", "Jacobs", "Informatie-officier PZ Gent"),
            ("Marc", "Dubois", "OCAD"),
        ],
        "organisations": ["PZANTWERPEN", "PZGENT"],
        "meetings": [
            {
                "held_on": D(2022, 4, 21),
                "location": "Gent",
                "agenda": [
                    "Opleiding: de functie van informatie-officier",
                    "Introductie van de Informatie Screening Dienst",
                ],
                "minutes": "De opleiding werd gegeven; de Informatie Screening Dienst werd "
                "voorgesteld aan de informatie-officieren van de lokale politie.",
                "decisions": ["Er komt een terugkomdag voor de informatie-officieren."],
                "actions": [
                    ("Uitnodigingen terugkomdag versturen", "officer", 14, None),
                ],
                "discussed": [
                    "Promoten functie informatie-officier: opleiding",
                    "Terugkomdag informatie-officieren",
                ],
                "excused": ["PZANTWERPEN"],
            },
        ],
    },
    {
        "title": "Kennisdelingsnetwerk radicalisering",
        "kind": K.KNOWLEDGE_NETWORK,
        "workstream": W.RADICALISATION,
        "level": C.NIET_GECLASSIFICEERD,
        "opened": D(2022, 3, 3),
        "summary": "Netwerk voor kennisdeling rond radicalisering tussen de Vlaamse "
        "entiteiten, OCAD en de lokale besturen.",
        "chair": ("Marc", "Dubois"),
        "secretariat": "DKBUZA",
        "people": [("Els", "Van Damme", "Onderwijsinspectie")],
        "organisations": ["OCAD", "ANTWERPEN", "GENT", "MECHELEN"],
        "meetings": [
            {
                "held_on": D(2022, 3, 3),
                "location": "Mechelen",
                "agenda": ["Opstart van het netwerk", "Werkwijze en frequentie"],
                "minutes": "Het netwerk is opgestart; de leden delen kennis en goede praktijken.",
                "decisions": ["Het netwerk komt elk kwartaal samen."],
                "actions": [],
                "discussed": ["Kennisdeling netwerk"],
                "excused": [],
            },
        ],
    },
    {
        "title": "CCVO – Crisiscentrum van de Vlaamse Overheid (coronacrisis)",
        "kind": K.CRISIS_CELL,
        "workstream": W.INFORMATION_POSITION,
        "level": C.NIET_GECLASSIFICEERD,
        "opened": D(2022, 1, 10),
        "summary": "Het eigen crisiscentrum van de Vlaamse Regering; de verbindingsofficier "
        "nam deel tijdens de coronacrisis.",
        "chair": ("Tom", "Wouters"),
        "secretariat": "CCVO",
        "people": [("Koen", "Peeters", "Verbindingsofficier politie")],
        "organisations": ["CCVO", "DWVG", "KABMP", "NCCN"],
        "meetings": [
            {
                "held_on": D(2022, 1, 10),
                "location": "Brussel, CCVO",
                "agenda": ["Coronamaatregelen en handhaving", "Informatie van de politie"],
                "minutes": "De verbindingsofficier neemt deel aan het CCVO en brengt de "
                "informatie van de geïntegreerde politie in.",
                "decisions": [
                    "De verbindingsofficier neemt deel aan het CCVO zolang de coronacrisis duurt.",
                ],
                "actions": [],
                "discussed": ["Participatie aan CCVO naar aanleiding van Corona"],
                "excused": ["NCCN"],
            },
        ],
    },
]


def load() -> None:
    officer = User.objects.get(username="officer")
    organisations = {org.short_name: org for org in Organisation.objects.all()}
    today = timezone.localdate()
    for spec in BODIES:
        body = body_load(spec, officer, organisations)
        for meeting_spec in spec["meetings"]:
            meeting_load(body, meeting_spec, today)


def person(first_name: str, last_name: str) -> Person | None:
    return Person.objects.filter(first_name=first_name, last_name=last_name).first()


def body_load(spec: dict, officer: User, organisations: dict[str, Organisation]) -> Body:
    body = Body.objects.filter(dossier__title=spec["title"]).first()
    if body is not None:
        return body
    body = services.body_create(
        title=spec["title"],
        summary=spec["summary"],
        workstream=spec["workstream"],
        owner=officer,
        classification=spec["level"],
        declassification_review_on=declassification_review_date(spec["level"], spec["opened"]),
        opened_on=spec["opened"],
        status=Dossier.Status.IN_PROGRESS,
        kind=spec["kind"],
        chair=person(*spec["chair"]),
        secretariat=organisations[spec["secretariat"]],
    )
    for first_name, last_name, role in spec["people"]:
        Membership.objects.create(
            body=body, person=person(first_name, last_name), role=role, starts_on=spec["opened"]
        )
    for short_name in spec["organisations"]:
        Membership.objects.create(
            body=body, organisation=organisations[short_name], starts_on=spec["opened"]
        )
    if "shared_with" in spec:
        dossier_services.grant_to_user(
            dossier=body.dossier,
            user=User.objects.get(username=spec["shared_with"]),
            reason="Lid van het platform",
            granted_by=officer,
            ends_on=None,
        )
    return body


def meeting_load(body: Body, spec: dict, today: datetime.date) -> None:
    meeting, created = Meeting.objects.get_or_create(
        body=body,
        held_on=spec["held_on"],
        defaults={
            "location": spec["location"],
            "classification": spec.get("level", C.NIET_GECLASSIFICEERD),
            "minutes": spec["minutes"],
        },
    )
    if not created:
        return
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=title)
        for n, title in enumerate(spec["agenda"], 1)
    )
    Decision.objects.bulk_create(
        Decision(meeting=meeting, position=n, text=text)
        for n, text in enumerate(spec["decisions"], 1)
    )
    for n, (title, username, due, done) in enumerate(spec["actions"], 1):
        ActionItem.objects.create(
            meeting=meeting,
            position=n,
            title=title,
            assignee=User.objects.get(username=username),
            # A number of days: still open, counted from today so that it falls due.
            due_on=today + datetime.timedelta(days=due) if isinstance(due, int) else due,
            done_on=done,
        )
    meeting.discussed.set(Dossier.objects.filter(title__in=spec["discussed"]))
    for membership in body.memberships.select_related("person", "organisation"):
        excused = (membership.person and membership.person.last_name in spec["excused"]) or (
            membership.organisation and membership.organisation.short_name in spec["excused"]
        )
        Attendance.objects.create(
            meeting=meeting, membership=membership, status=EXCUSED if excused else PRESENT
        )
