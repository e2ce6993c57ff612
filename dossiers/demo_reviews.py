"""Demo items whose classification falls due for review, for the worklist and its reminders.

The slides' dossiers were classified when opened, in 2022: their reviews lie decades
ahead. These two were classified long ago, so that the worklist has work: one falls due
within months (the legal term from its day of classification), the other was given an
earlier date by hand. Running the loader again adds nothing.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.models import User
from directory.classification import Classification
from dossiers import services
from dossiers.models import Dossier
from dossiers.workstreams import Workstream

# (title, level, years and months since classification, review date set by hand in days
# from today, or None for the legal term)
REVIEWS = [
    (
        "Nota dreigingsbeeld Vlaamse overheidsgebouwen (archief)",
        Classification.VERTROUWELIJK,
        relativedelta(years=20, months=-4),
        None,
    ),
    (
        "Evaluatie beveiliging crisiscentrum (archief)",
        Classification.GEHEIM,
        relativedelta(years=12),
        45,
    ),
]


def load() -> None:
    officer = User.objects.get(username="officer")
    today = timezone.localdate()
    for title, level, age, by_hand in REVIEWS:
        if Dossier.objects.filter(title=title).exists():
            continue
        classified_on = today - age
        services.dossier_create(
            title=title,
            workstream=Workstream.INFORMATION_POSITION,
            kind=Dossier.Kind.ADVICE,
            status=Dossier.Status.CLOSED,
            owner=officer,
            classification=level,
            classified_on=classified_on,
            declassification_review_on=(
                today + datetime.timedelta(days=by_hand) if by_hand is not None else None
            ),
            opened_on=classified_on,
            summary="Gearchiveerd stuk waarvan de classificatie geëvalueerd moet worden.",
        )
