"""Headless Debian Chromium driven by Playwright, against the real server."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

from tests.support import Designer

REFUSED = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, sandbox-free (CI runs as root) and without Chromium's own network traffic.
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# What a busy 2-core machine may need for a reload, a layout or a worker restart to show: the
# waits end as soon as their condition holds, so a generous bound costs nothing when all is well.
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


def describe(page: Page) -> None:
    """What the page showed when its test failed, printed into the failure's report."""
    with contextlib.suppress(Exception):
        print(f"the page at the failure: {page.url}\n{page.locator('body').aria_snapshot()[:6000]}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def refusals() -> set[int]:
    """HTTP statuses a test expects the server to answer (a refused save is a 412): Chromium
    logs each such answer as a console error, which is no problem then."""
    return set()


@pytest.fixture
def context_options() -> dict[str, Any]:
    """Playwright context options a test sets (a window size, a color scheme) over the defaults."""
    return {}


@contextlib.contextmanager
def watched_page(
    browser: Browser, designer: Designer, refusals: set[int], context_options: dict[str, Any]
) -> Iterator[Page]:
    """A page of a context of its own (a browser session: its own cookies and storage) on the
    designer; fails at the end on a console error, a page error or a request elsewhere."""
    context = browser.new_context(**{"viewport": {"width": 1500, "height": 950}, **context_options})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    problems: list[str] = []
    own = (designer.url, f"ws://127.0.0.1:{designer.port}", "data:", "blob:")

    def on_console(message: ConsoleMessage) -> None:
        refused = REFUSED.match(message.text)
        if refused and int(refused.group(1)) in refusals:
            return
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def on_request(request: Request) -> None:
        if not request.url.startswith(own):  # everything is bundled: no CDN, no telemetry
            problems.append(f"foreign request: {request.url}")

    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", on_console)
    page.on("request", on_request)
    page.goto(f"{designer.url}/?token={designer.token}")
    yield page
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(
    request: pytest.FixtureRequest,
    browser: Browser,
    designer: Designer,
    refusals: set[int],
    context_options: dict[str, Any],
) -> Iterator[Page]:
    with watched_page(browser, designer, refusals, context_options) as page:
        yield page
        if request.node.stash.get(FAILED, False):
            describe(page)


@pytest.fixture
def other_page(
    browser: Browser, designer: Designer, refusals: set[int], context_options: dict[str, Any]
) -> Iterator[Page]:
    """A second browser session on the same designer, beside `page`."""
    with watched_page(browser, designer, refusals, context_options) as page:
        yield page
