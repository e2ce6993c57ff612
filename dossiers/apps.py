from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Dossiers")

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from auditlog.registry import auditlog
        from django.db.models.signals import pre_save

        from dossiers import models
        from dossiers.audit import on_log_entry_save

        for model in (
            models.Dossier,
            models.AccessRequest,
            models.Opinion,
            models.ProtocolAgreement,
            models.PilotProject,
            models.Activity,
            models.InformationRequest,
            models.ParliamentaryFollowUp,
            models.ParliamentaryQuestion,
            models.CommitteeCommitment,
            models.TimelineEntry,
            models.Task,
            models.Attachment,
            models.DossierLink,
            models.DossierUserGrant,
            models.DossierGroupGrant,
            models.OrganisationGroup,
        ):
            auditlog.register(model, m2m_fields=m2m_field_names(model))
        # What a kept report says may be classified up to its ceiling: the trail keeps
        # who kept which period at which level, not the text.
        auditlog.register(
            models.CommitteeReport,
            exclude_fields=["content", "introduction", "closing", "section_texts"],
        )
        pre_save.connect(on_log_entry_save, sender=LogEntry, dispatch_uid="audit_mask_content")
        register_reminders()
        register_user_groups()


def register_reminders() -> None:
    """Deadlines, tasks and agreements fall due; a title is named only to who may read it."""
    from dossiers import procedure_reminders, reminders
    from reminders.registry import register_nameable_check, register_source

    register_source(
        "dossiers",
        falling_due=reminders.falling_due,
        calendar_deadlines=reminders.calendar_deadlines,
    )
    register_source(
        "procedures",
        falling_due=procedure_reminders.falling_due,
        calendar_deadlines=procedure_reminders.calendar_deadlines,
    )
    register_nameable_check(reminders.nameable_dossier_ids, reminders.nameable_dossier_pairs)


def register_user_groups() -> None:
    """The user's group ids come with him on every request, for the access filter."""
    from accounts.backends import register_user_annotation
    from dossiers.access import GROUPS_ANNOTATION, access_group_ids_expression

    register_user_annotation(GROUPS_ANNOTATION, access_group_ids_expression)


def m2m_field_names(model: type) -> set[str]:
    return {field.name for field in model._meta.many_to_many}
