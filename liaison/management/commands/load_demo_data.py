from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as accounts_demo
from clearances import demo as clearances_demo
from dashboards.cabinet import cabinet_figures_refresh
from directory import demo as directory_demo
from dossiers import demo as dossiers_demo
from dossiers import demo_reminders, demo_reviews
from network import demo as network_demo

# Each app adds its loader here, in dependency order.
DEMO_LOADERS = [
    accounts_demo.load,
    directory_demo.load,
    clearances_demo.load,
    dossiers_demo.load,
    network_demo.load,
    demo_reviews.load,
    demo_reminders.load,
    # Last, over all of the above: beat's worker counts them again every minute.
    cabinet_figures_refresh,
]


class Command(BaseCommand):
    help = "Load the demo organisations, accounts and dossiers. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo data is refused when DEBUG is off: its passwords are public.")
        with transaction.atomic():
            for load in DEMO_LOADERS:
                load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
