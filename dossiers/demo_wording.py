"""The releasable wording of the demo's classified dossiers: the slides' own public terms."""

from directory.classification import Classification

PROTOCOLS_ONGOING = (
    "Opmaak van de protocolafspraken binnen verschillende beleidsdomeinen is lopend."
)

# The slides' own public terms for their classified items: the committee report at
# NIET GECLASSIFICEERD speaks of them only through these (title, summary).
PUBLIC_WORDING = {
    "Beveiligd netwerk kabinetten en SG/AG: waarschuwingen over gerichte hackingpogingen": (
        "Platform preventie radicalisering als informatiedeling: uitbreiding naar een "
        "digitaal netwerk (Kabinet en SG/AG)",
        "Bijvoorbeeld de Oekraïnecrisis en het gevaar van hacking.",
    ),
    **{
        f"Protocolafspraak {partner} over de uitwisseling van persoonsgegevens": (
            f"Protocolafspraak {partner}",
            PROTOCOLS_ONGOING
            + (
                " ADIV is niet gebonden door het protocolakkoord van de federale ministers van "
                "BiZa en Justitie."
                if partner == "ADIV"
                else ""
            ),
        )
        for partner in ["VSSE", "OCAD", "NCCN", "CCB", "ADIV"]
    },
    "Vroegdetectie radicalisering: signaalprocedure en opleiding Onderwijsinspectie": (
        "Opleiding vroegdetectie Onderwijsinspectie",
        "Een opleiding voor de Onderwijsinspectie over het vroeg herkennen van radicalisering.",
    ),
    "Verharding protest PAS: dreigingsanalyse en sensibiliseringssessies": (
        "Sensibilisering OCAD – NCCR – Fed Pol/DAO inzake verharding protest PAS",
        "Sensibiliseringssessies over de verharding van het protest tegen de Programmatische "
        "Aanpak Stikstof (PAS).",
    ),
    "Fraude met coronasubsidies: signalen van VLAIO aan parketten en EcoFin": (
        "VLAIO (coronafraude) in contact met parketten en politie EcoFin",
        "Contacten over fraude met coronasubsidies.",
    ),
    "Technische beveiliging Errerahuis en Belpairegebouw met Directie Logistiek Fed Pol": (
        "Structurele samenwerking Facilitair Bedrijf – technische beveiliging en Directie "
        "Logistiek Fed Pol (Safety en Security Management)",
        "Over de gebouwen, zoals het Errerahuis en de plannen voor het Belpairegebouw.",
    ),
    "Voorstel technische sweeping van de vergaderzalen van het kabinet MP": (
        "Voorstel technische sweeping",
        "Een voorstel voor technische sweeping (opsporen van afluisterapparatuur).",
    ),
}


def public_wording(title: str) -> dict[str, object]:
    """The releasable wording of a demo dossier, releasable to NIET GECLASSIFICEERD."""
    if title not in PUBLIC_WORDING:
        return {}
    public_title, public_summary = PUBLIC_WORDING[title]
    return {
        "public_title": public_title,
        "public_summary": public_summary,
        "releasable_to": Classification.NIET_GECLASSIFICEERD,
    }
