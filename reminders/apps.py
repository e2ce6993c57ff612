from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accounts.mail import register_email_sender
        from reminders.models import Notification, OutboxEmail, Reminder, ReminderLeadTime
        from reminders.services import outbox_add

        auditlog.register(ReminderLeadTime)
        # Reminders hold no title of a confidential item; their str() is the reference.
        auditlog.register(Reminder, exclude_fields=["title"])
        auditlog.register(Notification)
        # Only the administrator's resend is saved one by one, hence logged; no content.
        auditlog.register(OutboxEmail, include_fields=["status", "attempts"])
        # Account notices (credential resets) leave through the outbox like every e-mail.
        register_email_sender(outbox_add)
