"""Need-to-know grants (guardian's object permissions) and the organisations' groups."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.dates import is_active_on
from directory.models import Organisation
from dossiers.models.dossier import Dossier


class GrantFields(models.Model):
    """What every need-to-know grant records beside guardian's permission."""

    reason = models.CharField(_("reason"), max_length=250)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("After this day the grant no longer counts."),
    )

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return is_active_on(day, ends_on=self.ends_on)


class DossierUserGrant(UserObjectPermissionBase, GrantFields):
    """Need-to-know of one user on one dossier (guardian's direct foreign-key model)."""

    content_object = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="user_grants"
    )

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("need-to-know grant to a person")
        verbose_name_plural = _("need-to-know grants to people")
        indexes = [
            models.Index(fields=["user", "content_object"], name="user_grant_lookup_idx"),
            # A user's grants, newest first (dossiers.access.recently_shared).
            models.Index(fields=["user", "-granted_at"], name="user_grant_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_object_id} → {self.user_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.content_object_id}


class DossierGroupGrant(GroupObjectPermissionBase, GrantFields):
    """Need-to-know of a group (such as an organisation's group) on one dossier."""

    content_object = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="group_grants"
    )

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("need-to-know grant to a group")
        verbose_name_plural = _("need-to-know grants to groups")
        indexes = [
            models.Index(fields=["group", "content_object"], name="group_grant_lookup_idx"),
            models.Index(fields=["group", "-granted_at"], name="group_grant_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_object_id} → {self.group_id}"

    def get_additional_data(self) -> dict[str, int]:
        return {"dossier": self.content_object_id}


class OrganisationGroup(models.Model):
    """The group through which a dossier is shared with everybody of an organisation."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="sharing_group",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="organisation_link"
    )

    class Meta:
        verbose_name = _("organisation group")
        verbose_name_plural = _("organisation groups")

    def __str__(self) -> str:
        return str(self.organisation)
