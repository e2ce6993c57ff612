"""The Belgian classification scale (law of 11 December 1998, as amended).

Levels are stored as small integers in their legal order, so that "at most this
level" is an ordinary comparison both in Python and in a queryset
(``level__lte=Classification.VERTROUWELIJK``). ``Beperkte Verspreiding`` is a
separate marking, not a level: see :data:`RESTRICTED_DISTRIBUTION_LABEL`.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.IntegerChoices):
    NIET_GECLASSIFICEERD = 0, _("Not classified")
    BEPERKT = 1, _("Restricted")
    VERTROUWELIJK = 2, _("Confidential")
    GEHEIM = 3, _("Secret")
    ZEER_GEHEIM = 4, _("Top secret")

    @property
    def is_classified(self) -> bool:
        return self > Classification.NIET_GECLASSIFICEERD

    @property
    def needs_access_purpose(self) -> bool:
        """Opening a classified item, BEPERKT included, is logged with a purpose (rule 9)."""
        return self.is_classified

    def permits(self, item_level: int) -> bool:
        """True when a clearance of this level covers an item of ``item_level``."""
        return self >= item_level

    @classmethod
    def classified_levels(cls) -> list["Classification"]:
        return [level for level in cls if level.is_classified]


RESTRICTED_DISTRIBUTION_LABEL = _("Restricted distribution")

# The law asks for an evaluation after 20, 30 and 50 years for the three old levels;
# for BEPERKT, added by the reform, the term is the setting
# DECLASSIFICATION_REVIEW_YEARS_BEPERKT (no public source confirmed one).
DECLASSIFICATION_REVIEW_YEARS = {
    Classification.VERTROUWELIJK: 20,
    Classification.GEHEIM: 30,
    Classification.ZEER_GEHEIM: 50,
}


def declassification_review_years(level: int) -> int | None:
    """After how many years an item of ``level`` is evaluated; None if unclassified."""
    if level == Classification.BEPERKT:
        return settings.DECLASSIFICATION_REVIEW_YEARS_BEPERKT
    return DECLASSIFICATION_REVIEW_YEARS.get(level)


def declassification_review_date(level: int, classified_on: datetime.date) -> datetime.date | None:
    """When an item classified on ``classified_on`` must be evaluated; None if unclassified."""
    years = declassification_review_years(level)
    if years is None:
        return None
    year = classified_on.year + years
    if year > datetime.MAXYEAR:
        return datetime.date.max  # past the calendar's end: the last day a date can hold
    try:
        return classified_on.replace(year=year)
    except ValueError:  # 29 February
        return classified_on.replace(year=year, day=28)


def classification_field(**kwargs) -> models.PositiveSmallIntegerField:
    """The field every classified model uses for its level."""
    kwargs.setdefault("verbose_name", _("classification"))
    kwargs.setdefault("default", Classification.NIET_GECLASSIFICEERD)
    kwargs.setdefault("choices", Classification.choices)
    return models.PositiveSmallIntegerField(**kwargs)


def restricted_distribution_field(**kwargs) -> models.BooleanField:
    """The ``Beperkte Verspreiding`` marking: need-to-know only, whatever the level."""
    kwargs.setdefault("verbose_name", RESTRICTED_DISTRIBUTION_LABEL)
    kwargs.setdefault("default", False)
    kwargs.setdefault("help_text", _("Need-to-know only: a grant is required whatever the level."))
    return models.BooleanField(**kwargs)
