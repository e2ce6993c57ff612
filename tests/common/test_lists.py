"""The list pages' paginators: counted up to a cap, or not counted at all (a search)."""

import pytest

from common.lists import (
    CappedPaginator,
    KeyedPaginator,
    UncountedKeyedPaginator,
    UncountedPaginator,
)

ROWS = list(range(60))


def test_capped_paginator_counts_up_to_its_cap():
    paginator = CappedPaginator(ROWS, 25, cap=50)
    page = paginator.get_page("2")
    assert (paginator.count, paginator.count_label, paginator.num_pages) == (50, "50+", 2)
    assert list(page) == ROWS[25:50]


@pytest.mark.parametrize(
    ("asked", "number", "rows", "label", "has_next"),
    [
        ("1", 1, ROWS[:25], "25+", True),
        ("2", 2, ROWS[25:50], "50+", True),
        ("3", 3, ROWS[50:60], "60", False),
        ("4", 1, ROWS[:25], "25+", True),  # past the end: the first page
        ("0", 1, ROWS[:25], "25+", True),
        ("-3", 1, ROWS[:25], "25+", True),
        ("twee", 1, ROWS[:25], "25+", True),
        ("", 1, ROWS[:25], "25+", True),
        (None, 1, ROWS[:25], "25+", True),
        ("9" * 40, 1, ROWS[:25], "25+", True),  # a page number no database takes
    ],
)
def test_uncounted_paginator_reads_one_row_past_the_page(asked, number, rows, label, has_next):
    paginator = UncountedPaginator(ROWS, 25, cap=150)
    page = paginator.get_page(asked)
    assert (page.number, list(page), paginator.count_label, page.has_next()) == (
        number,
        rows,
        label,
        has_next,
    )
    assert page.has_previous() == (number > 1)
    assert list(paginator.get_elided_page_range(page.number)) == list(
        range(1, paginator.num_pages + 1)
    )


def test_uncounted_paginator_stops_at_the_cap_pages():
    paginator = UncountedPaginator(ROWS, 25, cap=50)
    page = paginator.get_page("2")
    assert (list(page), page.has_next(), paginator.count_label) == (ROWS[25:50], False, "50+")


def test_uncounted_paginator_goes_no_further_than_the_cap_pages():
    paginator = UncountedPaginator(ROWS, 25, cap=75)
    page = paginator.get_page("9" * 40)
    assert (page.number, list(page), page.has_next()) == (3, ROWS[50:60], False)


@pytest.mark.django_db
def test_keyed_paginator_counts_and_pages_with_one_walk(cleared_officer, django_assert_num_queries):
    """The keys of the first cap + 1 rows in the list's order, then a page's rows by key:
    two statements, the same rows and order as slicing the list."""
    from dossiers.models import Dossier
    from tests.factories import make_dossier

    for number in range(7):
        make_dossier(cleared_officer, title=f"Dossier {number}")
    listed = Dossier.objects.order_by("-opened_on", "-pk")
    paginator = KeyedPaginator(listed, 3, cap=5)
    with django_assert_num_queries(2):
        page = paginator.get_page("2")
        rows = list(page)
    assert rows == list(listed[3:5])
    assert (paginator.count, paginator.count_label, paginator.num_pages, page.has_next()) == (
        5,
        "5+",
        2,
        False,
    )
    assert list(paginator.get_page("twee")) == list(listed[:3])
    assert list(paginator.get_page("9" * 40)) == list(listed[3:5])


def test_uncounted_keyed_paginator_reads_keys_then_rows_and_counts_nothing(
    cleared_officer, django_assert_num_queries
):
    """A page's keys and one more, in the list's order, then the page's rows by key: the
    same rows and order as slicing the list, in two statements, none of them a count."""
    from dossiers.models import Dossier
    from tests.factories import make_dossier

    for number in range(7):
        make_dossier(cleared_officer, title=f"Dossier {number}")
    listed = Dossier.objects.order_by("-opened_on", "-pk")
    paginator = UncountedKeyedPaginator(listed, 3, cap=100)
    with django_assert_num_queries(2) as queries:
        page = paginator.get_page("2")
        rows = list(page)
    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
    assert rows == list(listed[3:6])
    assert (paginator.count_label, page.has_next()) == ("6+", True)
    last = UncountedKeyedPaginator(listed, 3, cap=100).get_page("3")
    assert (list(last), last.has_next(), last.paginator.count) == (list(listed[6:]), False, 7)
