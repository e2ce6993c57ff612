import datetime
import secrets
import uuid
from functools import cached_property

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from liaison.roles import ROLE_ANNOTATION, ROLE_PRECEDENCE, Role


class PolicyDomain(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("policy domain")
        verbose_name_plural = _("policy domains")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Flemish department")
        AGENCY = "agency", _("Flemish agency")
        CABINET = "cabinet", _("Ministerial cabinet")
        FEDERAL_PARTNER = "federal_partner", _("Federal partner")
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE_ZONE = "police_zone", _("Local police zone")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("abbreviation"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    policy_domain = models.ForeignKey(
        PolicyDomain,
        verbose_name=_("policy domain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    handles_classified = models.BooleanField(
        _("handles classified information"),
        default=False,
        help_text=_("Such an organisation needs a security officer."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name


def new_session_salt() -> str:
    return secrets.token_hex(16)


def new_calendar_token() -> str:
    """The secret part of a personal calendar feed address."""
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("nl", "Nederlands"), ("fr", "Français"), ("en", "English")],
        default="nl",
    )
    email_reminders = models.BooleanField(
        _("reminders by e-mail"),
        default=True,
        help_text=_("A daily digest of what falls due; the inbox receives them in any case."),
    )
    calendar_token = models.CharField(
        _("calendar feed token"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
    )

    session_salt = models.CharField(
        _("session key"),
        max_length=32,
        default=new_session_salt,
        editable=False,
        help_text=_("Part of every session's signature: replacing it ends all sessions."),
    )

    REQUIRED_FIELDS = ["email", "organisation"]

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @cached_property
    def role(self) -> Role | None:
        """The user's role, read once per request from the groups.

        The authentication backend loads it with the user (``ROLE_ANNOTATION``).
        """
        if ROLE_ANNOTATION in self.__dict__:
            name = self.__dict__[ROLE_ANNOTATION]
            return None if name is None else Role(name)
        names = {group.name for group in self.groups.all()}
        return next((role for role in ROLE_PRECEDENCE if role.value in names), None)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django signs each session with the password hash; ours adds the session salt,
        so "log out everywhere" can end every session without changing the password."""
        return salted_hmac(
            "liaison.User.session_auth_hash",
            f"{self.password}{self.session_salt}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def reset_calendar_token(self) -> None:
        """A new feed address; the old one answers 404 from now on."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])

    @property
    def is_liaison_officer(self) -> bool:
        return self.role == Role.LIAISON_OFFICER

    @property
    def is_security_officer(self) -> bool:
        return self.role == Role.SECURITY_OFFICER

    @property
    def is_cabinet_staff(self) -> bool:
        return self.role == Role.CABINET_STAFF


class Person(models.Model):
    """Somebody the portal tracks: a portal user, or a contact without an account."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    function = models.CharField(_("function"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["organisation", "last_name"], name="person_org_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Reminder(models.Model):
    """One reminder to one person about one deadline, recorded before it is sent.

    The unique key (object, deadline, lead time, recipient) is what makes a second or
    concurrent sweep harmless. ``title`` is kept only for items that were neither
    classified nor restricted when recorded; messages show it only when the recipient
    may still see the item (see ``liaison.reminders``).
    """

    class Kind(models.TextChoices):
        DOSSIER_DEADLINE = "dossier_deadline", _("Dossier deadline")
        TASK_DUE = "task_due", _("Task due date")
        PROTOCOL_REVIEW = "protocol_review", _("Protocol agreement review")
        PROTOCOL_END = "protocol_end", _("Protocol agreement end")
        CLEARANCE_EXPIRY = "clearance_expiry", _("Security clearance expiry")
        APPOINTMENT_END = "appointment_end", _("End of a security officer appointment")
        GRANT_REVOKED = "grant_revoked", _("Need-to-know grant revoked")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of item"), on_delete=models.CASCADE, related_name="+"
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
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
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
                fields=["content_type", "object_id", "due_on", "lead", "recipient"],
                name="reminder_once_per_deadline_lead_recipient",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(sent_at__isnull=True), name="reminder_pending_idx"
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
            if value != Reminder.Kind.GRANT_REVOKED
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


class Notification(models.Model):
    """An entry of a user's in-app inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
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
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.reminder} → {self.recipient_id}"

    def get_additional_data(self) -> dict[str, int]:
        return self.reminder.get_additional_data()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class CredentialReset(models.Model):
    """A reset of a guarded account's password or second factor, asked by one administrator.

    A guarded account (the liaison officer, or anyone with a clearance on record) is
    never reset by one administrator alone: a second administrator confirms, and the
    account's owner is told at each step. See ``liaison.services``.
    """

    class Kind(models.TextChoices):
        PASSWORD = "password", _("Password")
        TWO_FACTOR = "two_factor", _("Two-factor log-in")

    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="credential_resets",
    )
    kind = models.CharField(_("what is reset"), max_length=20, choices=Kind.choices)
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        User,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("carried out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("credential reset")
        verbose_name_plural = _("credential resets")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("requested_by")),
                name="credential_reset_confirmed_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


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
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
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


class WorkerHeartbeat(models.Model):
    """When a Celery worker last completed the periodic heartbeat task (a single row)."""

    completed_at = models.DateTimeField(_("completed at"))
    worker = models.CharField(_("worker"), max_length=255)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker} {self.completed_at:%Y-%m-%d %H:%M:%S}"
