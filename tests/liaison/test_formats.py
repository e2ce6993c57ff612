"""Belgian dates and numbers in each language of the portal (liaison/formats/)."""

import datetime
import decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from common.forms import DateInput

DAY = datetime.date(2026, 12, 6)
MOMENT = datetime.datetime(2026, 12, 6, 14, 5)  # noqa: DTZ001 - a wall-clock time
AMOUNT = decimal.Decimal("1234.5")


class DayForm(forms.Form):
    day = forms.DateField(widget=DateInput())


@pytest.mark.parametrize(
    ("language", "grouped", "plain"),
    [("nl", "1.234,5", "1234,5"), ("fr", "1.234,5", "1234,5"), ("en", "1,234.5", "1234.5")],
)
def test_dates_read_day_first_and_numbers_the_belgian_way(language, grouped, plain):
    with translation.override(language):
        assert formats.date_format(DAY) == "06/12/2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "06/12/2026"
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "06/12/2026 14:05"
        assert formats.number_format(AMOUNT, 1, force_grouping=True) == grouped
        assert Template('{{ amount|floatformat:"1g" }}').render(Context({"amount": AMOUNT})) == (
            grouped
        )
        rendered = Template("{{ day }} {{ amount }} {{ year }}").render(
            Context({"day": DAY, "amount": AMOUNT, "year": 2026})
        )
        # a year or an id is never grouped: USE_THOUSAND_SEPARATOR stays off
        assert rendered == f"06/12/2026 {plain} 2026"


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("typed", ["06/12/2026", "6/12/2026", "06-12-2026", "2026-12-06"])
def test_a_date_input_reads_the_belgian_way_and_the_date_pickers(language, typed):
    with translation.override(language):
        form = DayForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == DAY


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_date_typed_the_belgian_way_comes_back_to_the_picker_after_an_error(language):
    with translation.override(language):
        assert 'value="2026-12-06"' in str(DayForm({"day": "06/12/2026"})["day"])
        assert 'value="2026-12-06"' in str(DayForm(initial={"day": DAY})["day"])
        assert 'value="31/02/2026"' in str(DayForm({"day": "31/02/2026"})["day"])  # kept
        assert not DayForm({"day": "12/31/2026"}).is_valid()  # no American month first
