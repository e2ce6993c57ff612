"""Downloads of tables as CSV or Excel, safe to open in a spreadsheet.

Excel gets typed cells: a date is a date (shown 06/12/2026), a number a number, so
that the sheet sorts and sums them. The CSV is written for the Excel of the user's
language: in Belgium Dutch and French Excel split on ``;`` and read 1,5 and
06/12/2026; English Excel splits on ``,``.
"""

import csv
import datetime
import decimal
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone, translation

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_DELIMITERS = {"en": ","}  # every other language of the portal: ";"
EXCEL_DATE = "dd/mm/yyyy"
EXCEL_DATETIME = "dd/mm/yyyy hh:mm"
NUMBERS = (int, float, decimal.Decimal)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """The moment as the portal's clock reads it: spreadsheets know no time zones."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def csv_cell(value: object) -> str:
    """A date, a moment or a number as the user's language writes it; text made safe."""
    if isinstance(value, datetime.datetime):
        return formats.date_format(local_naive(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, NUMBERS) and not isinstance(value, bool):
        return formats.number_format(value)
    return safe_cell(value)


def csv_delimiter() -> str:
    return CSV_DELIMITERS.get(translation.get_language() or "", ";")


def requested_format(request: HttpRequest) -> str:
    """``xlsx`` when the download link asks for Excel (``?format=xlsx``), else ``csv``."""
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


def table_response(
    stem: str, header: list[str], rows: Iterable[Iterable[object]], file_format: str = "csv"
) -> HttpResponse:
    """The rows as ``stem.csv`` or, with ``file_format="xlsx"``, as ``stem.xlsx``."""
    if file_format == "xlsx":
        return xlsx_response(stem, header, rows)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    response.write("\ufeff")  # so that spreadsheets read the accents right
    writer = csv.writer(response, delimiter=csv_delimiter())
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_cell(value) for value in row)
    return response


def xlsx_cell(sheet: object, value: object) -> object:
    """A typed cell: dates and moments with a Belgian date format, numbers as numbers."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, local_naive(value))
        cell.number_format = EXCEL_DATETIME
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = EXCEL_DATE
        return cell
    if isinstance(value, NUMBERS) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value)
    return WriteOnlyCell(sheet, safe_cell(value))


def xlsx_response(stem: str, header: list[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    workbook.save(response)
    return response
