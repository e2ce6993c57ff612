"""Organisations, policy domains and people: the base every other app points at."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        CRISIS_CENTRE = "crisis_centre", _("Flemish crisis centre")
        FEDERAL_SERVICE = "federal_service", _("Federal public service (ministry)")

    # The Dutch name and abbreviation are the official ones of the Flemish Government;
    # the French ones are shown to French-speaking users, Dutch when there is none.
    name = models.CharField(_("official name in Dutch"), max_length=200, unique=True)
    short_name = models.CharField(_("abbreviation in Dutch"), max_length=30, unique=True)
    name_fr = models.CharField(_("official name in French"), max_length=200, blank=True)
    short_name_fr = models.CharField(_("abbreviation in French"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    policy_domain = models.ForeignKey(
        PolicyDomain,
        verbose_name=_("policy domain"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
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

    def name_in(self, language: str | None) -> str:
        """The official name in the language (``fr``, ``fr-be`` …), Dutch otherwise."""
        return self.name_fr if is_french(language) and self.name_fr else self.name

    def abbreviation_in(self, language: str | None) -> str:
        return self.short_name_fr if is_french(language) and self.short_name_fr else self.short_name


def is_french(language: str | None) -> bool:
    return bool(language) and language.split("-")[0].lower() == "fr"


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
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))],
        default="nl",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
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
        indexes = [
            models.Index(fields=["organisation", "last_name"], name="person_org_name_idx"),
            # An organisation's people as ids alone, read from the index (a security
            # officer's clearances are those of the people of his organisation).
            models.Index(fields=["organisation", "id"], name="person_org_id_idx"),
            # The clearance list's order starts with the person's name.
            models.Index(fields=["last_name", "first_name", "id"], name="person_name_order_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
