"""The officer sorts the dossier list and pages it; the cabinet reads its dashboard on a phone."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def deadlines(page) -> list[str]:
    """The deadline column as ISO dates, read from the rows' ``data-deadline``."""
    return [
        d
        for d in page.locator("tbody tr").evaluate_all(
            "rows => rows.map(row => row.dataset.deadline || '')"
        )
        if d
    ]


def test_the_officer_sorts_the_list_and_the_cabinet_reads_its_dashboard(demo, journey):
    officer = journey("lists")
    page = officer.page
    page.set_viewport_size(DESKTOP)
    officer.log_in("officer", PASSWORD)
    officer.goto(reverse("dossiers:list"))
    page.get_by_role("link", name="Deadline").click()
    page.wait_for_url("**sort=deadline**")
    ascending = deadlines(page)
    assert ascending == sorted(ascending) and len(ascending) >= 2
    assert page.locator("th[aria-sort=ascending]").count() == 1
    officer.check("sorted-by-deadline")
    page.get_by_role("link", name="Deadline").click()
    page.wait_for_url("**sort=-deadline**")
    descending = deadlines(page)
    assert descending == sorted(descending, reverse=True) and descending[0] >= ascending[-1]
    page.locator("a[href*='per_page=50']").click()
    page.wait_for_url("**per_page=50**")
    assert "sort=-deadline" in page.url
    assert page.locator("tbody tr").count() > 25  # more than one default page at once
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    officer.check("sorted-phone")

    cabinet = journey("lists-cabinet")
    page = cabinet.page
    page.set_viewport_size(DESKTOP)
    cabinet.log_in("kabinet", PASSWORD)
    assert page.locator("[data-testid=as-of] time").count() == 1
    cabinet.check("dashboard")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    sizes = page.locator(".bar-label").evaluate_all(
        "labels => labels.map(label => parseFloat(getComputedStyle(label).fontSize))"
    )
    assert sizes and min(sizes) >= 12
    cabinet.check("dashboard-phone")
