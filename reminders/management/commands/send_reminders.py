from django.core.management.base import BaseCommand, CommandError

from reminders.sweep import reminders_sweep


class Command(BaseCommand):
    help = (
        "Sweep for deadlines, fill the inboxes and send the e-mails now, in this process "
        "(the Celery task does the same through the workers). Safe to run again."
    )

    def handle(self, *args: object, **options: object) -> None:
        report = reminders_sweep()
        summary = (
            f"{report.found} reminders due, {report.delivered} delivered "
            f"to {report.recipients} recipients, {report.emails_sent} e-mails sent."
        )
        if report.emails_failed:
            raise CommandError(
                f"{summary} {report.emails_failed} e-mails did not go out; the reminders are "
                "in the inboxes and the e-mails in the outbox (Django admin)."
            )
        self.stdout.write(self.style.SUCCESS(summary))
