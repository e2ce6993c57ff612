"""The four roles of the portal; each is a group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    SECURITY_OFFICER = "security_officer", _("Security officer")
    CABINET_STAFF = "cabinet_staff", _("Cabinet staff")
    ADMINISTRATOR = "administrator", _("Administrator")


# When a user holds several roles, the first one here is the one the portal shows.
ROLE_PRECEDENCE = [
    Role.LIAISON_OFFICER,
    Role.SECURITY_OFFICER,
    Role.CABINET_STAFF,
    Role.ADMINISTRATOR,
]

# The functional administrator manages accounts, organisations and reference data.
ADMINISTRATOR_PERMISSION_APPS = ["liaison"]
ADMINISTRATOR_EXTRA_PERMISSIONS = ["auditlog.view_logentry", "auth.view_group"]


def sync_role_groups(**kwargs: object) -> None:
    """Create the role groups and give the administrator its model permissions.

    Connected to ``post_migrate`` so that every database, the test database
    included, has the groups; running it again changes nothing.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for role in Role:
        Group.objects.get_or_create(name=role.value)
    extra = Q()
    for dotted in ADMINISTRATOR_EXTRA_PERMISSIONS:
        app_label, codename = dotted.split(".")
        extra |= Q(content_type__app_label=app_label, codename=codename)
    permissions = Permission.objects.filter(
        Q(content_type__app_label__in=ADMINISTRATOR_PERMISSION_APPS) | extra
    )
    Group.objects.get(name=Role.ADMINISTRATOR).permissions.add(*permissions)
