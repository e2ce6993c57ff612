"""What the dossier page shows, also used to refresh its parts."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from common.forms import share_choices
from directory.pickers import lists_all_choices
from dossiers import services
from dossiers.access import can_edit, reaches_level, visible_dossiers, visible_reports
from dossiers.forms import (
    AttachmentForm,
    CommitteeCommitmentForm,
    LinkForm,
    OpinionForm,
    ParliamentaryQuestionForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.models import Dossier, DossierLink
from dossiers.timelines import linked_entries
from dossiers.views.corrections import undo_available


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
        "partners": dossier.partners.all(),
        "timeline": dossier.timeline.select_related("organisation", "author"),
        "linked_entries": linked_entries(request.user, dossier),
        "tasks": dossier.tasks.select_related("assignee"),
        "attachments": dossier.attachments.all(),
        "links": linked_dossiers(request, dossier),
        "can_edit": editable,
        "today": timezone.localdate(),
        **kind_context(request, dossier, details),
        "undo_available": editable and undo_available(request, dossier),
        "all_choices_listed": lists_all_choices(request),
    }
    if editable:
        context.update(editing_forms(request, dossier))
    return context


def kind_context(request: HttpRequest, dossier: Dossier, details: object) -> dict[str, object]:
    """What the page shows of a procedure beside its details' fields."""
    kind = dossier.kind
    if kind == Dossier.Kind.ACCESS_REQUEST and details:
        visible = visible_dossiers(request.user).filter(pk=details.resulting_dossier_id)
        return {
            "opinions": details.opinions.select_related("body"),
            "resulting_dossier": visible.first() if details.resulting_dossier_id else None,
        }
    if kind == Dossier.Kind.INFORMATION_REQUEST and details:
        return {"answer_readable": reaches_level(request.user, details.answer_classification)}
    if kind == Dossier.Kind.PARLIAMENTARY_FOLLOW_UP:
        commitments = dossier.commitments.select_related("answered_in")
        # The report is linked only for who may open it; its date shows to every reader.
        openable = visible_reports(request.user).filter(commitments__dossier=dossier)
        return {
            "questions": dossier.parliamentary_questions.all(),
            "commitments": commitments,
            "openable_report_ids": set(openable.values_list("pk", flat=True)),
        }
    if kind == Dossier.Kind.PROTOCOL_AGREEMENT and details:
        return {"dpo_attachments": dossier.attachments.filter(pk__in=dpo_attachment_ids(details))}
    return {}


def dpo_attachment_ids(agreement: object) -> list[int]:
    ids = (agreement.flemish_dpo_attachment_id, agreement.federal_dpo_attachment_id)
    return [pk for pk in ids if pk]


def editing_forms(request: HttpRequest, dossier: Dossier) -> dict[str, object]:
    """The forms of the page. Their pickers of people and organisations hold only the
    chosen option, unless the page is asked to list them all (then from one list of
    organisations)."""
    all_choices = lists_all_choices(request)
    forms = {
        "question_form": ParliamentaryQuestionForm(),
        "commitment_form": CommitteeCommitmentForm(reports=visible_reports(request.user)),
        "timeline_form": TimelineEntryForm(
            initial={"occurred_on": timezone.localdate()}, all_choices=all_choices
        ),
        "task_form": TaskForm(dossier=dossier, all_choices=all_choices),
        "attachment_form": AttachmentForm(),
        "link_form": LinkForm(),
        "opinion_form": OpinionForm(all_choices=all_choices),
    }
    if all_choices:
        share_choices([(forms["timeline_form"], "organisation"), (forms["opinion_form"], "body")])
    return forms


def linked_dossiers(request: HttpRequest, dossier: Dossier) -> list[tuple[Dossier, str, int]]:
    """The other end of each link from or to this dossier, when the user may see it.

    The links are read first, by the dossier's key: half of the dossiers have none, and
    their page then asks nothing more. The rule is then asked of the other ends alone,
    by their keys (not of every visible dossier first).
    """
    links = DossierLink.objects.filter(Q(source=dossier) | Q(target=dossier))
    ends = [
        (target if source == dossier.pk else source, note, pk)
        for pk, source, target, note in links.values_list("pk", "source", "target", "note")
    ]
    if not ends:
        return []
    visible = visible_dossiers(request.user).in_bulk([other for other, _note, _pk in ends])
    return [(visible[other], note, pk) for other, note, pk in ends if other in visible]


def dossier_details(dossier: Dossier) -> object | None:
    """The kind-specific details of the dossier, if its kind has any."""
    detail_model = services.KIND_DETAILS.get(dossier.kind)
    if detail_model is None:
        return None
    return detail_model.objects.filter(dossier=dossier).first()
