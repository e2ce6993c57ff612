"""The register of protocol agreements: every agreement the user may see, and its export.

What article 20 of the law of 30 July 2018 asks each protocol to state is in the
dossier; the register lists the agreements with their parties, dates, the two DPO
opinions and the publication, as the Flemish e-government decree asks them published.
"""

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers.access import visible_dossiers
from dossiers.models import ProtocolAgreement


def visible_agreements(user: User) -> QuerySet[ProtocolAgreement]:
    """The agreements whose dossier the user may see, filtered in the database (rule 3)."""
    return (
        ProtocolAgreement.objects.filter(dossier__in=visible_dossiers(user).values("pk"))
        .select_related("dossier", "partner", "flemish_party", "policy_domain")
        .order_by("review_on", "dossier__reference")
    )


def protocol_register_rows(
    agreements: QuerySet[ProtocolAgreement],
) -> tuple[list[str], Iterator[Iterable[object]]]:
    header = [
        _("reference"),
        _("title"),
        _("partner service"),
        _("Flemish party"),
        _("policy domain"),
        _("agreement status"),
        _("signed on"),
        _("valid until"),
        _("review date"),
        _("Flemish DPO opinion"),
        _("federal DPO opinion"),
        _("published at"),
        _("published on"),
    ]
    rows = (
        (
            agreement.dossier.reference,
            agreement.dossier.title,
            agreement.partner.short_name,
            agreement.flemish_party.name if agreement.flemish_party else "",
            agreement.policy_domain or "",
            agreement.get_status_display(),
            agreement.signed_on or "",
            agreement.valid_until or "",
            agreement.review_on or "",
            agreement.get_flemish_dpo_outcome_display(),
            agreement.get_federal_dpo_outcome_display(),
            agreement.published_url,
            agreement.published_on or "",
        )
        for agreement in agreements.iterator(chunk_size=2000)
    )
    return header, rows
