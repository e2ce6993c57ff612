"""The procedures of the slides as their kinds: the protocol agreements with what article
20 of the law of 30 July 2018 asks, the information exchanged both ways, the follow-up of
the parliamentary committee and the ministries that decide on the 44/11/9 request.

Called by ``dossiers.demo`` for each dossier it makes; safe to run again.
"""

import datetime

from directory.classification import Classification
from directory.models import Organisation, PolicyDomain
from dossiers.models import (
    AccessRequest,
    CommitteeCommitment,
    Dossier,
    InformationRequest,
    ParliamentaryFollowUp,
    ParliamentaryQuestion,
    ProtocolAgreement,
)
from dossiers.workstreams import Workstream

K = Dossier.Kind
S = Dossier.Status
C = Classification
D = datetime.date

# The slides' "coordinate the exchange of information between the federal intelligence and
# security services and the Flemish government", and the committee the slides report to.
# Rows as in ``dossiers.demo.DOSSIERS``.
PROCEDURE_DOSSIERS = [
    (
        "Vraag van OCAD naar signalen van radicalisering bij de Onderwijsinspectie",
        Workstream.RADICALISATION,
        K.INFORMATION_REQUEST,
        S.DONE,
        C.BEPERKT,
        False,
        D(2022, 6, 20),
        ["OCAD", "ONDINSP"],
        "Informatievraag van OCAD aan de Onderwijsinspectie, beantwoord na de opleiding "
        "vroegdetectie.",
        [(D(2022, 6, 20), "event", "OCAD", "Informatievraag ontvangen.")],
        [],
    ),
    (
        "Vraag van VLAIO aan de federale politie (EcoFin) over fraude met coronasubsidies",
        Workstream.DAILY_OPERATIONS,
        K.INFORMATION_REQUEST,
        S.WAITING,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 8, 22),
        ["VLAIO", "FEDPOL"],
        "Informatievraag van VLAIO aan de economisch-financiële diensten van de politie.",
        [(D(2022, 8, 22), "event", "VLAIO", "Vraag verstuurd.")],
        [],
    ),
    (
        "Terugkoppeling aan de Commissie Algemeen Beleid, Financiën, Begroting en Justitie",
        Workstream.DAILY_OPERATIONS,
        K.PARLIAMENTARY_FOLLOW_UP,
        S.IN_PROGRESS,
        C.NIET_GECLASSIFICEERD,
        False,
        D(2022, 3, 2),
        [],
        "Vragen en toezeggingen in het Vlaams Parlement over de verbindingsofficier politie.",
        [(D(2022, 9, 27), "meeting", None, "Terugkoppeling gegeven in de commissie.")],
        [],
    ),
]

# Partner -> (policy domain, Flemish party): drafting per policy domain is ongoing.
PROTOCOL_PARTIES = {
    "VSSE": ("Kanselarij, Bestuur, Buitenlandse Zaken en Justitie", "DKBUZA"),
    "OCAD": ("Onderwijs en Vorming", "DOV"),
    "NCCN": ("Welzijn, Volksgezondheid en Gezin", "DWVG"),
    "CCB": ("Economie, Wetenschap en Innovatie", "VLAIO"),
    "ADIV": ("Kanselarij, Bestuur, Buitenlandse Zaken en Justitie", "FB"),
}


def load_details(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    loaders = {
        K.ACCESS_REQUEST: load_decision,
        K.PROTOCOL_AGREEMENT: load_protocol,
        K.INFORMATION_REQUEST: load_information_request,
        K.PARLIAMENTARY_FOLLOW_UP: load_follow_up,
    }
    loader = loaders.get(dossier.kind)
    if loader is not None:
        loader(dossier, organisations, today)


def load_decision(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    """The ministers of the Interior and of Justice decide; on the slides, not yet."""
    request = AccessRequest.objects.filter(dossier=dossier).first()
    if request is not None and not request.deciding_ministries.exists():
        request.deciding_ministries.set([organisations["FOD BIZA"], organisations["FOD JUST"]])


def load_protocol(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    partner = dossier.partners.first()
    domain, flemish_party = PROTOCOL_PARTIES[partner.short_name]
    negotiating = partner.short_name in ("VSSE", "OCAD")
    ProtocolAgreement.objects.get_or_create(
        dossier=dossier,
        defaults={
            "partner": partner,
            "flemish_party": organisations[flemish_party],
            "policy_domain": PolicyDomain.objects.get_or_create(name=domain)[0],
            "status": ProtocolAgreement.Status.NEGOTIATION
            if negotiating
            else ProtocolAgreement.Status.DRAFTING,
            "review_on": today + datetime.timedelta(days=60 + 30 * dossier.pk % 120),
            "legal_basis": "Art. 20 wet van 30 juli 2018; art. 8 e-govdecreet van 18 juli 2008.",
            "purposes": "Versterken van de informatiepositie van de Vlaamse overheid.",
            "data_categories": "Identificatiegegevens; gegevens over dreigingen.",
            "person_categories": "Personeel van de partijen; betrokkenen bij een dreiging.",
            "recipients": "De verbindingsofficier en de veiligheidsofficieren van de partijen.",
            "retention": "5 jaar na het einde van de protocolafspraak",
            "security_measures": "Uitwisseling via beveiligde kanalen; toegang op need-to-know.",
            "flemish_dpo_opinion_on": D(2022, 6, 1) if negotiating else None,
            "flemish_dpo_outcome": "positive" if negotiating else "pending",
        },
    )


def load_information_request(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    if "OCAD" in dossier.title:
        fields = {
            "direction": InformationRequest.Direction.TO_FLANDERS,
            "requesting_organisation": organisations["OCAD"],
            "requested_organisation": organisations["ONDINSP"],
            "legal_basis": "Wet van 10 juli 2006 betreffende de analyse van de dreiging",
            "question": "Zijn er signalen van radicalisering in de bezochte scholen?",
            "due_on": D(2022, 7, 15),
            "status": InformationRequest.Status.ANSWERED,
            "answer": "Geaggregeerd overzicht van de signalen, per provincie.",
            "answered_on": D(2022, 7, 12),
            "answer_classification": C.VERTROUWELIJK,
        }
    else:
        fields = {
            "direction": InformationRequest.Direction.FROM_FLANDERS,
            "requesting_organisation": organisations["VLAIO"],
            "requested_organisation": organisations["FEDPOL"],
            "legal_basis": "Art. 29 Wetboek van Strafvordering",
            "question": "Welke dossiers van fraude met coronasubsidies lopen bij EcoFin?",
            "due_on": today + datetime.timedelta(days=10),
            "status": InformationRequest.Status.SENT,
        }
    InformationRequest.objects.get_or_create(dossier=dossier, defaults=fields)


def load_follow_up(
    dossier: Dossier, organisations: dict[str, Organisation], today: datetime.date
) -> None:
    _, created = ParliamentaryFollowUp.objects.get_or_create(
        dossier=dossier,
        defaults={
            "committee": "Commissie Algemeen Beleid, Financiën, Begroting en Justitie",
            "minister": "Vlaams minister van Justitie en Handhaving",
        },
    )
    if not created:
        return
    ParliamentaryQuestion.objects.create(
        dossier=dossier,
        question_kind=ParliamentaryQuestion.QuestionKind.WRITTEN,
        member="Lid van het Vlaams Parlement",
        number="412",
        asked_on=D(2022, 3, 2),
        subject="Opdracht en eerste werkzaamheden van de verbindingsofficier politie",
        answer_due_on=D(2022, 4, 1),
        answer="De verbindingsofficier werkt langs vier sporen; een terugkoppeling volgt.",
        answered_on=D(2022, 3, 29),
    )
    CommitteeCommitment.objects.create(
        dossier=dossier,
        description="De commissie terugkoppeling geven over de werkzaamheden.",
        made_on=D(2022, 3, 2),
        due_on=D(2022, 9, 30),
        answered_on=D(2022, 9, 27),
    )
    CommitteeCommitment.objects.create(
        dossier=dossier,
        description="Een volgende terugkoppeling geven over de protocolafspraken.",
        made_on=D(2022, 9, 27),
        due_on=today + datetime.timedelta(days=45),
    )
