"""Every main page of every role reflows at 320 px and holds to WCAG 2.1 AA at 390 and 1366 px.

One browser, one logged-in context per role; each page is loaded once per width. At
320 px no page may be wider than the viewport (WCAG 1.4.10: tables scroll inside their
own container); at the two other widths axe-core finds no WCAG 2.1 A/AA violation of
any impact.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.urls import reverse

from clearances.models import Clearance
from directory.classification import Classification
from directory.models import Organisation, Person
from dossiers.models import CommitteeReport, Dossier

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = django_settings.DEMO_PASSWORD
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (390, 1366)


def officer_pages() -> list[str]:
    dossier = Dossier.objects.filter(classification=Classification.NIET_GECLASSIFICEERD).first()
    clearance = Clearance.objects.first()
    report = CommitteeReport.objects.first()
    pages = [
        reverse("home"),
        reverse("dossiers:list"),
        reverse("dossiers:create"),
        dossier.get_absolute_url(),
        reverse("dossiers:update", args=[dossier.pk]),
        reverse("dossiers:history", args=[dossier.pk]),
        reverse("dossiers:grants", args=[dossier.pk]),
        reverse("clearances:list"),
        reverse("clearances:detail", args=[clearance.pk]),
        reverse("clearances:person_detail", args=[clearance.person_id]),
        reverse("clearances:coverage"),
        reverse("network:organisation_list"),
        reverse("network:organisation_detail", args=[clearance.person.organisation_id]),
        reverse("network:contact_list"),
        reverse("network:contact_detail", args=[clearance.person_id]),
        reverse("dossiers:reports"),
        reverse("audit"),
        reverse("inbox"),
        reverse("reminder_settings"),
    ]
    if report:
        pages.append(reverse("dossiers:report_detail", args=[report.pk]))
    return pages


def security_officer_pages() -> list[str]:
    own = Person.objects.filter(organisation__short_name="DOV", clearances__isnull=False).first()
    return [
        reverse("home"),
        reverse("dossiers:list"),
        reverse("clearances:list"),
        reverse("clearances:person_detail", args=[own.pk]),
        reverse("clearances:coverage"),
        reverse("network:organisation_detail", args=[own.organisation_id]),
        reverse("inbox"),
    ]


def cabinet_pages() -> list[str]:
    return [
        reverse("home"),
        reverse("dossiers:list"),
        reverse("network:organisation_list"),
        reverse("network:organisation_detail", args=[Organisation.objects.first().pk]),
    ]


ROLES = [
    ("officer", officer_pages),
    ("vo-onderwijs", security_officer_pages),
    ("kabinet", cabinet_pages),
]


def wcag_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


FOCUS_OUTLINE = """() => {
  const style = getComputedStyle(document.activeElement);
  return [document.activeElement.className, style.outlineStyle, style.outlineColor,
          parseFloat(style.outlineWidth)];
}"""


def assert_header_focus_is_white(page) -> None:
    """The keyboard focus on the dark header is a white ring (12:1), not Bootstrap's glow."""
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the portal's name in the header
    name, style, colour, width = page.evaluate(FOCUS_OUTLINE)
    assert "navbar-brand" in name
    assert (style, colour) == ("solid", "rgb(255, 255, 255)") and width >= 2


def test_every_main_page_reflows_at_320_px_and_passes_axe(demo, journey):
    problems = []
    for username, pages in ROLES:
        visitor = journey(f"reflow-{username}")
        page = visitor.page
        visitor.log_in(username, PASSWORD)
        assert_header_focus_is_white(page)
        paths = pages()
        page.set_viewport_size({"width": 320, "height": 640})
        for path in paths:
            visitor.goto(path)
            width = page.evaluate("document.scrollingElement.scrollWidth")
            if width > 320:
                problems.append(f"{username} {path}: {width} px wide at 320 px")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                visitor.goto(path)
                problems += [
                    f"{username} {path} at {width} px: {violation}"
                    for violation in wcag_violations(page)
                ]
    assert problems == [], "\n".join(problems)
