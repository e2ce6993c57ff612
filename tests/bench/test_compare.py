"""A run compared with another: each page's growth beside its ratio to the floor."""

from bench.management.commands.bench import Command, floor_ratios
from bench.measure import Figure


def test_a_run_shows_each_pages_growth_against_the_run_it_is_compared_with():
    smaller = [
        Figure("floor: static page of the same size", 10.0, 11.0, 4, 100, 1.0),
        Figure("officer: dossier list", 30.0, 33.0, 8, 100, 3.0),
        Figure("reminder sweep, all deadlines", 900.0, 900.0, 50),
    ]
    written = Command().render(smaller, "plan")
    assert floor_ratios(written) == {
        "floor: static page of the same size": 1.0,
        "officer: dossier list": 3.0,
    }
    larger = [
        Figure("floor: static page of the same size", 12.0, 13.0, 4, 100, 1.0),
        Figure("officer: dossier list", 54.0, 60.0, 8, 100, 4.5),
        Figure("officer: a page the other run lacks", 20.0, 22.0, 5, 100, 1.67),
    ]
    rows = Command().render(larger, "plan", other=floor_ratios(written)).splitlines()
    assert rows[2].endswith("| growth |")
    assert rows[5] == "| officer: dossier list | 54.0 | 60.0 | 4.50× | 100 | 8 | 1.50× |"
    assert rows[6].endswith("| 5 | |")
