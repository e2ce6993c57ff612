"""Rows inserted many at a time, without a model instance per row.

``bulk_create`` builds an instance for each row and prepares each of its fields in
turn: over a million deadlines, half of the reminder sweep's Python went there. Rows
given as tuples go in with one statement per batch instead, and rows that break a
unique constraint are skipped (``ON CONFLICT DO NOTHING``). Nothing is validated and
no signal is sent, as with ``bulk_create``.

On PostgreSQL each column goes as one array literal, unnested into rows: a multi-row
``INSERT`` of 2,000 reminders spent 65 ms in psycopg2 quoting its 26,000 parameters
and as long again in the server parsing them, against 18 ms inserting. (A ``COPY``
into a temporary table cost as much again in creating and dropping the table for each
batch.) django-bulk-load does the same from model instances, the cost removed here;
django-postgres-copy loads files and returns no ids. Elsewhere (SQLite, the embedded
default) a multi-row ``INSERT``.
"""

import datetime
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from django.db import connection, models

ItemT = TypeVar("ItemT")


def batched(items: Iterable[ItemT], size: int) -> Iterator[list[ItemT]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_ignoring_conflicts(
    model: type[models.Model],
    attnames: Sequence[str],
    rows: Sequence[Sequence[object]],
    returning: Sequence[str] = (),
) -> list[tuple]:
    """Insert ``rows``, values in the order of ``attnames`` (``recipient_id`` for a foreign
    key), skipping those already there by a unique constraint; returns the ``returning``
    values of the rows inserted, not of those skipped.

    A column left out is NULL, not the field's default: name every one that has a default.
    """
    if not rows:
        return []
    fields = [model._meta.get_field(name) for name in attnames]
    returned = [model._meta.get_field(name) for name in returning]
    insert = arrays_insert if connection.vendor == "postgresql" else values_insert
    return insert(model, fields, rows, returned)


def quoted_columns(fields: Sequence[models.Field]) -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


def conflicts_ignored(returned: Sequence[models.Field]) -> str:
    """The end of an insert that skips conflicting rows and returns the inserted ones' values."""
    suffix = " ON CONFLICT DO NOTHING"
    return suffix + (f" RETURNING {quoted_columns(returned)}" if returned else "")


def arrays_insert(
    model: type[models.Model],
    fields: Sequence[models.Field],
    rows: Sequence[Sequence[object]],
    returned: Sequence[models.Field],
) -> list[tuple]:
    """PostgreSQL: one statement for all the rows, each column's values in one array
    literal, unnested in the order given."""
    # Names and types from the model, quoted; the values go as parameters.
    table = connection.ops.quote_name(model._meta.db_table)
    columns = quoted_columns(fields)
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} "  # noqa: S608
            f"FROM unnest({arrays}) WITH ORDINALITY AS staged({columns}, position) "
            "ORDER BY position" + conflicts_ignored(returned),
            [
                array_literal(field, values)
                for field, values in zip(fields, zip(*rows, strict=True), strict=True)
            ],
        )
        return [tuple(row) for row in cursor.fetchall()] if returned else []


# Inside an array literal's double quotes, a backslash escapes the next character.
ARRAY_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"'})


def array_literal(field: models.Field, values: Iterable[object]) -> str:
    """PostgreSQL's text form of an array of the field's values: ``{"a \\"b\\"",NULL}``.
    Parsed by the server in one go, where psycopg2 would quote each element as a
    parameter of its own."""
    element = array_element(field)
    return "{" + ",".join(["NULL" if value is None else element(value) for value in values]) + "}"


def array_element(field: models.Field) -> Callable[[object], str]:
    """How a value of the field is written in an array literal, chosen once per column."""
    if isinstance(field, models.CharField | models.TextField):
        return quoted_text
    if isinstance(field, models.DateField):  # date-times too
        return temporal_element
    return str  # numbers and booleans, as PostgreSQL reads them


def quoted_text(value: object) -> str:
    text = str(value)
    if "\\" in text or '"' in text:  # rare: looking costs a tenth of translating
        text = text.translate(ARRAY_ESCAPES)
    return '"' + text + '"'


@functools.lru_cache(maxsize=1024)
def temporal_element(value: datetime.date) -> str:
    """A date or an aware date-time as PostgreSQL reads it; remembered, as a batch's rows
    share a few of them (the moment of a sweep, its deadlines), and ``str`` of a
    date-time costs as much as all the rest of a row."""
    return f'"{value}"'


def values_insert(
    model: type[models.Model],
    fields: Sequence[models.Field],
    rows: Sequence[Sequence[object]],
    returned: Sequence[models.Field],
) -> list[tuple]:
    """Elsewhere: multi-row inserts, as many rows in each as the database takes parameters."""
    adapters = [database_adapter(field) for field in fields]
    # Names from the model, quoted; every value goes as a parameter.
    table = connection.ops.quote_name(model._meta.db_table)
    into = f"INSERT INTO {table} ({quoted_columns(fields)}) VALUES "  # noqa: S608
    placeholder = "({})".format(", ".join(["%s"] * len(fields)))
    inserted: list[tuple] = []
    with connection.cursor() as cursor:
        for batch in batched(rows, connection.ops.bulk_batch_size(fields, rows)):
            cursor.execute(
                into + ", ".join([placeholder] * len(batch)) + conflicts_ignored(returned),
                [
                    adapt(value) if adapt else value
                    for row in batch
                    for adapt, value in zip(adapters, row, strict=True)
                ],
            )
            if returned:
                inserted.extend(tuple(row) for row in cursor.fetchall())
    return inserted


def database_adapter(field: models.Field) -> Callable[[object], object] | None:
    """How a value of the field becomes a parameter, when the driver cannot take it as is:
    dates and times, which SQLite keeps as text in Django's format."""
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None
