"""Reminders in the demo accounts' inboxes: two tasks that fall due, then a sweep.

Runs after the other demo loaders and works with whatever dossiers and clearances
they made; running it again adds nothing (the tasks exist, the reminders are recorded).
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from dossiers import services
from dossiers.models import Dossier, DossierUserGrant, Task
from reminders.sweep import reminders_sweep

# (assignee, title, days from today): one due in a week, one overdue.
DEMO_TASKS = [
    ("vo-onderwijs", "Evaluatieformulieren van de opleiding bezorgen", 6),
    ("officer", "Verslag van de platformvergadering rondsturen", -2),
]


def demo_task_dossier(user: User) -> Dossier | None:
    """A dossier the user may work on: one shared with him, or one he owns."""
    shared = DossierUserGrant.objects.filter(user=user, ends_on__isnull=True).values(
        "content_object"
    )
    return (
        Dossier.objects.filter(Q(pk__in=shared) | Q(owner=user), status__in=Dossier.OPEN_STATUSES)
        .order_by("pk")
        .first()
    )


def load() -> None:
    today = timezone.localdate()
    for username, title, days in DEMO_TASKS:
        user = User.objects.filter(username=username).first()
        dossier = user and demo_task_dossier(user)
        if dossier is None or Task.objects.filter(dossier=dossier, title=title).exists():
            continue
        services.task_add(
            dossier=dossier,
            created_by=dossier.owner,
            title=title,
            assignee=user,
            due_on=today + datetime.timedelta(days=days),
        )
    reminders_sweep(today=today)
