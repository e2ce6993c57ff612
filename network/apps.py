from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from network import models

        auditlog.register(models.Body)
        auditlog.register(models.Membership)
        # The meeting's text is as classified as the meeting: the trail keeps who
        # changed it and when, not the words (str() is the reference).
        auditlog.register(models.Meeting, exclude_fields=["minutes"], m2m_fields={"discussed"})
        auditlog.register(models.AgendaItem, exclude_fields=["title"])
        auditlog.register(models.Decision, exclude_fields=["text"])
        auditlog.register(models.ActionItem, exclude_fields=["title"])
        auditlog.register(models.Attendance)
        register_with_lower_apps()


def register_with_lower_apps() -> None:
    """Action items fall due; decisions show in the timelines of the dossiers discussed."""
    from dossiers.timelines import register_timeline_source
    from network import reminders, timelines
    from reminders.registry import register_source

    register_source(
        "network",
        falling_due=reminders.falling_due,
        calendar_deadlines=reminders.calendar_deadlines,
    )
    register_timeline_source(timelines.decisions_in_timeline)
