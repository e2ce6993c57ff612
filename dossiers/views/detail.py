"""What the dossier page shows, also used to refresh its parts."""

from django.http import HttpRequest
from django.utils import timezone

from dossiers import services
from dossiers.access import can_edit, visible_dossiers
from dossiers.forms import (
    AttachmentForm,
    GrantForm,
    LinkForm,
    OpinionForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.history import dossier_history
from dossiers.models import Dossier


def detail_context(request: HttpRequest, dossier: Dossier) -> dict[str, object]:
    editable = can_edit(request.user)
    visible = visible_dossiers(request.user)
    details = dossier_details(dossier)
    context: dict[str, object] = {
        "dossier": dossier,
        "details": details,
        "opinions": details.opinions.select_related("body")
        if dossier.kind == Dossier.Kind.ACCESS_REQUEST and details
        else None,
        "partners": dossier.partners.all(),
        "timeline": dossier.timeline.select_related("organisation", "author"),
        "tasks": dossier.tasks.select_related("assignee"),
        "attachments": dossier.attachments.all(),
        "links": dossier.links.filter(target__in=visible).select_related("target"),
        "backlinks": dossier.backlinks.filter(source__in=visible).select_related("source"),
        "can_edit": editable,
        "today": timezone.localdate(),
    }
    if editable:
        context.update(
            timeline_form=TimelineEntryForm(initial={"occurred_on": timezone.localdate()}),
            task_form=TaskForm(),
            attachment_form=AttachmentForm(),
            link_form=LinkForm(),
            opinion_form=OpinionForm(),
            grant_form=GrantForm(),
            user_grants=dossier.user_grants.select_related("user", "granted_by"),
            group_grants=dossier.group_grants.select_related(
                "group__organisation_link__organisation", "granted_by"
            ),
            history=dossier_history(dossier)[:50],
        )
    return context


def dossier_details(dossier: Dossier) -> object | None:
    """The kind-specific details of the dossier, if its kind has any."""
    detail_model = services.KIND_DETAILS.get(dossier.kind)
    if detail_model is None:
        return None
    return detail_model.objects.filter(dossier=dossier).first()
