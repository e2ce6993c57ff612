"""The declassification review date of a dossier: the law's term, or the officer's own date.

The law of 11 December 1998 (as amended) asks for an evaluation of a classification
after 20, 30 and 50 years for VERTROUWELIJK, GEHEIM and ZEER GEHEIM; the term for
BEPERKT is a setting (``directory.classification``). The term runs from the day the
item was classified, so the date follows every change of level or of that day, unless
the officer set it by hand: a date he typed is kept when the level changes, and that it
was kept is written to the audit log.
"""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.utils import timezone

from directory.classification import Classification, declassification_review_date
from dossiers.models import Dossier

FIELDS = (
    "classification",
    "classified_on",
    "declassification_review_on",
    "review_date_set_by_hand",
)


@dataclass(frozen=True)
class Recorded:
    """A dossier's classification and review terms as saved."""

    classification: int
    classified_on: datetime.date | None
    declassification_review_on: datetime.date | None
    review_date_set_by_hand: bool


@dataclass(frozen=True)
class ReviewTerms:
    classified_on: datetime.date | None
    review_on: datetime.date | None
    set_by_hand: bool
    # The legal date that a review date set by hand replaced on this change, if any.
    kept_instead_of: datetime.date | None = None


def recorded_terms(dossier: Dossier) -> Recorded | None:
    """What is saved for the dossier (one query); None for a dossier not saved yet."""
    if dossier.pk is None:
        return None
    values = Dossier.objects.filter(pk=dossier.pk).values(*FIELDS).first()
    return None if values is None else Recorded(**values)


def classification_day(
    *, classified_on: datetime.date | None, opened_on: datetime.date, recorded: Recorded | None
) -> datetime.date:
    """The day the item was classified: as given, else as recorded, else the opening day
    for a dossier classified from the start, else today (it becomes classified now)."""
    if classified_on is not None:
        return classified_on
    if recorded is None or recorded.classification > Classification.NIET_GECLASSIFICEERD:
        return (recorded and recorded.classified_on) or opened_on
    return timezone.localdate()


def review_terms(
    *,
    level: int,
    classified_on: datetime.date | None,
    review_on: datetime.date | None,
    opened_on: datetime.date,
    recorded: Recorded | None,
) -> ReviewTerms:
    """The terms to save, given what a form or a caller asks and what is recorded.

    An empty review date means the legal one. A date that differs from the recorded one
    was entered now: set by hand unless it is the legal date. An unchanged date follows
    the law, unless it was set by hand before: then it is kept.
    """
    if level == Classification.NIET_GECLASSIFICEERD:
        return ReviewTerms(classified_on=None, review_on=None, set_by_hand=False)
    day = classification_day(classified_on=classified_on, opened_on=opened_on, recorded=recorded)
    legal = declassification_review_date(level, day)
    unchanged = recorded is not None and review_on == recorded.declassification_review_on
    if review_on is None:
        return ReviewTerms(day, legal, set_by_hand=False)
    if unchanged and recorded.review_date_set_by_hand:
        moved = recorded.classification != level or recorded.classified_on != day
        kept_instead_of = legal if moved and legal != review_on else None
        return ReviewTerms(day, review_on, set_by_hand=True, kept_instead_of=kept_instead_of)
    if unchanged:
        return ReviewTerms(day, legal, set_by_hand=False)
    return ReviewTerms(day, review_on, set_by_hand=review_on != legal)


def review_terms_apply(dossier: Dossier, recorded: Recorded | None) -> ReviewTerms:
    """Put the review terms on the dossier, from what it carries now and what is recorded."""
    terms = review_terms(
        level=dossier.classification,
        classified_on=dossier.classified_on,
        review_on=dossier.declassification_review_on,
        opened_on=dossier.opened_on or timezone.localdate(),
        recorded=recorded,
    )
    dossier.classified_on = terms.classified_on
    dossier.declassification_review_on = terms.review_on
    dossier.review_date_set_by_hand = terms.set_by_hand
    return terms


def kept_review_date_log(dossier: Dossier, terms: ReviewTerms) -> LogEntry | None:
    """Write to the audit log that a review date set by hand was kept over the legal one."""
    if terms.kept_instead_of is None:
        return None
    kept = str(terms.review_on)
    return LogEntry.objects.log_create(
        dossier,
        action=LogEntry.Action.UPDATE,
        changes={"declassification_review_on": [kept, kept]},
        force_log=True,
        additional_data={
            **dossier.get_additional_data(),
            "review_date_kept": kept,
            "legal_review_date": str(terms.kept_instead_of),
        },
    )
