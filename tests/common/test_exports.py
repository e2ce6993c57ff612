"""Exports open in a spreadsheet with typed cells, and a CSV split the way Excel expects."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from common.exports import table_response
from tests.factories import DAY, make_clearance, make_person, today

DAY_ONE = datetime.date(2026, 12, 6)
ROW = [DAY_ONE, 12, 1.5, "=HYPERLINK()", None]


def csv_lines(response) -> str:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # so Excel reads UTF-8
    return content[1:]


@pytest.mark.parametrize(
    ("language", "delimiter", "number"),
    [("nl", ";", "1,5"), ("fr", ";", "1,5"), ("en", ",", "1.5")],
)
def test_the_csv_is_split_and_written_as_the_users_excel_reads_it(language, delimiter, number):
    with translation.override(language):
        response = table_response("t", ["date", "count", "share", "text", "empty"], [ROW])
    rows = list(csv.reader(io.StringIO(csv_lines(response)), delimiter=delimiter))
    assert rows[0] == ["date", "count", "share", "text", "empty"]
    assert rows[1] == ["06/12/2026", "12", number, "'=HYPERLINK()", ""]


def test_excel_cells_are_dates_and_numbers_not_text():
    moment = datetime.datetime(2026, 12, 6, 9, 30, tzinfo=datetime.UTC)
    response = table_response("t", ["a", "b", "c", "d", "e", "f"], [[*ROW, moment]], "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    day, count, share, text, empty, when = next(sheet.iter_rows(min_row=2))
    assert day.is_date and day.value.date() == DAY_ONE
    assert day.number_format == "dd/mm/yyyy"
    assert (count.data_type, count.value) == ("n", 12)
    assert (share.data_type, share.value) == ("n", 1.5)
    assert (text.data_type, text.value) == ("s", "'=HYPERLINK()")
    assert empty.value is None
    assert when.is_date and when.value == datetime.datetime(2026, 12, 6, 10, 30)  # Brussels


@pytest.mark.django_db
def test_the_clearance_export_keeps_its_dates_as_dates(officer, officer_client, kanselarij):
    clearance = make_clearance(make_person(kanselarij), valid_until=today() + 100 * DAY)
    response = officer_client.get(reverse("clearances:export"), {"format": "xlsx"})
    header, *rows = load_workbook(io.BytesIO(response.content)).active.iter_rows()
    (row,) = [row for row in rows if row[0].value == clearance.person.last_name]
    dates = [cell for cell in row if cell.is_date]
    assert [cell.value.date() for cell in dates] == [
        clearance.requested_on,
        clearance.decided_on,
        clearance.valid_until,
    ]
    days_left = [cell for cell in row if cell.value == 100]
    assert days_left and days_left[0].data_type == "n"
