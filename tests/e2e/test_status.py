"""The top bar, the canvas and the problems bar tell one story: while the definitions load,
once they have loaded, and while the project does not load."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, Route, WebSocketRoute, expect

from tests.support import Designer, written

LONG = 60_000  # a load of the project on a busy machine
ONE_ASSET = "import dagster as dg\n\n\n@dg.asset\ndef status_orders() -> None: ...\n"


@pytest.fixture
def module(defs_root: Path) -> Iterator[Path]:
    """A module with one asset; requested before `page`, so that the page is closed before it
    goes."""
    with written(defs_root, {"status_check/assets.py": ONE_ASSET}):
        yield defs_root / "status_check/assets.py"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class HeldDefinitions:
    """Holds the page's first definitions (the request and the live channel) until released."""

    def __init__(self, page: Page) -> None:
        self.holding = True
        self.requests: list[Route] = []
        self.pushes: list[tuple[WebSocketRoute, str | bytes]] = []
        page.route(re.compile(r".*/api/v1/projects/[^/]+/definitions$"), self.on_request)
        page.route_web_socket(re.compile(r".*/api/v1/projects/[^/]+/live$"), self.on_socket)

    def on_request(self, route: Route) -> None:
        if self.holding:
            self.requests.append(route)
        else:
            route.continue_()

    def on_socket(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def on_message(message: str | bytes) -> None:
            if self.holding:
                self.pushes.append((socket, message))
            else:
                socket.send(message)

        server.on_message(on_message)

    def release(self) -> None:
        self.holding = False
        for route in self.requests:
            route.continue_()
        for socket, message in self.pushes:
            socket.send(message)


def test_the_top_bar_agrees_with_the_canvas(
    module: Path, page: Page, designer: Designer, project: dict, api: httpx.Client
) -> None:
    held = HeldDefinitions(page)
    page.goto(f"{designer.url}/projects/{project['id']}")
    top = page.locator(".top-bar")
    problems = page.get_by_role("region", name="Problems of the project")
    assets_tab = page.get_by_role("tab", name=re.compile(r"^Assets \d+$"))

    # loading: said as such, not as a stopped worker, and not as "no problems"
    expect(top).to_contain_text("loading definitions…", timeout=LONG)
    expect(problems).to_contain_text("Loading definitions…")
    expect(problems).not_to_contain_text("No problems")
    expect(top).not_to_contain_text("worker stopped")

    # loaded: the top bar counts what the canvas shows
    held.release()
    node = page.locator('[data-node="status_check/assets.py"]')
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset", timeout=LONG)
    count = len(api.get(f"/projects/{project['id']}/definitions").json()["assets"])
    expect(top).to_contain_text(plural(count, "asset"))
    expect(assets_tab).to_have_text(f"Assets {count}")
    expect(problems).to_contain_text("No problems")

    # broken: the canvas keeps the last load, and the top bar counts the same assets
    module.write_text("import dagster as dg\n\ndef broken(:\n")
    expect(problems).to_contain_text("⚠ 1 problem", timeout=LONG)
    expect(page.get_by_text("The project does not load right now")).to_be_visible()
    expect(top).to_contain_text(f"{plural(count, 'asset')} (last load)")
    expect(assets_tab).to_have_text(f"Assets {count}")
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset (last load)")
