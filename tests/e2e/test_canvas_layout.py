"""The component view lays itself out, places new nodes where they can be seen, and every move,
a Tidy included, is undone by Ctrl+Z; a press on a handle draws, it never moves the node."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.support import Designer, written

LONG = 60_000  # Dagster's scaffolder and a load of the project on a busy machine
LAYOUT = ".dagster-designer/layout.json"
FILES = {
    "laid_out/layout_one.py": "import dagster as dg\n\n\n"
    "@dg.asset\ndef layout_one() -> None: ...\n",
    "laid_out/layout_two.py": "import dagster as dg\n\n\n"
    '@dg.asset(deps=["layout_one"])\ndef layout_two() -> None: ...\n',
}
EDGE = '[data-id="laid_out/layout_one.py->laid_out/layout_two.py"]'

Box = dict[str, float]


@pytest.fixture
def layout_kept(project_root: Path) -> Iterator[None]:
    """The shared project's saved positions are put back as they were after the test."""
    path = project_root / LAYOUT
    before = path.read_text() if path.exists() else None
    yield
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(before)


@pytest.fixture
def two_files(defs_root: Path, layout_kept: None) -> Iterator[Path]:
    with written(defs_root, FILES):
        yield defs_root


@pytest.fixture
def scaffolded(defs_root: Path) -> Iterator[Path]:
    """Where the component added in the browser goes; requested before `page`, so that the page
    is closed before the folder is removed."""
    path = defs_root / "placed_script"
    yield path
    shutil.rmtree(path, ignore_errors=True)


def box_of(locator: Locator) -> Box:
    box = locator.bounding_box()
    assert box, "the element is not rendered"
    return box


def overlap(a: Box, b: Box) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(inner: Box, outer: Box) -> bool:
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def node_boxes(page: Page) -> dict[str, Box]:
    nodes = page.locator("[data-node]")
    return {n.get_attribute("data-node") or "": box_of(n) for n in nodes.all()}


def assert_apart(page: Page) -> None:
    boxes = list(node_boxes(page).items())
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            assert not overlap(a, b), f"{first} and {second} overlap: {a} {b}"


# The last move and the release in one task of the page, as a busy browser delivers them: the
# release comes before the view has drawn the node where the last move put it.
MOVE_AND_RELEASE = """([x, y]) => {
    const at = {clientX: x, clientY: y, bubbles: true, cancelable: true, view: window}
    const under = document.elementFromPoint(x, y) ?? document.body
    under.dispatchEvent(new MouseEvent('mousemove', {...at, buttons: 1}))
    under.dispatchEvent(new MouseEvent('mouseup', {...at, buttons: 0}))
}"""


def drag_by(
    page: Page,
    node: Locator,
    dx: float,
    dy: float,
    grip: str = ".component-node-head",
    *,
    release_at_once: bool = False,
) -> None:
    head = box_of(node.locator(grip))
    x, y = head["x"] + head["width"] / 2, head["y"] + head["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=5)
    if release_at_once:
        page.mouse.move(x + dx * 0.9, y + dy * 0.9, steps=3)
        page.evaluate(MOVE_AND_RELEASE, [x + dx, y + dy])
        # the page's own button state: Playwright's mouse was never released
        page.mouse.up()
        return
    page.mouse.move(x + dx, y + dy, steps=5)
    page.mouse.up()


def place_of(node: Locator) -> Box:
    """The node's place in the graph (not on screen: a fit after Tidy moves the view)."""
    x, y = node.evaluate(
        """n => {
            const m = /translate\\(([-\\d.]+)px, ?([-\\d.]+)px\\)/.exec(
                n.closest('.react-flow__node').style.transform)
            return [Number(m[1]), Number(m[2])]
        }"""
    )
    return {"x": x, "y": y}


def wait_place(page: Page, node: Locator, near: Box, *, equal: bool) -> None:
    """Waits until the node's place in the graph is (or is no longer) `near`."""
    deadline = time.monotonic() + LONG / 1000
    while True:
        place = place_of(node)
        same = abs(place["x"] - near["x"]) < 1 and abs(place["y"] - near["y"]) < 1
        if same == equal:
            return
        assert time.monotonic() < deadline, f"{place} {'is not' if equal else 'is still'} {near}"
        page.wait_for_timeout(100)


def settled(page: Page) -> None:
    """Waits until the view has stopped moving (the first fit is animated)."""
    page.wait_for_function(
        """() => {
            const view = document.querySelector('.react-flow__viewport')?.style.transform
            const now = performance.now()
            const last = window.__lastView
            if (!last || last.view !== view) {
                window.__lastView = { view, since: now }
                return false
            }
            return now - last.since > 800
        }""",
        polling=100,
        timeout=LONG,
    )


def open_project(page: Page, designer: Designer, project: dict) -> tuple[Locator, Locator]:
    page.goto(f"{designer.url}/projects/{project['id']}")
    one = page.locator('[data-node="laid_out/layout_one.py"]')
    two = page.locator('[data-node="laid_out/layout_two.py"]')
    expect(one).to_be_visible()
    expect(two).to_be_visible()
    expect(page.locator(".top-bar")).to_contain_text("live")
    # a press on a node that the first fit is still moving misses it
    settled(page)
    return one, two


def test_a_move_and_a_tidy_are_undone_by_ctrl_z(
    page: Page, designer: Designer, project: dict, two_files: Path
) -> None:
    one, _ = open_project(page, designer, project)
    assert_apart(page)
    start = place_of(one)
    drag_by(page, one, 120, 90)
    wait_place(page, one, start, equal=False)
    moved = place_of(one)
    page.keyboard.press("Control+z")
    wait_place(page, one, start, equal=True)

    # moved again, then tidied: the layout puts it back; undo brings back where it was dragged
    drag_by(page, one, 120, 90)
    wait_place(page, one, moved, equal=True)
    page.get_by_role("button", name="Tidy").click()
    wait_place(page, one, start, equal=True)
    settled(page)
    assert_apart(page)
    page.keyboard.press("Control+z")
    wait_place(page, one, moved, equal=True)


# every place the node is drawn at (visible), in graph coordinates, from the page's first frame
DRAWN_PLACES = """
window.__drawn = []
new MutationObserver(() => {
    const node = document.querySelector('.react-flow__node[data-id="laid_out/layout_one.py"]')
    if (!node || node.style.visibility === 'hidden') return
    const m = /translate\\(([-\\d.]+)px, ?([-\\d.]+)px\\)/.exec(node.style.transform)
    const place = m ? `${Math.round(Number(m[1]))},${Math.round(Number(m[2]))}` : null
    if (place && window.__drawn.at(-1) !== place) window.__drawn.push(place)
}).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['style'],
})
"""


def test_nodes_are_first_drawn_at_their_saved_places_when_those_arrive_last(
    page: Page, designer: Designer, project: dict, two_files: Path
) -> None:
    """A saved layout read after the definitions: no node is drawn at the engine's place and
    then jumps (a press aimed at it would land on the empty pane), and the view fits the saved
    places."""
    with designer.client() as api:
        saved = {"laid_out/layout_one.py": {"x": 2400, "y": 1800}}
        url = f"/projects/{project['id']}/layout"
        api.put(url, json={"positions": saved}).raise_for_status()
    held: list[Route] = []

    def hold(route: Route) -> None:
        if route.request.method == "GET":
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r".*/api/v1/projects/[^/]+/layout$"), hold)
    page.add_init_script(DRAWN_PLACES)
    with page.expect_response(re.compile(r".*/definitions$"), timeout=LONG) as answer:
        page.goto(f"{designer.url}/projects/{project['id']}")
    assert answer.value.ok
    expect(page.locator(".top-bar")).to_contain_text("live")
    # the definitions are on the page, the saved places not yet
    page.wait_for_function(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))"
    )
    assert held, "the layout was read before the definitions"
    held[0].continue_()

    one = page.locator('[data-node="laid_out/layout_one.py"]')
    expect(one).to_be_visible()
    settled(page)
    assert page.evaluate("window.__drawn") == ["2400,1800"]
    assert inside(box_of(one), box_of(page.get_by_test_id("canvas")))


def zoom_of(page: Page) -> float:
    return page.locator(".react-flow__viewport").evaluate(
        "v => new DOMMatrixReadOnly(getComputedStyle(v).transform).a"
    )


def zoom_at(page: Page, node: Locator, target: float) -> None:
    """Zooms with the wheel over the node (it stays under the pointer) until the zoom is near
    `target`."""
    deadline = time.monotonic() + LONG / 1000
    while abs((zoom := zoom_of(page)) - target) > 0.08:
        assert time.monotonic() < deadline, f"the zoom stays at {zoom}"
        head = box_of(node.locator(".component-node-head"))
        page.mouse.move(head["x"] + head["width"] / 2, head["y"] + head["height"] / 2)
        page.mouse.wheel(0, -40 if zoom < target else 40)
        page.wait_for_timeout(50)
    settled(page)


@pytest.mark.parametrize("zoom", [0.5, 1.5])
def test_a_press_on_a_handle_never_moves_the_node(
    zoom: float, page: Page, designer: Designer, project: dict, two_files: Path
) -> None:
    one, _ = open_project(page, designer, project)
    zoom_at(page, one, zoom)
    # its place in the graph: a connection drawn near the canvas's edge pans the view
    start = place_of(one)
    for side in ("right", "left"):
        handle = one.locator(f".react-flow__handle-{side}")
        # at least 16 px on screen whatever the zoom
        deadline = time.monotonic() + LONG / 1000
        while (area := box_of(handle))["width"] < 16 or area["height"] < 16:
            assert time.monotonic() < deadline, (area, zoom_of(page))
            page.wait_for_timeout(100)
        x, y = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 60, y + 80, steps=8)
        # the press draws a connection line, not a moved node
        expect(page.locator(".react-flow__connection")).to_have_count(1)
        page.mouse.up()
        assert place_of(one) == start


# The point of the bare pane nearest (x, y) towards the left, above and below: nothing there
# takes the press but the pane.
FREE_POINT = """([x, y]) => {
    for (let step = 0; step < 60; step++)
        for (const [sx, sy] of [[-step * 8, 0], [-step * 8, -step * 8], [-step * 8, step * 8]]) {
            const hit = document.elementFromPoint(x + sx, y + sy)
            if (hit?.closest('.react-flow__pane') &&
                !hit.closest('.react-flow__node, .react-flow__edge, .react-flow__handle'))
                return [x + sx, y + sy]
        }
    throw new Error('no bare pane near the node')
}"""


def test_the_minimap_steps_aside_from_a_node_panned_under_it(
    page: Page, designer: Designer, project: dict, two_files: Path
) -> None:
    one, _ = open_project(page, designer, project)
    minimap = page.locator(".react-flow__minimap")
    expect(minimap).not_to_have_class(re.compile(r"\bover-nodes\b"))
    # a pan (a drag on the empty pane near the node) that brings the node under the minimap
    node, area = box_of(one), box_of(minimap)
    dx = area["x"] + area["width"] / 2 - (node["x"] + node["width"] / 2)
    dy = area["y"] + area["height"] / 2 - (node["y"] + node["height"] / 2)
    # in the whole suite other components stand around: a press on one (or on an edge or a
    # handle) would move it instead of the view
    x, y = page.evaluate(FREE_POINT, [node["x"] - 15, node["y"] + node["height"] / 2])
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=10)
    page.mouse.up()
    assert overlap(box_of(one), area), (box_of(one), area)
    expect(minimap).to_have_class(re.compile(r"\bover-nodes\b"))
    # the node under it takes the click
    middle = (area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    under = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('[data-node]')?.dataset.node",
        list(middle),
    )
    assert under == "laid_out/layout_one.py"
    # the graph fitted again, the minimap is itself again
    page.keyboard.press("f")
    expect(minimap).not_to_have_class(re.compile(r"\bover-nodes\b"))


def test_new_components_land_apart_and_in_view(
    scaffolded: Path,
    page: Page,
    designer: Designer,
    project: dict,
    two_files: Path,
    project_root: Path,
) -> None:
    one, _ = open_project(page, designer, project)
    # a user-placed node: from now on the layout is the user's, and a new one must find room
    drag_by(page, one, 30, 0)
    expect(page.get_by_role("button", name="Undo")).to_be_enabled()
    assert_apart(page)

    page.keyboard.press("+")
    picker = page.get_by_role("dialog", name="Add a component")
    picker.get_by_label("Search components").fill("python script")
    picker.get_by_role("button", name="Add Python Script").click()
    dialog = page.get_by_role("dialog", name="Add Python Script")
    dialog.locator("#scaffold-path").fill("placed_script")
    dialog.locator('[id="new-attr.execution.path"]').fill("placed.py")
    dialog.get_by_role("button", name="Scaffold").click()
    node = page.locator('[data-node="placed_script"]')
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset", timeout=LONG)
    page.wait_for_function(
        """() => {
            const node = document.querySelector('[data-node="placed_script"]')
                ?.getBoundingClientRect()
            const view = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect()
            return !!node && !!view && node.left >= view.left && node.top >= view.top &&
                node.right <= view.right && node.bottom <= view.bottom
        }""",
        timeout=LONG,
    )
    assert_apart(page)
    # its place is saved at once, not at the next move
    layout = project_root / LAYOUT
    deadline = time.monotonic() + LONG / 1000
    while '"placed_script"' not in (layout.read_text() if layout.exists() else ""):
        assert time.monotonic() < deadline, layout.read_text()
        page.wait_for_timeout(100)


def test_the_keys_and_the_minimap_leave_the_graph_readable(
    page: Page, designer: Designer, project: dict, two_files: Path
) -> None:
    open_project(page, designer, project)
    # the dependency points at what depends
    edge = page.locator(f"{EDGE} path.react-flow__edge-path")
    expect(edge).to_have_attribute("marker-end", re.compile(r"url\(.+\)"))
    settled(page)
    for control in (".react-flow__minimap", ".react-flow__controls"):
        area = box_of(page.locator(control))
        for name, box in node_boxes(page).items():
            assert not overlap(area, box), f"{control} covers {name}"

    page.keyboard.press("?")
    shortcuts = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(shortcuts.get_by_role("row").filter(has_text="Add a component")).to_contain_text("+")
    expect(shortcuts.get_by_role("row").filter(has_text="Tidy")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(shortcuts).to_have_count(0)
    page.keyboard.press("+")
    expect(page.get_by_role("dialog", name="Add a component")).to_be_visible()


THIRD = {
    "laid_out/layout_three.py": "import dagster as dg\n\n\n"
    "@dg.asset\ndef layout_three() -> None: ...\n"
}


# more components, so that the fitted view zoomed out three steps is below the far zoom of large
# graphs: a small graph's edges stay routed there (they were drawn straight, behind the node)
OTHERS = {
    f"elsewhere_{i}/assets.py": "import dagster as dg\n\n\n"
    f"@dg.asset\ndef elsewhere_{i}() -> None: ...\n"
    for i in range(5)
}


@pytest.fixture
def three_files(defs_root: Path, layout_kept: None) -> Iterator[Path]:
    with written(defs_root, {**FILES, **THIRD, **OTHERS}):
        yield defs_root


# Samples the edge's drawn line (in screen pixels) and names a node (of those `nodes` selects, by
# default the component view's) it runs behind, if any.
BEHIND = """([edge, margin, nodes = '[data-node]']) => {
    const path = document.querySelector(edge + ' path.react-flow__edge-path')
    if (!path) return 'no edge'
    const matrix = path.getScreenCTM()
    const boxes = [...document.querySelectorAll(nodes)]
        .map(n => [n.dataset.node ?? n.dataset.assetNode, n.getBoundingClientRect()])
    const length = path.getTotalLength()
    for (let at = 0; at <= length; at += 3) {
        const p = path.getPointAtLength(at)
        const { x, y } = new DOMPoint(p.x, p.y).matrixTransform(matrix)
        for (const [name, b] of boxes) {
            if (x > b.left + margin && x < b.right - margin &&
                y > b.top + margin && y < b.bottom - margin) {
                return `${name} at ${Math.round(x)},${Math.round(y)}: ${path.getAttribute('d')}`
            }
        }
    }
    return null
}"""


def test_edges_go_around_a_node_moved_onto_their_way(
    page: Page, designer: Designer, project: dict, three_files: Path
) -> None:
    one, two = open_project(page, designer, project)
    three = page.locator('[data-node="laid_out/layout_three.py"]')
    for _ in range(3):
        page.locator(".react-flow__controls-zoomout").click()
    settled(page)
    # one, then a wide gap, then two on the same row; three dropped in the gap, on the line
    a = box_of(one)
    b = box_of(two)
    drag_by(page, two, a["x"] + 2.6 * a["width"] - b["x"], a["y"] - b["y"])
    b = box_of(two)
    c = box_of(three)
    middle = (a["x"] + a["width"] + b["x"]) / 2
    drag_by(page, three, middle - c["width"] / 2 - c["x"], a["y"] - 0.2 * a["height"] - c["y"])
    c = box_of(three)
    line_y = a["y"] + a["height"] / 2
    assert c["x"] > a["x"] + a["width"] and c["x"] + c["width"] < b["x"], (a, b, c)
    assert c["y"] < line_y < c["y"] + c["height"], (a, c)
    # the edge is routed around every node, three included (the routing may take a moment)
    deadline = time.monotonic() + LONG / 1000
    while (behind := page.evaluate(BEHIND, [EDGE, 3])) is not None:
        assert time.monotonic() < deadline, (
            f"the edge runs behind {behind}",
            page.evaluate("() => JSON.stringify(window.__designerMetrics?.edgeRoutes)"),
        )
        page.wait_for_timeout(100)


COMPONENT = """\
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: run.py
  assets:
    - key: escaped_orders
"""


@pytest.fixture
def component(defs_root: Path) -> Iterator[Path]:
    with written(defs_root, {"escaped/defs.yaml": COMPONENT, "escaped/run.py": ""}):
        yield defs_root / "escaped/defs.yaml"


def test_escape_closes_the_completion_and_the_editor_keeps_the_keys(
    component: Path, page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="escaped"]').click()
    panel = page.get_by_role("complementary", name="Properties")
    panel.get_by_role("tab", name="YAML").click()
    editor = panel.get_by_role("textbox").first
    expect(editor).to_contain_text("path: run.py")
    # a new first line: the top-level keys of a component file are offered
    editor.get_by_text("path: run.py").click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowUp")
    page.keyboard.type("p")
    completion = page.locator(".cm-tooltip-autocomplete")
    expect(completion).to_be_visible()
    page.keyboard.press("Escape")
    expect(completion).to_have_count(0)
    page.keyboard.type("_kept")
    expect(editor).to_contain_text("p_kept")
    expect(panel.get_by_role("heading", name="escaped")).to_be_visible()
