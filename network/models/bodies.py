"""A consultation body or network, backed by a dossier that carries its marking."""

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation, Person
from dossiers.models import Dossier


class Body(models.Model):
    """A platform, network or working group. ``str()`` is its dossier's reference.

    Its name (the dossier's title), summary, workstream, classification, restricted
    distribution, owner and need-to-know grants are those of its dossier, so the one
    access rule (``dossiers.access``) decides who sees it.
    """

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("Platform")
        WORKING_GROUP = "working_group", _("Working group")
        INFORMATION_OFFICERS = "information_officers", _("Network of information officers")
        CRISIS_CELL = "crisis_cell", _("Crisis cell")
        DIGITAL_NETWORK = "digital_network", _("Digital network")
        KNOWLEDGE_NETWORK = "knowledge_network", _("Knowledge-sharing network")

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="body"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    chair = models.ForeignKey(
        Person,
        verbose_name=_("chair"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_bodies",
    )
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("secretariat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="secretariats",
    )

    class Meta:
        verbose_name = _("consultation body")
        verbose_name_plural = _("consultation bodies")
        ordering = ["dossier__title", "pk"]

    def __str__(self) -> str:
        return self.dossier.reference

    def get_absolute_url(self) -> str:
        return reverse("network:body_detail", args=[self.pk])

    def get_additional_data(self) -> dict[str, int]:
        """Ties audit entries to the dossier, so its history can show them."""
        return {"dossier": self.dossier_id}


class Membership(models.Model):
    """A person or an organisation taking part in a body for a while."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    starts_on = models.DateField(_("member since"), default=datetime.date.today)
    ends_on = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organisation__isnull=True)
                | Q(person__isnull=True, organisation__isnull=False),
                name="membership_person_or_organisation",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        # Who sits in a classified body is part of it: the audit log keeps ids only.
        return f"membership {self.pk} of body {self.body_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.body.dossier_id}

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
