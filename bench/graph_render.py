"""How fast the asset graph paints and moves in headless Chromium, at 2000 and 5000 assets.

    .venv/bin/python bench/graph_render.py [--sizes 5000 10000]

Generates projects with bench/synth.py, opens each in the designer's asset view and reads the
timings the page records itself: from the definitions' arrival in the browser to the graph
painted (layout in the Web Worker included), first with an empty layout cache, then again with
the cached layout. Then pans and zooms with the mouse and records every frame's duration.
The baseline of the ratio is the uncached open of the same graph in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import synth
from harness import TOKEN, designer, percentile

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
CLEAR_LAYOUT_CACHE = """
Object.keys(localStorage)
  .filter((key) => key.startsWith('designer-layout'))
  .forEach((key) => localStorage.removeItem(key));
"""


def painted_ms(page: Page, assets: int, timeout: float = 300) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records = page.evaluate("(window.__designerMetrics || {}).assetGraphPainted || []")
        done = [r for r in records if r["assets"] == assets]
        if done:
            return float(done[-1]["ms"])
        time.sleep(0.05)
    raise TimeoutError("the asset graph was not painted")


def open_asset_view(page: Page, url: str, project_id: str, assets: int, *, clear: bool) -> float:
    if clear:
        page.evaluate(CLEAR_LAYOUT_CACHE)
    page.goto(f"{url}/projects/{project_id}")
    return painted_ms(page, assets)


def frame_times(page: Page) -> list[float]:
    """Frame durations (ms) while dragging the canvas around and zooming in and out."""
    page.evaluate(FRAME_RECORDER)
    box = page.get_by_test_id("asset-canvas").bounding_box()
    assert box is not None
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
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
    f"{'frame p50':>10} {'frame p95':>10} {'fps p50':>8}"
)


def report(count: int, cold: float, warm: float, frames: list[float]) -> None:
    """One row as soon as a size is measured: a larger size that fails keeps the smaller ones."""
    p50, p95 = percentile(frames, 0.5), percentile(frames, 0.95)
    print(
        f"{count:>6} {cold / 1000:>16.2f}s {warm / 1000:>16.2f}s {warm / cold:>15.2f}x "
        f"{p50:>8.1f}ms {p95:>8.1f}ms {1000 / p50:>8.0f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000])
    sizes = parser.parse_args().sizes
    base = Path(tempfile.mkdtemp(prefix="designer-graph-"))
    print(HEADER, flush=True)
    try:
        projects = {count: base / f"graph_{count}" for count in sizes}
        for count, root in projects.items():
            synth.make(root, py_files=count // 20, per_file=20, yaml=0)
        with (
            designer(base / "workspace", "--load-timeout", "900") as server,
            server.client() as client,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
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
                frames = frame_times(page)
                warm = statistics.median(
                    open_asset_view(page, server.url, project["id"], count, clear=False)
                    for _ in range(3)
                )
                report(count, cold, warm, frames)
                context.close()
            browser.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
