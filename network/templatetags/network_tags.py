"""An organisation's name and abbreviation in the language of the page."""

from django import template
from django.utils.translation import get_language

from directory.models import Organisation

register = template.Library()


@register.filter
def name_here(organisation: Organisation | None) -> str:
    return "" if organisation is None else organisation.name_in(get_language())


@register.filter
def abbreviation_here(organisation: Organisation | None) -> str:
    return "" if organisation is None else organisation.abbreviation_in(get_language())
