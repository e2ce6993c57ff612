"""The filters of the worklist of declassification reviews."""

import datetime

import django_filters
from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from directory.classification import Classification


class ReviewHorizon:
    """How far ahead the worklist looks; overdue reviews are always within the horizon."""

    OVERDUE = "overdue"
    CHOICES = [
        (OVERDUE, _("Overdue")),
        ("1", _("Within a year")),
        ("5", _("Within 5 years")),
        ("20", _("Within 20 years")),
    ]
    DEFAULT = "1"

    @classmethod
    def last_day(cls, value: str, today: datetime.date) -> datetime.date:
        if value == cls.OVERDUE:
            return today - datetime.timedelta(days=1)
        return today + relativedelta(years=int(value))


class ReviewFilter(django_filters.FilterSet):
    within = django_filters.ChoiceFilter(
        label=_("Review due"),
        choices=ReviewHorizon.CHOICES,
        empty_label=_("Any date"),
        method="horizon",
    )
    classification = django_filters.ChoiceFilter(
        label=capfirst(_("classification")),
        choices=[(level.value, level.label) for level in Classification.classified_levels()],
    )
    set_by_hand = django_filters.BooleanFilter(
        label=_("Review date set by hand"), field_name="review_date_set_by_hand"
    )

    def __init__(self, data: QueryDict | None = None, *args: object, **kwargs: object) -> None:
        # Unless the user chose otherwise (even "any date"), a year ahead.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("within", ReviewHorizon.DEFAULT)
        super().__init__(data, *args, **kwargs)

    def horizon(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        last_day = ReviewHorizon.last_day(value, timezone.localdate())
        return queryset.filter(declassification_review_on__lte=last_day)
