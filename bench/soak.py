"""Memory over a long session of edits and runs: the resident memory (RSS) of the server, the
project's worker, its run processes and every other child, sampled while a loop edits the
project and runs an asset.

    .venv/bin/python bench/soak.py [--minutes 60] [--every 10] [--csv soak-rss.csv]
        [--svg docs/soak-rss.svg] [--from-csv]

Generates a small project with bench/synth.py (8 Python assets, 2 YAML components), opens it in
a designer server started as a user starts it, then loops until the time is up: an edit of a
.py file and of a defs.yaml through the files API, each followed by `GET /definitions` until
the edit shows, and a run of one asset through the runs API, waited to its end. Every `--every`
seconds it sums the RSS of the server's process tree by kind (server, worker, run processes,
other children: `dg dev`, the completion process) into the CSV, and at the end writes a
hand-drawn SVG plot of it. Prints the start, end and max RSS per kind and the slope over the
last half (MB per hour: near 0 when memory is bounded). `--from-csv` prints the figures and
draws the plot of a CSV it wrote (a run still going, or one done).
"""

from __future__ import annotations

import argparse
import csv
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path

import httpx

import synth
from harness import designer
from live_reload import edit_python, edit_yaml

KINDS = ("server", "worker", "run", "other")
COLORS = {
    "server": "#1f77b4",
    "worker": "#d62728",
    "run": "#2ca02c",
    "other": "#9467bd",
    "all": "#222222",
}
ASSET = "py_000_000"
PY_FILE = "py_assets/module_000.py"
YAML_FILE = "yaml_comps/comp_000/defs.yaml"
DEADLINE = 600.0  # seconds any one step may take on a shared, busy machine


# ------------------------------------------------------------------------------------------
# sampling


def _processes() -> dict[int, tuple[int, list[str], int]]:
    """pid -> (parent pid, argv, RSS in KB) of every process we can read."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # ended while read
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0])
        found[int(entry.name)] = (
            int(fields["PPid"]),
            [a.decode(errors="replace") for a in argv],
            rss,
        )
    return found


def _own_kind(argv: list[str]) -> str | None:
    """A worker is started as `python -c BOOTSTRAP INIT PACKAGE MODE ...` (see launch.py)."""
    if len(argv) > 5 and argv[1] == "-c" and "dagster_designer_worker" in argv[2]:
        return {"serve": "worker", "run": "run"}.get(argv[5], "other")
    return None


def sample(root: int) -> tuple[dict[str, float], int]:
    """MB of RSS per kind in the tree under `root`, and how many processes it has. A child of
    a worker or run process (a step's subprocess) counts as its ancestor's kind."""
    table = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _argv, _rss) in table.items():
        children.setdefault(parent, []).append(pid)
    totals = dict.fromkeys(KINDS, 0.0)
    count = 0
    stack = [(root, "server")]
    while stack:
        pid, inherited = stack.pop()
        if pid not in table:
            continue
        _parent, argv, rss = table[pid]
        kind = (
            "server"
            if pid == root
            else _own_kind(argv) or (inherited if inherited in ("worker", "run") else "other")
        )
        totals[kind] += rss / 1024
        count += 1
        stack.extend((child, kind) for child in children.get(pid, ()))
    return totals, count


class Sampler(threading.Thread):
    def __init__(self, root: int, every: float, out: Path) -> None:
        super().__init__(daemon=True)
        self.root, self.every, self.out = root, every, out
        self.rows: list[dict[str, float]] = []
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.cycles = 0  # edit-and-run cycles done: the loop counts them

    def run(self) -> None:
        with self.out.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["seconds", *(f"{k}_mb" for k in KINDS), "processes", "cycles"])
            while not self.stop.is_set():
                totals, count = sample(self.root)
                seconds = time.monotonic() - self.started
                row = {"seconds": seconds, **totals, "processes": count, "cycles": self.cycles}
                self.rows.append(row)
                mbs = (f"{totals[k]:.1f}" for k in KINDS)
                writer.writerow([f"{seconds:.0f}", *mbs, count, self.cycles])
                handle.flush()
                self.stop.wait(self.every)


# ------------------------------------------------------------------------------------------
# the loop


def wait_until(check, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{what} within {DEADLINE:.0f} s")


def edit(client: httpx.Client, project: dict, path: str, change, original: str) -> None:  # type: ignore[no-untyped-def]
    """Write the change through the files API; wait until the definitions show it."""
    marker = f"soak-{secrets.token_hex(4)}"
    file = f"{project['defs_path']}/{path}"
    client.put(f"/projects/{project['id']}/files/{file}", content=change(original, marker))

    def shows() -> bool:
        answer = client.get(f"/projects/{project['id']}/definitions")
        return answer.is_success and marker in answer.text

    wait_until(shows, f"the edit of {path} did not show")


def run_asset(client: httpx.Client, project_id: str) -> str:
    """One run of the asset, to its end; its status."""
    answer = client.post(f"/projects/{project_id}/runs", json={"selection": f"key:{ASSET}"})
    answer.raise_for_status()
    run_id = answer.json()["run_id"]
    status = {"status": "STARTING"}

    def ended() -> bool:
        status.update(client.get(f"/projects/{project_id}/runs/{run_id}").json())
        return status["status"] in ("SUCCESS", "FAILURE", "CANCELED")

    wait_until(ended, f"run {run_id} did not end")
    return status["status"]


# ------------------------------------------------------------------------------------------
# figures


def slope(rows: list[dict[str, float]], kind: str) -> float:
    """Least-squares slope of the kind's RSS over the last half of the samples, MB per hour."""
    half = rows[len(rows) // 2 :]
    if len(half) < 2:
        return 0.0
    xs = [r["seconds"] / 3600 for r in half]
    ys = [r[kind] for r in half]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0


def total(row: dict[str, float]) -> float:
    return sum(row[k] for k in KINDS)


def svg(rows: list[dict[str, float]], title: str) -> str:
    """A line per kind, minutes across, MB up; no dependency, so drawn by hand."""
    width, height, left, right, top, bottom = 760, 360, 60, 120, 36, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    end = max(rows[-1]["seconds"], 1.0) / 60
    series = {**{k: [r[k] for r in rows] for k in KINDS}, "all": [total(r) for r in rows]}
    peak = max(series["all"])
    step = next(s for s in (25, 50, 100, 200, 250, 500, 1000, 2000, 5000) if peak / s <= 6)
    top_mb = step * (int(peak // step) + 1)
    minute_step = next(s for s in (1, 2, 5, 10, 15, 30, 60) if end / s <= 8)

    def x(minutes: float) -> float:
        return left + plot_w * minutes / end

    def y(mb: float) -> float:
        return top + plot_h * (1 - mb / top_mb)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">{title}</text>',
    ]
    for mb in range(0, top_mb + 1, step):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(mb):.1f}" y2="{y(mb):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y(mb) + 4:.1f}" text-anchor="end">{mb}</text>'
        )
    minute = 0
    while minute <= end:
        parts.append(
            f'<line x1="{x(minute):.1f}" x2="{x(minute):.1f}" y1="{top}" y2="{top + plot_h}" '
            'stroke="#eee"/>'
            f'<text x="{x(minute):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{minute}'
            "</text>"
        )
        minute += minute_step
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">minutes</text>'
        f'<text x="14" y="{top + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2})">RSS (MB)</text>'
    )
    for i, (kind, values) in enumerate(series.items()):
        points = " ".join(
            f"{x(r['seconds'] / 60):.1f},{y(v):.1f}" for r, v in zip(rows, values, strict=True)
        )
        parts.append(
            f'<polyline fill="none" stroke="{COLORS[kind]}" stroke-width="1.5" '
            f'points="{points}"/>'
            f'<rect x="{left + plot_w + 14}" y="{top + 10 + i * 20}" width="14" height="3" '
            f'fill="{COLORS[kind]}"/>'
            f'<text x="{left + plot_w + 34}" y="{top + 15 + i * 20}">{kind}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def soak(minutes: float, every: float, out: Path) -> tuple[list[dict[str, float]], dict[str, int]]:
    """The loop against a new project in a new server: the samples and the runs' statuses."""
    base = Path(tempfile.mkdtemp(prefix="designer-soak-"))
    statuses: dict[str, int] = {}
    try:
        root = base / "soak_project"
        synth.make(root, py_files=2, per_file=4, yaml=2)
        with designer(base / "workspace") as server, server.client() as client:
            project = client.post("/projects", json={"path": str(root)}).json()
            wait_until(
                lambda: client.get(f"/projects/{project['id']}").json()["status"] != "creating",
                "the project did not open",
            )
            project = client.get(f"/projects/{project['id']}").json()
            defs = root / project["defs_path"]
            originals = {p: (defs / p).read_text() for p in (PY_FILE, YAML_FILE)}
            client.get(f"/projects/{project['id']}/definitions").raise_for_status()
            sampler = Sampler(server.process.pid, every, out)
            sampler.start()
            ends = time.monotonic() + minutes * 60
            while time.monotonic() < ends:
                edit(client, project, PY_FILE, edit_python, originals[PY_FILE])
                edit(client, project, YAML_FILE, edit_yaml, originals[YAML_FILE])
                status = run_asset(client, project["id"])
                statuses[status] = statuses.get(status, 0) + 1
                sampler.cycles += 1
            sampler.stop.set()
            sampler.join(60)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return sampler.rows, statuses


def read_samples(path: Path) -> list[dict[str, float]]:
    with path.open() as handle:
        return [
            {
                "seconds": float(row["seconds"]),
                **{k: float(row[f"{k}_mb"]) for k in KINDS},
                "cycles": float(row["cycles"]),
            }
            for row in csv.DictReader(handle)
        ]


def report(rows: list[dict[str, float]], plot: Path) -> None:
    """The figures, printed, and the plot."""
    minutes = rows[-1]["seconds"] / 60
    cycles = int(rows[-1]["cycles"])
    plot.parent.mkdir(parents=True, exist_ok=True)
    title = (
        f"RSS over {minutes:.0f} min of edits and runs ({2 * cycles} edits, {cycles} runs; "
        "shared 2-core machine)"
    )
    plot.write_text(svg(rows, title))
    print(f"{minutes:.1f} min, {len(rows)} samples, {2 * cycles} edits, {cycles} runs")
    # run processes come and go (a warm one is replaced after each edit): the means of the
    # first and last quarters compare better than two single samples
    print(
        f"{'kind':8} {'start MB':>9} {'end MB':>8} {'max MB':>8} {'mean Q1':>8} "
        f"{'mean Q4':>8} {'Q4/Q1':>6} {'last-half slope':>16}"
    )
    rows = [{**r, "all": total(r)} for r in rows]
    quarter = max(1, len(rows) // 4)
    for kind in (*KINDS, "all"):
        series = [r[kind] for r in rows]
        first = sum(series[:quarter]) / quarter
        last = sum(series[-quarter:]) / quarter
        ratio = f"{last / first:5.2f}x" if first else "     -"
        print(
            f"{kind:8} {series[0]:9.0f} {series[-1]:8.0f} {max(series):8.0f} {first:8.0f} "
            f"{last:8.0f} {ratio} {slope(rows, kind):+11.1f} MB/h"
        )
    print(f"plot in {plot}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--csv", type=Path, default=Path("soak-rss.csv"))
    parser.add_argument("--svg", type=Path, default=Path("docs/soak-rss.svg"))
    parser.add_argument(
        "--from-csv", action="store_true", help="no soak: the figures and plot of --csv"
    )
    args = parser.parse_args()
    if args.from_csv:
        report(read_samples(args.csv), args.svg)
        return
    rows, statuses = soak(args.minutes, args.every, args.csv)
    print(f"runs: {statuses}")
    report(rows, args.svg)


if __name__ == "__main__":
    main()
