"""How fast the graphs paint and move in headless Chromium: the asset view at 2000 and 5000
assets, the components view at 300 components.

    .venv/bin/python bench/graph_render.py [--sizes 5000 10000] [--components 300]

Generates projects with bench/synth.py, opens each in the designer's asset view and reads the
timings the page records itself: from the definitions' arrival in the browser to the graph
painted (layout in the Web Worker included), first with an empty layout cache, then again with
the cached layout. Then pans and zooms with the mouse and records every frame's duration: at
once after the first open, while the designer's own work after an open (the warm run process
loading the definitions, the review) competes for the processor, and again from the same
opening view once the designer and its processes are quiet ("at rest").
The baseline of the ratio is the uncached open of the same graph in the same run. The
components view is measured the same way on a project of that many components (a tenth Python
modules of 5 assets, the rest YAML instances depending on them): its first open lays every
node out, the next ones find the places saved for the nodes the first open placed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page, sync_playwright

import synth
from harness import TOKEN, Server, designer, percentile

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FRAME_RECORDER = """
window.__frames = [];
let last = performance.now();
const tick = (now) => {
  window.__frames.push(now - last);
  last = now;
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
"""
EMPTY_POINT = """([left, top, width, height]) => {
  const spots = [];
  for (let dx = -0.3; dx <= 0.3; dx += 0.01)
    for (let dy = -0.3; dy <= 0.3; dy += 0.01) spots.push([dx, dy]);
  spots.sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
  for (const [dx, dy] of spots) {
    const x = left + width * (0.5 + dx), y = top + height * (0.5 + dy);
    const hit = document.elementFromPoint(x, y);
    // a node that can be dragged is marked nopan (a group's frame is not: a press on it pans)
    if (hit && hit.closest('.react-flow__pane') && !hit.closest('.nopan, .react-flow__edge'))
      return [x, y];
  }
  throw new Error('no free point on the canvas');
}"""
CLEAR_LAYOUT_CACHE = """
Object.keys(localStorage)
  .filter((key) => key.startsWith('designer-layout'))
  .forEach((key) => localStorage.removeItem(key));
"""


def painted_ms(page: Page, metric: str, count: int | None, timeout: float = 300) -> float:
    """The page's own figure `metric` for a graph of `count` nodes (any count when None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records = page.evaluate(f"(window.__designerMetrics || {{}}).{metric} || []")
        done = [r for r in records if count is None or r.get("assets", r.get("nodes")) == count]
        if done:
            return float(done[-1]["ms"])
        time.sleep(0.05)
    raise TimeoutError(f"no {metric}")


def open_asset_view(page: Page, url: str, project_id: str, assets: int, *, clear: bool) -> float:
    if clear:
        page.evaluate(CLEAR_LAYOUT_CACHE)
    page.goto(f"{url}/projects/{project_id}")
    return painted_ms(page, "assetGraphPainted", assets)


def open_components_view(page: Page, url: str, project_id: str) -> tuple[float, float, int]:
    """The first paint, the layout's own time and the number of nodes of one open."""
    page.goto(f"{url}/projects/{project_id}")
    painted = painted_ms(page, "componentGraphPainted", None)
    records = page.evaluate("window.__designerMetrics.componentLayout")
    nodes = int(max(r["nodes"] for r in records))
    return painted, float(records[-1]["ms"]), nodes


def frame_times(page: Page, canvas: str = "asset-canvas") -> list[float]:
    """Frame durations (ms) while dragging the canvas around and zooming in and out."""
    page.evaluate(FRAME_RECORDER)
    box = page.get_by_test_id(canvas).bounding_box()
    assert box is not None
    # a press on the pane pans (one on a node would drag the node): the free point nearest the
    # middle of the canvas
    cx, cy = page.evaluate(EMPTY_POINT, [box["x"], box["y"], box["width"], box["height"]])
    page.mouse.move(cx, cy)
    for _ in range(3):
        page.mouse.down()
        for step in range(30):
            page.mouse.move(cx - step * 12, cy - step * 4)
        for step in range(30):
            page.mouse.move(cx - (30 - step) * 12, cy - (30 - step) * 4)
        page.mouse.up()
        for _ in range(10):
            page.mouse.wheel(0, -120)
            page.wait_for_timeout(16)
        for _ in range(10):
            page.mouse.wheel(0, 120)
            page.wait_for_timeout(16)
    frames = page.evaluate("window.__frames")
    return [f for f in frames[1:] if f > 0]


HEADER = (
    f"{'assets':>6} {'painted (layout)':>17} {'painted (cached)':>17} {'cached/uncached':>16} "
    f"{'frame p50':>10} {'frame p95':>10} {'fps p50':>8} {'frames >25ms':>13} "
    f"{'at rest: p95':>13} {'>25ms':>6}"
)


def slow_share(frames: list[float]) -> float:
    """The share of frames that missed a 60 Hz refresh (over 1.5 intervals)."""
    return sum(f > 25 for f in frames) / len(frames)


def report(count: int, cold: float, warm: float, frames: list[float], at_rest: list[float]) -> None:
    """One row as soon as a size is measured: a larger size that fails keeps the smaller ones."""
    p50, p95 = percentile(frames, 0.5), percentile(frames, 0.95)
    print(
        f"{count:>6} {cold / 1000:>16.2f}s {warm / 1000:>16.2f}s {warm / cold:>15.2f}x "
        f"{p50:>8.1f}ms {p95:>8.1f}ms {1000 / p50:>8.0f} {slow_share(frames):>12.1%} "
        f"{percentile(at_rest, 0.95):>11.1f}ms {slow_share(at_rest):>6.1%}",
        flush=True,
    )


def measure_components(browser: Browser, server: Server, client: httpx.Client, root: Path) -> None:
    project = client.post("/projects", json={"path": str(root)}).json()
    client.get(f"/projects/{project['id']}/definitions")  # loaded once server-side
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_init_script(f"localStorage.setItem('designer-view:{project['id']}', 'components')")
    page = context.new_page()
    page.goto(f"{server.url}/?token={TOKEN}")
    cold, layout_ms, nodes = open_components_view(page, server.url, project["id"])
    frames = frame_times(page, "canvas")
    warm = statistics.median(
        open_components_view(page, server.url, project["id"])[0] for _ in range(3)
    )
    server.wait_until_quiet()
    at_rest = frame_times(page, "canvas")
    p50, p95 = percentile(frames, 0.5), percentile(frames, 0.95)
    print(
        f"components view, {nodes} nodes: painted {cold / 1000:.2f}s (layout {layout_ms:.0f} ms "
        f"in the Web Worker), reopened {warm / 1000:.2f}s ({warm / cold:.2f}x), frame p50 "
        f"{p50:.1f}ms p95 {p95:.1f}ms, {slow_share(frames):.1%} of frames over 25 ms; at rest "
        f"p95 {percentile(at_rest, 0.95):.1f}ms, {slow_share(at_rest):.1%} over 25 ms",
        flush=True,
    )
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 5000])
    parser.add_argument("--components", type=int, nargs="*", default=[300])
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="designer-graph-"))
    try:
        projects = {count: base / f"graph_{count}" for count in args.sizes}
        for count, root in projects.items():
            synth.make(root, py_files=count // 20, per_file=20, yaml=0)
        views = {count: base / f"components_{count}" for count in args.components}
        for count, root in views.items():
            synth.make(root, py_files=count // 10, per_file=5, yaml=count - count // 10)
        with (
            designer(base / "workspace", "--load-timeout", "900") as server,
            server.client() as client,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for root in views.values():
                measure_components(browser, server, client, root)
            if projects:
                print(HEADER, flush=True)
            for count, root in projects.items():
                project = client.post("/projects", json={"path": str(root)}).json()
                client.get(f"/projects/{project['id']}/definitions")  # loaded once server-side
                context = browser.new_context(viewport={"width": 1600, "height": 1000})
                context.add_init_script(
                    f"localStorage.setItem('designer-view:{project['id']}', 'assets')"
                )
                page = context.new_page()
                page.goto(f"{server.url}/?token={TOKEN}")
                cold = open_asset_view(page, server.url, project["id"], count, clear=True)
                # at once, while the designer's work ahead of the user (the warm run process
                # loading the definitions, the review) shares the machine with the browser
                frames = frame_times(page)
                warm = statistics.median(
                    open_asset_view(page, server.url, project["id"], count, clear=False)
                    for _ in range(3)
                )
                # the same pans and zooms from the same opening view, once that work is done
                server.wait_until_quiet()
                report(count, cold, warm, frames, frame_times(page))
                context.close()
            browser.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
