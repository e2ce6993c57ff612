"""Every item of the source slides (27 September 2022) as a dossier, with its timeline."""

import datetime

from django.utils import timezone

from accounts.models import User
from directory.classification import Classification
from directory.models import Organisation
from dossiers import demo_procedures, services
from dossiers.demo_wording import public_wording
from dossiers.models import (
    AccessRequest,
    Activity,
    Dossier,
    Opinion,
    PilotProject,
    Task,
    TimelineEntry,
)
from dossiers.workstreams import Workstream

K = Dossier.Kind
S = Dossier.Status
W = Workstream
C = Classification
D = datetime.date

# title, workstream, kind, status, level, restricted, opened, partners, summary, timeline
# (date, type, organisation or None, text), tasks (title, days from today)
DOSSIERS = [
    (
        "Toegang tot politionele informatie voor andere overheden (WPA art. 44/11/9)",
        W.INFORMATION_POSITION,
        K.ACCESS_REQUEST,
        S.WAITING,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 1, 17),
        ["FEDPOL", "COLPG", "COC", "AJH"],
        "Toegang tot politionele informatie voor Vlaamse toezicht-, inspectie- en "
        "handhavingsdiensten met een wettelijke opdracht in het kader van strafrecht of "
        "openbare veiligheid.",
        [
            (
                D(2022, 1, 17),
                "event",
                None,
                "Toezicht-, inspectie- en handhavingsdiensten aangeschreven.",
            ),
            (
                D(2022, 3, 14),
                "event",
                "FEDPOL",
                "Aanvraag overgemaakt aan Fed Pol t.a.v. Min BiZa en Min Just.",
            ),
            (D(2022, 5, 20), "opinion", "COLPG", "Advies College PG: negatief, meer motiveren."),
            (D(2022, 5, 27), "opinion", "COC", "Advies COC (GBA Pol): negatief, meer motiveren."),
            (
                D(2022, 7, 4),
                "event",
                "FEDPOL",
                "Fed Pol bezorgt een nieuw sjabloon voor de aanvraag.",
            ),
            (D(2022, 9, 27), "note", None, "Samenwerkingsovereenkomst bijgevolg nog achterwege."),
        ],
        [("Aanvraag herwerken volgens nieuw sjabloon Fed Pol", 21)],
    ),
    (
        "Overzicht veiligheidsmachtigingen, classificatie en veiligheidsofficieren",
        W.INFORMATION_POSITION,
        K.MEETING,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 2, 8),
        ["KABMP", "NVO"],
        "Moeilijk overzicht; voornamelijk ad hoc aanvragen; sterke doorloop van "
        "veiligheidsofficieren, niet in ieder departement of agentschap aanwezig.",
        [(D(2022, 2, 8), "meeting", "NVO", "Bespreking met Kab MP en NVO over het overzicht.")],
        [("Register veiligheidsofficieren per entiteit vervolledigen", 30)],
    ),
    (
        "Beveiligd netwerk kabinetten en SG/AG: waarschuwingen over gerichte hackingpogingen",
        W.INFORMATION_POSITION,
        K.ACTION,
        S.IN_PROGRESS,
        C.BEPERKT,
        False,
        D(2022, 3, 1),
        ["KABMP"],
        "Waarschuwingen van CCB en VSSE over gerichte hackingpogingen op kabinetsmedewerkers, "
        "gedeeld met de kabinetten en de secretarissen-generaal / administrateurs-generaal.",
        [
            (
                D(2022, 3, 1),
                "event",
                None,
                "Eerste waarschuwing gedeeld over phishing gericht op kabinetsmedewerkers.",
            )
        ],
        [],
    ),
    *[
        (
            f"Protocolafspraak {partner} over de uitwisseling van persoonsgegevens",
            W.INFORMATION_POSITION,
            K.PROTOCOL_AGREEMENT,
            S.IN_PROGRESS,
            C.VERTROUWELIJK,
            False,
            D(2022, 4, 1 + index),
            [partner],
            f"Ontwerp met {partner}: categorieën van persoonsgegevens, bewaartermijnen en "
            "contactpunten per beleidsdomein.",
            [(D(2022, 4, 1 + index), "event", partner, f"Ontwerptekst van {partner} ontvangen.")],
            [(f"Ontwerp protocolafspraak {partner} nalezen", 10 + 15 * index)],
        )
        for index, partner in enumerate(["VSSE", "OCAD", "NCCN", "CCB", "ADIV"])
    ],
    (
        "Participatie aan CCVO naar aanleiding van Corona",
        W.INFORMATION_POSITION,
        K.MEETING,
        S.DONE,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 1, 10),
        ["CCVO"],
        "Deelname aan het Crisiscentrum van de Vlaamse Overheid (CCVO) tijdens de coronacrisis.",
        [(D(2022, 1, 10), "meeting", "CCVO", "Deelname aan het CCVO.")],
        [],
    ),
    (
        "Platform preventie radicalisering-polarisering",
        W.RADICALISATION,
        K.MEETING,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 2, 15),
        ["OCAD"],
        "Opvolging van het platform preventie radicalisering en polarisering.",
        [(D(2022, 2, 15), "meeting", None, "Platformvergadering.")],
        [],
    ),
    (
        "Promoten functie informatie-officier: opleiding",
        W.RADICALISATION,
        K.ACTIVITY,
        S.DONE,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 4, 21),
        ["OCAD"],
        "Opleiding voor informatie-officieren.",
        [(D(2022, 4, 21), "event", None, "Opleiding gegeven.")],
        [],
    ),
    (
        "Terugkomdag informatie-officieren",
        W.RADICALISATION,
        K.ACTIVITY,
        S.OPEN,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 9, 1),
        ["OCAD"],
        "Terugkomdag om ervaringen van informatie-officieren te delen.",
        [],
        [("Uitnodigingen terugkomdag versturen", 14)],
    ),
    (
        "Kennisdeling netwerk",
        W.RADICALISATION,
        K.CONTACT,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 3, 3),
        [],
        "Netwerk voor kennisdeling rond radicalisering.",
        [],
        [],
    ),
    (
        "Vroegdetectie radicalisering: signaalprocedure en opleiding Onderwijsinspectie",
        W.RADICALISATION,
        K.ACTIVITY,
        S.IN_PROGRESS,
        C.BEPERKT,
        False,
        D(2022, 6, 9),
        ["ONDINSP", "DOV"],
        "Signaalprocedure voor scholen waar inspecteurs tekenen van radicalisering zien.",
        [(D(2022, 6, 9), "meeting", "ONDINSP", "Inhoud van de opleiding afgestemd.")],
        [("Data opleiding vastleggen met de Onderwijsinspectie", 7)],
    ),
    (
        "Verharding protest PAS: dreigingsanalyse en sensibiliseringssessies",
        W.RADICALISATION,
        K.ACTIVITY,
        S.DONE,
        C.BEPERKT,
        False,
        D(2022, 7, 12),
        ["OCAD", "NCCN", "FEDPOL"],
        "Sessies op basis van de dreigingsanalyse van OCAD over acties tegen het stikstofbeleid.",
        [(D(2022, 7, 12), "event", "OCAD", "Sensibiliseringssessie gegeven.")],
        [],
    ),
    (
        "DIOB-wetsontwerp en ontwerpdecreet: pleidooi vanuit de politiesamenwerking",
        W.ADMINISTRATIVE_APPROACH,
        K.LEGISLATIVE_FILE,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 2, 22),
        ["FEDPOL", "AJH"],
        "Directie Integriteitsbeoordeling voor Openbare Besturen: wetsontwerp en ontwerpdecreet.",
        [(D(2022, 2, 22), "note", None, "Pleidooi vanuit de politiesamenwerking opgesteld.")],
        [],
    ),
    (
        "Proefproject AJH: fraudedetectiesysteem in 10 gemeenten",
        W.ADMINISTRATIVE_APPROACH,
        K.PILOT_PROJECT,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 5, 2),
        ["AJH"],
        "Het fraudedetectiesysteem bij de aanpak van ondermijnende en georganiseerde "
        "criminaliteit toepasbaar maken op andere entiteiten en sectoren.",
        [(D(2022, 5, 2), "event", "AJH", "Start van het proefproject in 10 gemeenten.")],
        [("Tussentijdse evaluatie proefproject", 45)],
    ),
    (
        "Ontwerp KDVH-advies",
        W.ADMINISTRATIVE_APPROACH,
        K.ADVICE,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 8, 29),
        ["AJH"],
        "Advies over het kaderdecreet handhaving: meerwaarde hoedanigheid OGP/HPK; belang "
        "van een sanctie- en maatregelenregister; handhavingsopbrengsten na acties ten "
        "voordele van de lokale overheid.",
        [(D(2022, 8, 29), "note", None, "Eerste ontwerp van advies.")],
        [],
    ),
    (
        "Fraude met coronasubsidies: signalen van VLAIO aan parketten en EcoFin",
        W.DAILY_OPERATIONS,
        K.CONTACT,
        S.IN_PROGRESS,
        C.VERTROUWELIJK,
        False,
        D(2022, 4, 19),
        ["VLAIO", "FEDPOL"],
        "Signalen over ondernemingen die coronasubsidies onrechtmatig ontvingen, met de "
        "parketten en de economisch-financiële diensten van de politie besproken.",
        [(D(2022, 4, 19), "meeting", "VLAIO", "Eerste overleg met parket en EcoFin.")],
        [],
    ),
    (
        "Informatie Screening Dienst introduceren bij informatie-officieren lokale politie",
        W.DAILY_OPERATIONS,
        K.MEETING,
        S.OPEN,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 9, 5),
        ["PZANTWERPEN", "PZGENT"],
        "Kennismaking van de informatie-officieren van de lokale politie met de "
        "Informatie Screening Dienst.",
        [],
        [],
    ),
    (
        "Bevoegdheden Vlaanderen in de politieopleiding directiebrevet",
        W.DAILY_OPERATIONS,
        K.ACTIVITY,
        S.DONE,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 6, 14),
        ["FEDPOL"],
        "De Vlaamse bevoegdheden bekendmaken aan de korpschefs in spe.",
        [(D(2022, 6, 14), "event", None, "Les gegeven in de opleiding directiebrevet.")],
        [],
    ),
    (
        "Technische beveiliging Errerahuis en Belpairegebouw met Directie Logistiek Fed Pol",
        W.DAILY_OPERATIONS,
        K.ACTION,
        S.IN_PROGRESS,
        C.VERTROUWELIJK,
        False,
        D(2022, 5, 16),
        ["FB", "FEDPOL"],
        "Toegangscontrole en camerabewaking van het Errerahuis en het Belpairegebouw met "
        "Safety & Security Management van de federale politie.",
        [(D(2022, 5, 16), "meeting", "FB", "Overleg over de plannen van het Belpairegebouw.")],
        [("Verslag overleg Errerahuis bezorgen", 20)],
    ),
    (
        "Voorstel technische sweeping van de vergaderzalen van het kabinet MP",
        W.DAILY_OPERATIONS,
        K.PROPOSAL,
        S.OPEN,
        C.GEHEIM,
        False,
        D(2022, 9, 12),
        ["FB"],
        "Voorstel om de vergaderzalen van het kabinet MP driemaandelijks te laten "
        "doorzoeken op afluisterapparatuur.",
        [(D(2022, 9, 12), "note", None, "Voorstel opgesteld.")],
        [],
    ),
]

# Not on the slides: need-to-know only, so it never reaches a committee report.
DOSSIERS.append(
    (
        "Dreigingsbeeld voor gebouwen van de Vlaamse overheid",
        W.DAILY_OPERATIONS,
        K.ACTION,
        S.IN_PROGRESS,
        C.GEHEIM,
        True,
        D(2022, 8, 1),
        ["OCAD", "FB"],
        "Gedeeld dreigingsbeeld, enkel voor wie het moet weten.",
        [(D(2022, 8, 1), "note", "OCAD", "Dreigingsbeeld ontvangen.")],
        [],
    )
)


def recent_dossiers(today: datetime.date) -> list[tuple]:
    """Later work, opened in the last months, so the dashboards show an evolution."""
    rows = [
        (
            "Vraag om veiligheidsmachtigingen voor nieuwe kabinetsmedewerkers",
            W.INFORMATION_POSITION,
            K.CONTACT,
            S.IN_PROGRESS,
            C.NIET_GECLASSIFICEERD,
            ["KABMP", "NVO"],
        ),
        (
            "Netwerkdag kennisdeling radicalisering",
            W.RADICALISATION,
            K.ACTIVITY,
            S.OPEN,
            C.NIET_GECLASSIFICEERD,
            ["OCAD"],
        ),
        (
            "Sensibiliseringssessie polarisering voor lokale besturen",
            W.RADICALISATION,
            K.ACTIVITY,
            S.DONE,
            C.NIET_GECLASSIFICEERD,
            ["OCAD", "GENT"],
        ),
        (
            "Advies wijziging kaderdecreet handhaving",
            W.ADMINISTRATIVE_APPROACH,
            K.ADVICE,
            S.IN_PROGRESS,
            C.NIET_GECLASSIFICEERD,
            ["AJH"],
        ),
        (
            "Opvolging cyberincident bij een Vlaams agentschap",
            W.DAILY_OPERATIONS,
            K.ACTION,
            S.IN_PROGRESS,
            C.VERTROUWELIJK,
            ["CCB"],
        ),
        (
            "Overleg informatie-officieren lokale politie",
            W.DAILY_OPERATIONS,
            K.MEETING,
            S.OPEN,
            C.NIET_GECLASSIFICEERD,
            ["PZANTWERPEN"],
        ),
    ]
    return [
        (
            title,
            workstream,
            kind,
            status,
            level,
            False,
            today - datetime.timedelta(days=35 * (index + 1)),
            partners,
            "",
            [],
            [],
        )
        for index, (title, workstream, kind, status, level, partners) in enumerate(rows)
    ]


SHARES = {
    "Vroegdetectie radicalisering: signaalprocedure en opleiding Onderwijsinspectie": (
        "vo-onderwijs",
        "Betrokken departement",
    ),
    "Technische beveiliging Errerahuis en Belpairegebouw met Directie Logistiek Fed Pol": (
        "vo-kanselarij",
        "Veiligheidsofficier van het beleidsdomein",
    ),
}


def load() -> None:
    officer = User.objects.get(username="officer")
    organisations = {org.short_name: org for org in Organisation.objects.all()}
    today = timezone.localdate()
    rows = DOSSIERS + demo_procedures.PROCEDURE_DOSSIERS + recent_dossiers(today)
    for position, row in enumerate(rows):
        (
            title,
            workstream,
            kind,
            status,
            level,
            restricted,
            opened,
            partners,
            summary,
            timeline,
            tasks,
        ) = row
        dossier = Dossier.objects.filter(title=title).first() or services.dossier_create(
            title=title,
            workstream=workstream,
            kind=kind,
            status=status,
            owner=officer,
            classification=level,
            restricted_distribution=restricted,
            classified_on=opened if level else None,  # the review date follows the law
            opened_on=opened,
            summary=summary,
            deadline=today + datetime.timedelta(days=20 + 9 * position)
            if status != S.DONE
            else None,
            partners=[organisations[name] for name in partners],
            **public_wording(title),
        )
        for occurred_on, entry_type, organisation, text in timeline:
            TimelineEntry.objects.get_or_create(
                dossier=dossier,
                occurred_on=occurred_on,
                text=text,
                defaults={
                    "entry_type": entry_type,
                    "organisation": organisations.get(organisation),
                    "author": officer,
                },
            )
        for task_title, days in tasks:
            Task.objects.get_or_create(
                dossier=dossier,
                title=task_title,
                defaults={
                    "assignee": officer,
                    "due_on": today + datetime.timedelta(days=days),
                    "created_by": officer,
                },
            )
        load_details(dossier, organisations, today)
        if title in SHARES:
            username, reason = SHARES[title]
            services.grant_to_user(
                dossier=dossier,
                user=User.objects.get(username=username),
                reason=reason,
                granted_by=officer,
                ends_on=None,
            )


def load_details(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    load_kind_details(dossier, organisations, today)
    demo_procedures.load_details(dossier, organisations, today)


def load_kind_details(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    if dossier.kind == K.ACCESS_REQUEST:
        request, created = AccessRequest.objects.get_or_create(
            dossier=dossier,
            defaults={
                "step": AccessRequest.Step.REVISION,
                "cooperation_agreement": "Samenwerkingsovereenkomst nog achterwege.",
            },
        )
        if created:
            request.requesting_services.set(
                [organisations[name] for name in ("AJH", "ONDINSP", "VLAIO")]
            )
            request.addressees.set([organisations["FEDPOL"]])
            for body, received_on in (("COLPG", D(2022, 5, 20)), ("COC", D(2022, 5, 27))):
                Opinion.objects.create(
                    access_request=request,
                    body=organisations[body],
                    received_on=received_on,
                    outcome=Opinion.Outcome.NEGATIVE,
                    summary="Negatief: de aanvraag moet meer gemotiveerd worden.",
                )
    elif dossier.kind == K.PILOT_PROJECT:
        pilot, created = PilotProject.objects.get_or_create(dossier=dossier)
        if created:
            pilot.municipalities.set(
                Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)[:10]
            )
    elif dossier.kind == K.ACTIVITY:
        Activity.objects.get_or_create(
            dossier=dossier,
            defaults={
                "activity_kind": activity_kind(dossier.title),
                "held_on": dossier.opened_on,
                "audience": audience(dossier.title),
                "participants": 25,
            },
        )


def activity_kind(title: str) -> str:
    if "Terugkomdag" in title:
        return Activity.ActivityKind.RETURN_DAY
    if "sensibilisering" in title.lower():
        return Activity.ActivityKind.AWARENESS_SESSION
    return Activity.ActivityKind.TRAINING


def audience(title: str) -> str:
    if "Onderwijsinspectie" in title:
        return "Inspecteurs van de Onderwijsinspectie"
    if "directiebrevet" in title:
        return "Korpschefs in spe"
    if "PAS" in title:
        return "Lokale besturen en politiezones"
    return "Informatie-officieren"
