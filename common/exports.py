"""Downloads of tables as CSV or Excel, safe to open in a spreadsheet."""

import csv
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


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
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(safe_cell(value) for value in row)
    return response


def xlsx_response(stem: str, header: list[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    workbook.save(response)
    return response
