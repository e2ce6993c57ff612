import pytest
from django.utils import translation

from directory.classification import Classification
from directory.models import Organisation

LEVELS_LOW_TO_HIGH = [
    Classification.NIET_GECLASSIFICEERD,
    Classification.BEPERKT,
    Classification.VERTROUWELIJK,
    Classification.GEHEIM,
    Classification.ZEER_GEHEIM,
]


def test_levels_are_ordered_as_the_law_orders_them():
    assert sorted(Classification) == LEVELS_LOW_TO_HIGH
    assert Classification.BEPERKT < Classification.VERTROUWELIJK < Classification.GEHEIM


def test_a_clearance_permits_its_own_level_and_below_only():
    assert Classification.GEHEIM.permits(Classification.VERTROUWELIJK)
    assert Classification.GEHEIM.permits(Classification.GEHEIM)
    assert not Classification.GEHEIM.permits(Classification.ZEER_GEHEIM)
    assert not Classification.NIET_GECLASSIFICEERD.permits(Classification.BEPERKT)


def test_purpose_is_asked_for_every_classified_level_beperkt_included():
    asked = [level for level in Classification if level.needs_access_purpose]
    assert asked == LEVELS_LOW_TO_HIGH[1:]
    assert Classification.classified_levels() == LEVELS_LOW_TO_HIGH[1:]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["NIET GECLASSIFICEERD", "BEPERKT", "VERTROUWELIJK", "GEHEIM", "ZEER GEHEIM"]),
        ("fr", ["NON CLASSIFIÉ", "RESTREINT", "CONFIDENTIEL", "SECRET", "TRÈS SECRET"]),
        ("en", ["Not classified", "Restricted", "Confidential", "Secret", "Top secret"]),
    ],
)
def test_labels_in_three_languages(language, expected):
    with translation.override(language):
        assert [str(label) for label in Classification.labels] == expected


def test_restricted_distribution_is_a_marking_not_a_level():
    from directory.classification import RESTRICTED_DISTRIBUTION_LABEL

    with translation.override("nl"):
        assert str(RESTRICTED_DISTRIBUTION_LABEL) == "Beperkte Verspreiding"
    assert "Beperkte Verspreiding" not in [str(label) for label in Classification.labels]


@pytest.mark.django_db
def test_levels_compare_inside_the_database():
    """Any model field of the scale filters with ordinary comparisons; organisations
    do not carry a level, so the clause is checked through an annotation."""
    from django.db.models import IntegerField, Value

    rows = Organisation.objects.annotate(
        level=Value(Classification.GEHEIM, output_field=IntegerField())
    )
    Organisation.objects.create(short_name="X", name="X", kind=Organisation.Kind.AGENCY)
    assert rows.filter(level__lte=Classification.ZEER_GEHEIM).count() == 1
    assert rows.filter(level__lte=Classification.VERTROUWELIJK).count() == 0
