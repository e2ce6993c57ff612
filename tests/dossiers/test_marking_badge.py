"""The marking badge lists, dashboards and detail pages show beside a dossier or meeting."""

import pytest
from django.template import Context, Template
from django.utils import translation

from directory.classification import Classification
from dossiers.models import Dossier

BADGE = Template("{% load dossier_tags %}{% marking_badge dossier %}")


def badge(classification: Classification, restricted: bool = False) -> str:
    dossier = Dossier(classification=classification, restricted_distribution=restricted)
    return BADGE.render(Context({"dossier": dossier}))


@pytest.mark.parametrize(
    ("level", "style"),
    [
        (Classification.NIET_GECLASSIFICEERD, "text-bg-light border"),
        (Classification.BEPERKT, "text-bg-info"),
        (Classification.VERTROUWELIJK, "text-bg-warning"),
        (Classification.GEHEIM, "text-bg-danger"),
        (Classification.ZEER_GEHEIM, "text-bg-danger"),
    ],
)
def test_each_level_has_its_colour_and_its_name_in_the_page_language(level, style):
    with translation.override("fr"):
        html = badge(level)
        assert html == f'<span class="badge {style}">{level.label}</span>'


def test_restricted_distribution_is_said_beside_the_level():
    with translation.override("nl"):
        html = badge(Classification.GEHEIM, restricted=True)
        restricted = translation.gettext("Restricted distribution")
    assert html.endswith(f' <span class="badge text-bg-dark">{restricted}</span>')
    assert restricted not in badge(Classification.GEHEIM)
