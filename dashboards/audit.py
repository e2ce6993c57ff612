"""The officer's audit page: every change and every opening, filtered and exported."""

import itertools
from collections.abc import Iterator

import django_filters
import django_tables2 as tables
from auditlog.models import LogEntry
from django.db.models import BigIntegerField, Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts import permissions
from accounts.audit_actor import actor_name, actor_username
from accounts.audit_text import ACTION_CHOICES, entries_text
from accounts.models import User
from accounts.permissions import only_for
from accounts.pickers import PersonChoiceField, people_response, with_picker_details
from common.exports import requested_format, table_response
from common.forms import DateInput
from common.lists import SortTable, list_context
from directory.pickers import lists_all_choices, remote_picker
from dossiers.access import visible_dossiers
from dossiers.forms.purpose import AccessPurpose
from dossiers.history import answers_masked

DATE_INPUT = DateInput()


class AuditTable(SortTable):
    """Time and action only: both are indexed in auditlog's table."""

    time = tables.Column(orderable=True, order_by=("timestamp", "pk"))
    action = tables.Column(orderable=True, order_by=("action", "-timestamp", "-pk"))


def audit_actors() -> QuerySet[User]:
    """Whom the filter offers: every account, active or not, as the log may name any."""
    return with_picker_details(User.objects.all())


class ActorFilter(django_filters.ModelChoiceFilter):
    """The user who acted, shown as a person (name, function, organisation)."""

    field_class = PersonChoiceField


class AuditFilter(django_filters.FilterSet):
    actor = ActorFilter(label=gettext_lazy("user"), queryset=audit_actors())
    object = django_filters.CharFilter(
        label=gettext_lazy("object (reference)"), field_name="object_repr", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(label=gettext_lazy("action"), choices=ACTION_CHOICES)
    since = django_filters.DateFilter(
        label=gettext_lazy("from"),
        field_name="timestamp",
        lookup_expr="date__gte",
        widget=DATE_INPUT,
    )
    until = django_filters.DateFilter(
        label=gettext_lazy("until"),
        field_name="timestamp",
        lookup_expr="date__lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = LogEntry
        fields: list[str] = []


def entries_visible_to(user: User) -> QuerySet[LogEntry]:
    """Entries about a dossier or its parts only while the user may see that dossier.

    Asks the one access rule, in the database: a withdrawn clearance or an ended grant
    takes the dossier's entries off the page and the export at once.
    """
    return LogEntry.objects.annotate(
        dossier_id=Cast(KT("additional_data__dossier"), BigIntegerField())
    ).filter(
        # Asked per entry read (by the dossier's key), not by building every visible dossier
        # first: the page reads its 25 entries down the index of its order.
        Q(dossier_id__isnull=True)
        | Exists(visible_dossiers(user).filter(pk=OuterRef("dossier_id")))
    )


def audit_entries(request: HttpRequest) -> AuditFilter:
    if not permissions.sees_audit_trail(request.user):
        raise Http404
    entries = (
        entries_visible_to(request.user)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    found = AuditFilter(request.GET, queryset=entries)
    # Hundreds of accounts: the page holds the chosen one, the autocomplete the others.
    actor = found.form.fields["actor"]
    remote_picker(actor, url=reverse("audit_people"), all_choices=lists_all_choices(request))
    return found


@require_GET
@only_for(permissions.sees_audit_trail)
def audit_people(request: HttpRequest) -> JsonResponse:
    """The accounts matching ``q`` for the filter, by name, organisation or log-in name
    (the export names the log-in)."""
    return people_response(request, audit_actors(), by_username=True)


@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    context = list_context(request, audit_entries(request), size=50, table=AuditTable)
    entries = answers_masked(list(context["page"]), request.user)
    context["texts"] = entries_text(entries, dict(AccessPurpose.choices))
    context["all_choices_listed"] = lists_all_choices(request)
    return render(request, "dashboards/audit_list.html", context)


EXPORT_CHUNK = 2000


def export_rows(entries: QuerySet[LogEntry], reader: User) -> Iterator[tuple[object, ...]]:
    """The entries in words, read a chunk at a time (the rows they point to with them)."""
    rows = entries.iterator(chunk_size=EXPORT_CHUNK)
    while chunk := list(itertools.islice(rows, EXPORT_CHUNK)):
        for text in entries_text(answers_masked(chunk, reader), dict(AccessPurpose.choices)):
            entry = text.entry
            yield (
                entry.timestamp,
                actor_username(entry),
                actor_name(entry),
                text.action,
                entry.content_type.name,
                entry.object_repr,
                text.changes_line(),
                text.purpose,
            )


@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    header = [
        _("time"),
        _("user"),
        _("name"),
        _("action"),
        _("kind"),
        _("object"),
        _("changes"),
        _("purpose"),
    ]
    return table_response(
        f"audit-{timezone.localdate():%Y%m%d}",
        header,
        export_rows(audit_entries(request).qs, request.user),
        requested_format(request),
    )
