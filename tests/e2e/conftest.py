"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, sync_playwright

from accounts.models import User
from tests.factories import verified_device

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread while the browser is
    # open; the ORM calls the tests themselves make are still synchronous and safe.
    # Allowed for this module only, so nothing else runs without Django's check.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, settings) -> None:
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    settings.DEBUG = False


class Journey:
    """One user's session in the browser: every page visited is checked and photographed."""

    def __init__(self, page: Page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.name = name
        self.step = 0
        self.csp_violations: list[str] = []
        page.on("console", self.watch_console)

    def watch_console(self, message: object) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def check(self, label: str) -> None:
        """Screenshot the page and hold it to WCAG 2.1 AA: no serious or critical violation."""
        self.step += 1
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(
            path=SCREENSHOTS / f"{self.name}-{self.step:02d}-{label}.png", full_page=True
        )
        results = Axe().run(
            self.page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        blocking = [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}×)"
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == [], f"{label}: {blocking}"
        assert self.csp_violations == [], self.csp_violations

    def log_in(self, username: str, password: str) -> None:
        user = User.objects.get(username=username)
        device = verified_device(user)
        self.goto("/login/")
        self.check("login")
        self.page.fill("#id_auth-username", username)
        self.page.fill("#id_auth-password", password)
        self.page.keyboard.press("Enter")
        self.page.wait_for_selector("#id_token-otp_token")
        self.page.fill("#id_token-otp_token", f"{totp(device.bin_key):06d}")
        self.page.keyboard.press("Enter")
        self.page.wait_for_selector("[data-testid=identity]")


@pytest.fixture
def journey(browser: Browser, live_server) -> Iterator:
    contexts = []

    def start(name: str) -> Journey:
        context = browser.new_context(locale="nl-BE", accept_downloads=True)
        contexts.append(context)
        return Journey(context.new_page(), live_server.url, name)

    yield start
    for context in contexts:
        context.close()
