from django.core.management.base import BaseCommand, CommandError

from liaison.reminders import reminders_sweep


class Command(BaseCommand):
    help = (
        "Sweep for deadlines and deliver the reminders now, in this process (the daily "
        "Celery task does the same through the workers). Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        report = reminders_sweep()
        summary = (
            f"{report.found} reminders due, {report.delivered} delivered "
            f"to {report.recipients} recipients."
        )
        if report.failed:
            raise CommandError(
                f"{summary} Delivery failed for {report.failed} recipients; "
                "their reminders stay pending for the next run."
            )
        self.stdout.write(self.style.SUCCESS(summary))
