"""The officer's audit page: every change and every opening, filtered and exported."""

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.db.models import BigIntegerField, Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts import permissions
from accounts.audit_actor import actor_name, actor_username
from accounts.models import User
from accounts.templatetags.audit_tags import describe_changes
from common.exports import requested_format, table_response
from common.lists import list_context
from dossiers.access import visible_dossiers

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AuditFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(
        label=gettext_lazy("user"), queryset=User.objects.order_by("last_name")
    )
    object = django_filters.CharFilter(
        label=gettext_lazy("object (reference)"), field_name="object_repr", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("action"), choices=LogEntry.Action.choices
    )
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
    return AuditFilter(request.GET, queryset=entries)


@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    context = list_context(request, audit_entries(request), size=50)
    return render(request, "dashboards/audit_list.html", context)


@require_GET
def audit_export(request: HttpRequest) -> HttpResponse:
    entries = audit_entries(request).qs
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
    rows = (
        (
            entry.timestamp.isoformat(),
            actor_username(entry),
            actor_name(entry),
            entry.get_action_display(),
            entry.content_type.model,
            entry.object_repr,
            describe_changes(entry),
            " — ".join(
                filter(
                    None, [(entry.additional_data or {}).get(key) for key in ("purpose", "detail")]
                )
            ),
        )
        for entry in entries.iterator(chunk_size=2000)
    )
    return table_response(
        f"audit-{timezone.localdate():%Y%m%d}", header, rows, requested_format(request)
    )
