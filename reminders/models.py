import datetime
import uuid

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """One reminder to one person about one deadline, recorded before it is sent.

    The unique key (object, kind, deadline, lead time, recipient) is what makes a second or
    concurrent sweep harmless. ``title`` is kept only for items that were neither
    classified nor restricted when recorded; messages show it only when the recipient
    may still see the item (see ``reminders.sweep``).
    """

    class Kind(models.TextChoices):
        DOSSIER_DEADLINE = "dossier_deadline", _("Dossier deadline")
        TASK_DUE = "task_due", _("Task due date")
        PROTOCOL_REVIEW = "protocol_review", _("Protocol agreement review")
        PROTOCOL_END = "protocol_end", _("Protocol agreement end")
        CLEARANCE_EXPIRY = "clearance_expiry", _("Security clearance expiry")
        APPOINTMENT_END = "appointment_end", _("End of a security officer appointment")
        GRANT_REVOKED = "grant_revoked", _("Need-to-know grant revoked")
        ACTION_ITEM = "action_item", _("Action item of a meeting due")
        DECLASSIFICATION_REVIEW = "declassification_review", _("Declassification review")
        INFORMATION_REQUEST_DUE = "information_request_due", _("Information request due")
        QUESTION_ANSWER_DUE = "question_answer_due", _("Answer to a parliamentary question due")
        COMMITMENT_DUE = "commitment_due", _("Committee commitment due")
        DOSSIER_SHARED = "dossier_shared", _("Dossier shared with you")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # No index of their own on the type and the recipient: the unique key's index leads
    # with the type, and one on the recipient tempted PostgreSQL, while a sweep grows
    # the table faster than its statistics, to probe "recorded yet?" by reading all of
    # a security officer's reminders for each clearance (300 s instead of 1 s).
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("type of item"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    object_id = models.PositiveBigIntegerField(_("item id"))
    item = GenericForeignKey("content_type", "object_id")
    due_on = models.DateField(_("deadline"))
    lead = models.CharField(_("lead time"), max_length=30)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,
    )
    # The dossier the item belongs to, by id only: ``reminders`` knows no domain app. It
    # ties the audit entries to the dossier and lets the dossiers app say whether a
    # reader may see the title (``reminders.registry``).
    dossier_id = models.PositiveBigIntegerField(_("dossier"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=200)
    title = models.CharField(_("title"), max_length=250, blank=True)
    party = models.CharField(_("concerns"), max_length=200, blank=True)
    url = models.CharField(_("link"), max_length=300)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "due_on", "lead", "recipient"],
                name="reminder_once_per_kind_deadline_lead_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.get_kind_display()} · {self.due_on:%Y-%m-%d}"

    def get_additional_data(self) -> dict[str, int]:
        """Ties its audit entries to the dossier, so they show only to who may see it."""
        return {"dossier": self.dossier_id} if self.dossier_id else {}

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class ReminderLeadTime(models.Model):
    """How long before (or after) a date a reminder goes out; the administrator edits these."""

    class Unit(models.TextChoices):
        DAYS_BEFORE = "days_before", _("days before")
        MONTHS_BEFORE = "months_before", _("months before")
        DAYS_AFTER = "days_after", _("days after")

    subject = models.CharField(
        _("reminds of"),
        max_length=30,
        choices=[
            (value, label)
            for value, label in Reminder.Kind.choices
            if value not in (Reminder.Kind.GRANT_REVOKED, Reminder.Kind.DOSSIER_SHARED)
        ],
    )
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)

    class Meta:
        verbose_name = _("reminder lead time")
        verbose_name_plural = _("reminder lead times")
        ordering = ["subject", "unit", "-amount"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "amount", "unit"], name="reminder_lead_time_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.amount} {self.get_unit_display()}"

    @property
    def code(self) -> str:
        """The lead time as recorded in a reminder's key, e.g. ``days_before:14``."""
        return f"{self.unit}:{self.amount}"

    def reminds_on(self, due_on: datetime.date) -> datetime.date:
        if self.unit == self.Unit.MONTHS_BEFORE:
            return due_on - relativedelta(months=self.amount)
        if self.unit == self.Unit.DAYS_AFTER:
            return due_on + datetime.timedelta(days=self.amount)
        return due_on - datetime.timedelta(days=self.amount)

    def latest_due_on(self, today: datetime.date) -> datetime.date:
        """No deadline later than this has reached this lead time by ``today``.

        A few days of margin for months, whose lengths differ; the exact test is
        ``reminds_on``.
        """
        if self.unit == self.Unit.MONTHS_BEFORE:
            return today + relativedelta(months=self.amount, days=3)
        if self.unit == self.Unit.DAYS_AFTER:
            return today - datetime.timedelta(days=self.amount)
        return today + datetime.timedelta(days=self.amount)


# Unread notifications sort before read ones (descending), in the inbox and its index.
UNREAD_FIRST = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())


class Notification(models.Model):
    """An entry of a user's in-app inbox."""

    # Indexed by the inbox's indexes below, which lead with the recipient.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    reminder = models.OneToOneField(
        Reminder,
        verbose_name=_("reminder"),
        on_delete=models.CASCADE,
        related_name="notification",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The inbox's order: unread first, then newest first (reminders.views). Also
            # the badge's count and "mark all read": "read_at IS NULL" is its second column.
            models.Index(
                F("recipient"),
                UNREAD_FIRST.desc(),
                F("created_at").desc(),
                F("id").desc(),
                name="notification_inbox_order_idx",
            ),
            # The inbox sorted by when its entries came (``reminders.tables``).
            models.Index(
                F("recipient"), F("created_at").desc(), F("id").desc(), name="notification_time_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reminder} → {self.recipient_id}"

    def get_additional_data(self) -> dict[str, int]:
        return self.reminder.get_additional_data()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboxEmail(models.Model):
    """One e-mail to one address, committed with what it tells before anyone sends it.

    A worker claims the row (``sending``, committed) before it talks to the relay and
    marks it ``sent`` after. A row still ``sending`` after the task's hard time limit
    was being sent when its process died: whether it left is unknown, so it becomes
    ``uncertain`` and waits for the administrator instead of going out twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNCERTAIN = "uncertain", _("Uncertain: maybe sent")

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    # None for a contact without an account (a body's member sent an agenda).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_emails",
    )
    to = models.EmailField(_("address"))
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["status"],
                condition=Q(status__in=["pending", "sending"]),
                name="outbox_email_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def message_id(self) -> str:
        """The same on every attempt, so that a relay or a mailbox can recognise a repeat."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
        return f"<{self.key}@{domain}>"
