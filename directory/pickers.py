"""Organisations in pickers: both languages' names and abbreviations, sorted and searchable."""

from django import forms
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
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


class OrganisationChoiceField(forms.ModelChoiceField):
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
