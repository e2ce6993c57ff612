"""Correcting and removing what a dossier holds, with a confirmation and a short undo.

Every view passes the read gate as a write (the owner or the liaison officer only);
a part of another dossier, or one the user cannot see, is absent (404).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from common.versions import EditConflict
from dossiers import corrections
from dossiers.access import visible_dossiers, visible_reports
from dossiers.forms import (
    AttachmentDetailsForm,
    CommitteeCommitmentForm,
    LinkNoteForm,
    OpinionForm,
    ParliamentaryQuestionForm,
    TaskForm,
    TimelineEntryForm,
)
from dossiers.models import Dossier, DossierLink, Opinion
from dossiers.views.common import dossier_view

UNDO_KEY = "dossier_undo"


@dataclass(frozen=True)
class PartKind:
    """One kind of part: where its rows are, its anchor on the page, and its words (whole
    sentences, so that each language can phrase them)."""

    rows: Callable[[Dossier, User], QuerySet]
    anchor: str
    section: str
    name: str
    saved: str
    deleted: str
    question: str
    form: type[forms.ModelForm] | None = None
    form_kwargs: Callable[[Dossier, User], dict] = field(default=lambda dossier, user: {})


def linked_rows(dossier: Dossier, user: User) -> QuerySet[DossierLink]:
    """Links from or to the dossier whose other end the user may see."""
    visible = visible_dossiers(user).values("pk")
    return DossierLink.objects.filter(
        Q(source=dossier, target__in=visible) | Q(target=dossier, source__in=visible)
    )


PARTS = {
    "timeline": PartKind(
        rows=lambda dossier, user: dossier.timeline.all(),
        anchor="entry",
        section="timeline",
        name=gettext_lazy("timeline entry"),
        saved=gettext_lazy("The timeline entry was saved."),
        deleted=gettext_lazy("The timeline entry was deleted."),
        question=gettext_lazy("Delete this timeline entry?"),
        form=TimelineEntryForm,
    ),
    "task": PartKind(
        rows=lambda dossier, user: dossier.tasks.all(),
        anchor="task",
        section="tasks",
        name=gettext_lazy("task"),
        saved=gettext_lazy("The task was saved."),
        deleted=gettext_lazy("The task was deleted."),
        question=gettext_lazy("Delete this task?"),
        form=TaskForm,
        form_kwargs=lambda dossier, user: {"dossier": dossier},
    ),
    "opinion": PartKind(
        rows=lambda dossier, user: Opinion.objects.filter(access_request__dossier=dossier),
        anchor="opinion",
        section="details",
        name=gettext_lazy("opinion"),
        saved=gettext_lazy("The opinion was saved."),
        deleted=gettext_lazy("The opinion was deleted."),
        question=gettext_lazy("Delete this opinion?"),
        form=OpinionForm,
    ),
    "question": PartKind(
        rows=lambda dossier, user: dossier.parliamentary_questions.all(),
        anchor="question",
        section="questions",
        name=gettext_lazy("parliamentary question"),
        saved=gettext_lazy("The question was saved."),
        deleted=gettext_lazy("The question was deleted."),
        question=gettext_lazy("Delete this question?"),
        form=ParliamentaryQuestionForm,
    ),
    "commitment": PartKind(
        rows=lambda dossier, user: dossier.commitments.all(),
        anchor="commitment",
        section="commitments",
        name=gettext_lazy("committee commitment"),
        saved=gettext_lazy("The commitment was saved."),
        deleted=gettext_lazy("The commitment was deleted."),
        question=gettext_lazy("Delete this commitment?"),
        form=CommitteeCommitmentForm,
        # Only the kept reports the user may open can be named as where it was answered.
        form_kwargs=lambda dossier, user: {"reports": visible_reports(user)},
    ),
    "attachment": PartKind(
        rows=lambda dossier, user: dossier.attachments.all(),
        anchor="attachment",
        section="attachments",
        name=gettext_lazy("attachment"),
        saved=gettext_lazy("The file's details were saved."),
        deleted=gettext_lazy("The file was deleted."),
        question=gettext_lazy("Delete this file?"),
        form=AttachmentDetailsForm,
    ),
    "link": PartKind(
        rows=linked_rows,
        anchor="link",
        section="links",
        name=gettext_lazy("link"),
        saved=gettext_lazy("The note of the link was saved."),
        deleted=gettext_lazy("The link was removed."),
        question=gettext_lazy("Remove this link between the dossiers?"),
        form=LinkNoteForm,
    ),
}


def to_item(dossier: Dossier, fragment: str) -> HttpResponseRedirect:
    """Back to the dossier page, at the item (or section), where focus lands."""
    return HttpResponseRedirect(f"{dossier.get_absolute_url()}#{fragment}")


def part_edit(request: HttpRequest, dossier: Dossier, part_name: str, item_pk: int) -> HttpResponse:
    kind = PARTS[part_name]
    part = get_object_or_404(kind.rows(dossier, request.user), pk=item_pk)
    form = kind.form(request.POST or None, instance=part, **kind.form_kwargs(dossier, request.user))
    if request.method == "POST" and form.is_valid():
        try:
            corrections.part_update(part=part, **form.cleaned_data)
        except EditConflict as conflict:
            form.refuse_stale_edit(conflict.current)
        else:
            messages.success(request, kind.saved)
            return to_item(dossier, f"{kind.anchor}-{part.pk}")
    heading = _("Edit %(part)s") % {"part": kind.name}
    context = {"dossier": dossier, "form": form, "kind": kind, "part": part, "heading": heading}
    status = 422 if request.method == "POST" else 200
    return render(request, "dossiers/part_form.html", context, status=status)


def part_delete(
    request: HttpRequest, dossier: Dossier, part_name: str, item_pk: int
) -> HttpResponse:
    """A confirmation page, then the removal, with an undo for a few minutes."""
    kind = PARTS[part_name]
    part = get_object_or_404(kind.rows(dossier, request.user), pk=item_pk)
    if request.method == "GET":
        return render(
            request,
            "common/confirm.html",
            {
                "dossier": dossier,
                "title": kind.question,
                "item": part_summary(part),
                "consequence": _("You can undo this for %(minutes)d minutes.")
                % {"minutes": corrections.UNDO_MINUTES}
                if part_name != "attachment"
                else _("The file is removed for good: this cannot be undone."),
                "confirm_label": _("Delete"),
                "cancel_url": f"{dossier.get_absolute_url()}#{kind.anchor}-{part.pk}",
            },
        )
    snapshot = corrections.part_delete(part=part, dossier=dossier)
    if snapshot is not None:
        request.session[UNDO_KEY] = snapshot
    messages.success(request, kind.deleted)
    return to_item(dossier, kind.section)


SUMMARY_FIELDS = ("text", "title", "subject", "original_name", "description", "summary", "note")


def part_summary(part: object) -> str:
    """What the confirmation names: the entry's text, the task's title, the file name."""
    for attribute in SUMMARY_FIELDS:
        value = getattr(part, attribute, "")
        if value:
            return str(value)[:200]
    return str(part)


def undo_available(request: HttpRequest, dossier: Dossier) -> bool:
    snapshot = request.session.get(UNDO_KEY)
    return bool(
        snapshot
        and snapshot.get("dossier") == dossier.pk
        and not corrections.undo_expired(snapshot)
    )


def gated_part_view(part_name: str, action: Callable[..., HttpResponse]) -> Callable:
    @require_http_methods(["GET", "POST"])
    @dossier_view(write=True)
    def view(request: HttpRequest, dossier: Dossier, item_pk: int) -> HttpResponse:
        return action(request, dossier, part_name, item_pk)

    view.__name__ = f"{part_name}_{action.__name__}"
    return view


def url_view(view: Callable) -> Callable:
    """Accept the item id under the name the URL gives it."""

    def named(request: HttpRequest, pk: int, **kwargs: int) -> HttpResponse:
        (item_pk,) = kwargs.values()
        return view(request, pk, item_pk)

    named.__name__ = view.__name__
    return named


timeline_edit = url_view(gated_part_view("timeline", part_edit))
timeline_delete = url_view(gated_part_view("timeline", part_delete))
task_edit = url_view(gated_part_view("task", part_edit))
task_delete = url_view(gated_part_view("task", part_delete))
opinion_edit = url_view(gated_part_view("opinion", part_edit))
opinion_delete = url_view(gated_part_view("opinion", part_delete))
question_edit = url_view(gated_part_view("question", part_edit))
question_delete = url_view(gated_part_view("question", part_delete))
commitment_edit = url_view(gated_part_view("commitment", part_edit))
commitment_delete = url_view(gated_part_view("commitment", part_delete))
attachment_edit = url_view(gated_part_view("attachment", part_edit))
attachment_delete = url_view(gated_part_view("attachment", part_delete))
link_edit = url_view(gated_part_view("link", part_edit))
link_delete = url_view(gated_part_view("link", part_delete))


@require_POST
@dossier_view(write=True)
def part_undo(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Put back what was just deleted from this dossier, while it may be."""
    snapshot = request.session.get(UNDO_KEY)
    restored = None
    if snapshot and snapshot.get("dossier") == dossier.pk:
        del request.session[UNDO_KEY]
        restored = corrections.part_restore(snapshot=snapshot, dossier=dossier)
    if restored is None:
        messages.warning(request, _("This can no longer be undone."))
        return to_item(dossier, "main")
    messages.success(request, _("The deletion was undone."))
    return to_item(dossier, f"{anchor_of(restored)}-{restored.pk}")


def anchor_of(part: object) -> str:
    anchors = {
        "timelineentry": "entry",
        "dossierlink": "link",
        "parliamentaryquestion": "question",
        "committeecommitment": "commitment",
    }
    return anchors.get(part._meta.model_name, part._meta.model_name)
