"""What the dossier page shows, also used to refresh its parts."""

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from common.forms import share_choices
from dossiers import services
from dossiers.access import can_edit, visible_dossiers
from dossiers.forms import (
    AttachmentForm,
    LinkForm,
    OpinionForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.models import Dossier, DossierLink


def detail_context(request: HttpRequest, dossier: Dossier) -> dict[str, object]:
    """What every reader of the dossier sees, plus the editing forms for the officer.

    The officer's management panels (need-to-know and history) load on their own
    (``grants_panel``, ``history_panel``), which keeps this page to a fixed, small
    number of queries.
    """
    editable = can_edit(request.user)
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
        "links": linked_dossiers(request, dossier),
        "can_edit": editable,
        "today": timezone.localdate(),
    }
    if editable:
        context.update(editing_forms(dossier))
    return context


def editing_forms(dossier: Dossier) -> dict[str, object]:
    """The forms of the page, sharing one list of organisations and one of people."""
    forms = {
        "timeline_form": TimelineEntryForm(initial={"occurred_on": timezone.localdate()}),
        "task_form": TaskForm(dossier=dossier),
        "attachment_form": AttachmentForm(),
        "link_form": LinkForm(),
        "opinion_form": OpinionForm(),
    }
    share_choices([(forms["timeline_form"], "organisation"), (forms["opinion_form"], "body")])
    return forms


def linked_dossiers(request: HttpRequest, dossier: Dossier) -> list[tuple[Dossier, str]]:
    """The other end of each link from or to this dossier, when the user may see it."""
    visible = visible_dossiers(request.user)
    # The other end asked by key (EXISTS), not every visible dossier built first.
    links = DossierLink.objects.filter(
        (Q(source=dossier) & Exists(visible.filter(pk=OuterRef("target"))))
        | (Q(target=dossier) & Exists(visible.filter(pk=OuterRef("source"))))
    ).select_related("source", "target")
    return [
        (link.target if link.source_id == dossier.pk else link.source, link.note) for link in links
    ]


def dossier_details(dossier: Dossier) -> object | None:
    """The kind-specific details of the dossier, if its kind has any."""
    detail_model = services.KIND_DETAILS.get(dossier.kind)
    if detail_model is None:
        return None
    return detail_model.objects.filter(dossier=dossier).first()
