"""The four roles of the portal; each is a group of the same name."""

from django.db import models
from django.db.models import Subquery
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

# The name under which accounts.backends loads the role together with the user.
ROLE_ANNOTATION = "role_name"


def role_expression(user_ref: str = "pk") -> Subquery:
    """The name of the user's first role (by precedence), or NULL, as a subquery."""
    from django.contrib.auth.models import Group
    from django.db.models import Case, IntegerField, OuterRef, Value, When

    precedence = Case(
        *(When(name=role.value, then=Value(rank)) for rank, role in enumerate(ROLE_PRECEDENCE)),
        output_field=IntegerField(),
    )
    return Subquery(
        Group.objects.filter(user=OuterRef(user_ref), name__in=Role.values)
        .order_by(precedence)
        .values("name")[:1]
    )


# The functional administrator manages accounts, organisations and reference data.
ADMINISTRATOR_PERMISSION_APPS = ["directory", "accounts", "reminders", "liaison"]
ADMINISTRATOR_EXTRA_PERMISSIONS = ["auditlog.view_logentry", "auth.view_group"]
# Reminders and inbox entries name classified dossiers: not for the uncleared administrator.
ADMINISTRATOR_EXCLUDED_MODELS = ["reminder", "notification"]


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
    excluded = Q(
        content_type__app_label__in=ADMINISTRATOR_PERMISSION_APPS,
        content_type__model__in=ADMINISTRATOR_EXCLUDED_MODELS,
    )
    permissions = Permission.objects.filter(
        Q(content_type__app_label__in=ADMINISTRATOR_PERMISSION_APPS) | extra
    )
    administrators = Group.objects.get(name=Role.ADMINISTRATOR)
    administrators.permissions.add(*permissions.exclude(excluded))
    # Taken back from databases where an earlier version gave them.
    administrators.permissions.remove(*Permission.objects.filter(excluded))
