"""Many API clients at once against one project, for a while: latency per kind of request and
errors, against the same requests from one client in the same run.

    .venv/bin/python bench/load.py --clients 50 --seconds 60 [--project PATH]

Starts a designer on a new workspace and creates a project through the API (or opens the dg
project at PATH), adds a component to it, then runs the mix of what an open designer asks
for: the definitions, a file read, a component's form, a content search, and a save (over
its version) of a scratch file of the client's own. First one client for `--baseline`
seconds, then `--clients` at once for `--seconds`. Prints p50/p95/p99 per kind for both, the
ratio of the crowd's p99 to the lone client's, and every error (the run fails on any).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from harness import TOKEN, designer, new_project, percentile

COMPONENT = (
    "type: dagster.PythonScriptComponent\n\nattributes:\n  execution:\n    path: run.py\n"
    "  assets:\n    - key: load_orders\n"
)
SCRATCH = "load_scratch"


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)


Request = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]


def mix(base: str, n: int, instance: str) -> list[tuple[str, Request]]:
    """One client's round of requests, by kind; the save goes over the version it read."""
    etag: dict[str, str] = {}
    scratch = f"{base}/files/{SCRATCH}/{n}.txt"

    async def save(client: httpx.AsyncClient) -> httpx.Response:
        if "scratch" not in etag:
            etag["scratch"] = (await client.get(scratch)).headers["ETag"]
        text = f"client {n} at {time.time()}\n" * 20
        answer = await client.put(scratch, content=text, headers={"If-Match": etag["scratch"]})
        if answer.status_code == 200:
            etag["scratch"] = answer.headers["ETag"]
        return answer

    return [
        ("definitions", lambda c: c.get(f"{base}/definitions")),
        ("file read", lambda c: c.get(f"{base}/files/pyproject.toml")),
        ("form read", lambda c: c.get(f"{base}/defs/{instance}")),
        ("search", lambda c: c.get(f"{base}/search", params={"q": "load_orders"})),
        ("save", save),
    ]


async def client_loop(
    url: str, base: str, n: int, instance: str, until: float, tally: Tally
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=300) as client:
        requests = mix(base, n, instance)
        turn = n  # clients start at different kinds, as users do
        while time.monotonic() < until:
            kind, send = requests[turn % len(requests)]
            turn += 1
            started = time.perf_counter()
            try:
                answer = await send(client)
            except httpx.HTTPError as exc:
                tally.errors.append(f"{kind}: {type(exc).__name__} {exc}")
                continue
            tally.latencies[kind].append(time.perf_counter() - started)
            if answer.status_code != 200:
                tally.errors.append(f"{kind}: {answer.status_code} {answer.text[:200]}")


async def crowd(url: str, base: str, clients: int, seconds: float, instance: str) -> Tally:
    tally = Tally()
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(client_loop(url, base, n, instance, until, tally) for n in range(clients))
    )
    return tally


def figures(values: list[float]) -> str:
    if not values:
        return "no request"
    ms = [percentile(values, q) * 1000 for q in (0.5, 0.95, 0.99)]
    return f"p50 {ms[0]:7.0f}  p95 {ms[1]:7.0f}  p99 {ms[2]:7.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline", type=float, default=20, help="seconds of the lone client")
    parser.add_argument("--project", type=Path, help="an existing dg project to open")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, designer(Path(folder) / "workspace") as server:
        with server.client() as client:
            if args.project:
                opened = client.post("/projects", json={"path": str(args.project.resolve())})
                opened.raise_for_status()
                project = opened.json()
            else:
                project = new_project(client, "load_tested")
            base = f"/api/v1/projects/{project['id']}"
            root = Path(project["path"])
            component = f"{project['defs_path']}/load_orders"
            made = [
                client.put(f"/projects/{project['id']}/files/{component}/{name}", content=text)
                for name, text in (("defs.yaml", COMPONENT), ("run.py", "print('orders')\n"))
            ]
            made += [
                client.put(f"/projects/{project['id']}/files/{SCRATCH}/{n}.txt", content="\n")
                for n in range(args.clients)
            ]
            for answer in made:
                answer.raise_for_status()
            # the first load of the definitions is not what is measured
            client.get(f"/projects/{project['id']}/definitions").raise_for_status()
        try:
            lone = asyncio.run(crowd(server.url, base, 1, args.baseline, "load_orders"))
            many = asyncio.run(crowd(server.url, base, args.clients, args.seconds, "load_orders"))
        finally:
            with server.client() as client:
                client.delete(
                    f"/projects/{project['id']}/files/{SCRATCH}", params={"recursive": True}
                )
                client.delete(
                    f"/projects/{project['id']}/files/{component}", params={"recursive": True}
                )
    print(f"project {root}")
    for name, tally, seconds in (
        ("1 client", lone, args.baseline),
        (f"{args.clients} clients", many, args.seconds),
    ):
        total = sum(map(len, tally.latencies.values()))
        print(
            f"\n{name}, {seconds:g} s: {total} requests ({total / seconds:.0f}/s), "
            f"{len(tally.errors)} errors"
        )
        for kind in sorted(tally.latencies):
            print(f"  {kind:12} {len(tally.latencies[kind]):6}  {figures(tally.latencies[kind])}")
    print("\np99 of the crowd / p99 of the lone client:")
    for kind in sorted(many.latencies):
        ratio = percentile(many.latencies[kind], 0.99) / percentile(lone.latencies[kind], 0.99)
        print(f"  {kind:12} {ratio:6.1f}x")
    for error in many.errors[:20] + lone.errors[:20]:
        print("error:", error)
    return 1 if many.errors or lone.errors else 0


if __name__ == "__main__":
    sys.exit(main())
