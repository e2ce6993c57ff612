"""Pickers: searchable selects, and organisations in them (both languages' names and
abbreviations, sorted and searchable).

A page may offer hundreds of people or organisations. Its pickers can hold only the
chosen option and ask an autocomplete for the others as the user types (Tom Select,
``static/js/portal.js``); asked with ``?choices=all``, the page lists them all, for a
browser without JavaScript.
"""

import re

from django import forms
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language

from common.forms import KeyChoicesField
from directory.models import Organisation, is_french


def organisation_label(organisation: Organisation) -> str:
    """'OCAD — Coördinatieorgaan … / OCAM — Organe …': the user's language first."""
    language = get_language()
    own = names_in(organisation, language)
    other = names_in(organisation, "nl" if is_french(language) else "fr")
    return own if other == own else f"{own} / {other}"


def names_in(organisation: Organisation, language: str) -> str:
    return f"{organisation.abbreviation_in(language)} — {organisation.name_in(language)}"


def in_label_order(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """By the abbreviation the label starts with, whatever its case."""
    if is_french(get_language()):
        abbreviation = Coalesce(NullIf(F("short_name_fr"), Value("")), F("short_name"))
    else:
        abbreviation = F("short_name")
    return organisations.order_by(Lower(abbreviation), "pk")


def matching_organisations(
    organisations: QuerySet[Organisation], query: str
) -> QuerySet[Organisation]:
    """Organisations whose name or abbreviation, in either language, contains every word."""
    for word in query.split()[:5]:
        organisations = organisations.filter(
            Q(short_name__icontains=word)
            | Q(short_name_fr__icontains=word)
            | Q(name__icontains=word)
            | Q(name_fr__icontains=word)
        )
    return organisations


# A primary key as posted: ASCII digits, within a bigint.
KEY = re.compile(r"[0-9]{1,18}")

# How many options an autocomplete answer lists at most.
MATCH_LIMIT = 20


def autocomplete_query(request: HttpRequest) -> str:
    return request.GET.get("q", "")[:100]


def organisations_response(request: HttpRequest, organisations: QuerySet) -> JsonResponse:
    """The autocomplete's answer: the first of ``organisations`` matching ``?q=``."""
    found = in_label_order(matching_organisations(organisations, autocomplete_query(request)))
    results = [{"value": o.pk, "text": organisation_label(o)} for o in found[:MATCH_LIMIT]]
    return JsonResponse({"results": results})


class ChosenOnlySelect(forms.Select):
    """A select of a model choice field that, with ``only_chosen``, holds only the chosen
    option: the others come from the autocomplete, so the page neither reads nor carries
    them all. The field still validates a posted value against its whole queryset."""

    only_chosen = False

    def optgroups(self, name: str, value: list[str], attrs: dict | None = None) -> list:
        if not self.only_chosen:
            return super().optgroups(name, value, attrs)
        field = self.choices.field
        # A posted value may be anything ("²" is a digit to str.isdigit): keys only.
        chosen = [key for key in value if KEY.fullmatch(key)]
        rows = field.queryset.filter(pk__in=chosen) if chosen else []
        choices = [("", field.empty_label)] if field.empty_label is not None else []
        choices += [(row.pk, field.label_from_instance(row)) for row in rows]
        options = [
            self.create_option(name, key, label, str(key) in value, index)
            for index, (key, label) in enumerate(choices)
        ]
        return [(None, options, 0)]


class OrganisationChoiceField(forms.ModelChoiceField):
    widget = ChosenOnlySelect

    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)


class OrganisationsChoiceField(KeyChoicesField):
    def label_from_instance(self, obj: Organisation) -> str:
        return organisation_label(obj)


# Tom Select turns a select with this class into a searchable one; without JavaScript
# it stays a plain select.
PICKER_CLASS = "picker"


def picker_widget(widget: forms.Widget, *, url: str = "") -> forms.Widget:
    """Mark a select for Tom Select, with the address it asks for matches as the user types."""
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {PICKER_CLASS}".strip()
    if url:
        widget.attrs["data-autocomplete-url"] = url
    return widget


def remote_picker(field: forms.ModelChoiceField, *, url: str, all_choices: bool = True) -> None:
    """Let the user find the options of ``field.queryset`` as he types, through the
    autocomplete at ``url``; the page lists all of them (``all_choices``) or only the
    chosen one (the field's widget a ``ChosenOnlySelect``)."""
    picker_widget(field.widget, url=url)
    field.widget.only_chosen = not all_choices


def lists_all_choices(request: HttpRequest) -> bool:
    """Whether the page was asked to list every option of its pickers: ``?choices=all``,
    the address of the link a browser without JavaScript shows beside them
    (``common/_all_choices_link.html``), kept in the address the form posts to."""
    return request.GET.get("choices") == "all"
