import secrets
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.roles import ROLE_ANNOTATION, ROLE_PRECEDENCE, Role
from directory.models import Organisation


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
        return permissions.is_liaison_officer(self)

    @property
    def is_security_officer(self) -> bool:
        return permissions.is_security_officer(self)

    @property
    def is_cabinet_staff(self) -> bool:
        return permissions.is_cabinet_staff(self)


class CredentialReset(models.Model):
    """A reset of a guarded account's password or second factor, asked by one administrator.

    A guarded account (the liaison officer, or anyone with a clearance on record) is
    never reset by one administrator alone: a second administrator confirms, and the
    account's owner is told at each step. See ``accounts.services``.
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
