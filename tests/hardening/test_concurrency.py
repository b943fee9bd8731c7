"""Many clients at once against one project: saves over the same version leave exactly one
winner and lose nothing, and a crowd of readers and writers gets no error."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.support import Designer, written

SAVES = 20


def _race(designer: Designer, send: list) -> list[httpx.Response]:
    """Sends every request of `send` (callables taking a client) at once, each on its own
    connection."""
    clients = [designer.client() for _ in send]
    try:
        with ThreadPoolExecutor(len(send)) as pool:
            return list(pool.map(lambda pair: pair[0](pair[1]), zip(send, clients, strict=True)))
    finally:
        for client in clients:
            client.close()


def test_parallel_file_saves_over_one_version_leave_exactly_one_winner(
    api: httpx.Client, designer: Designer, project: dict, project_root: Path
) -> None:
    url = f"/projects/{project['id']}/files/race_notes.md"
    with written(project_root, {"race_notes.md": "before\n"}):
        etag = api.get(url).headers["ETag"]
        texts = [f"writer {n}\n" for n in range(SAVES)]

        answers = _race(
            designer,
            [lambda c, t=t: c.put(url, content=t, headers={"If-Match": etag}) for t in texts],
        )

        codes = sorted(a.status_code for a in answers)
        assert codes == [200] + [412] * (SAVES - 1), codes
        winner = next(a for a in answers if a.status_code == 200)
        on_disk = (project_root / "race_notes.md").read_text()
        assert on_disk in texts
        assert winner.headers["ETag"] == api.get(url).headers["ETag"]
        # every loser was told the winner's version, so it can show the user both
        assert {a.json()["current_etag"] for a in answers if a.status_code == 412} == {
            winner.headers["ETag"]
        }


def test_parallel_form_saves_over_one_version_leave_exactly_one_winner(
    api: httpx.Client, designer: Designer, project: dict, defs_root: Path
) -> None:
    component = (
        "type: dagster.PythonScriptComponent\n\nattributes:\n  execution:\n"
        "    path: run.py\n  assets:\n    - key: race_orders\n"
    )
    files = {"race_form/defs.yaml": component, "race_form/run.py": "print('race')\n"}
    url = f"/projects/{project['id']}/defs/race_form"
    with written(defs_root, files):
        etag = api.get(url).headers["ETag"]

        def save(client: httpx.Client, n: int) -> httpx.Response:
            attributes = {
                "execution": {"path": "run.py"},
                "assets": [{"key": "race_orders", "description": f"writer {n}"}],
            }
            return client.put(url, json={"attributes": attributes}, headers={"If-Match": etag})

        answers = _race(designer, [lambda c, n=n: save(c, n) for n in range(SAVES)])

        codes = sorted(a.status_code for a in answers)
        assert codes == [200] + [412] * (SAVES - 1), codes
        saved = api.get(url).json()["attributes"]["assets"][0]["description"]
        assert saved.startswith("writer ")
        text = (defs_root / "race_form" / "defs.yaml").read_text()
        assert text.count("description:") == 1, text


def test_fifty_clients_for_twenty_seconds_get_no_error(
    designer: Designer, project: dict, project_root: Path
) -> None:
    """Fifty clients read the definitions, the file tree, a file and the git status, and each
    writes its own file, for twenty seconds: no error, and every write is on disk."""
    base = f"/projects/{project['id']}"
    deadline = time.monotonic() + 20
    folder = project_root / "crowd"
    folder.mkdir()

    def client_loop(n: int) -> tuple[list[float], int]:
        latencies, writes = [], 0
        reads = ["/definitions", "/files", "/files/pyproject.toml", "/git"]
        with designer.client() as client:
            while time.monotonic() < deadline:
                path = reads[(n + len(latencies)) % len(reads)]
                started = time.monotonic()
                answer = client.get(base + path)
                latencies.append(time.monotonic() - started)
                assert answer.status_code == 200, f"GET {path}: {answer.status_code} {answer.text}"
                started = time.monotonic()
                writes += 1
                answer = client.put(f"{base}/files/crowd/{n}.txt", content=f"{n}:{writes}\n")
                latencies.append(time.monotonic() - started)
                assert answer.status_code == 200, answer.text
        return latencies, writes

    try:
        with ThreadPoolExecutor(50) as pool:
            results = list(pool.map(client_loop, range(50)))
        latencies = sorted(t for lat, _ in results for t in lat)
        p99 = latencies[int(len(latencies) * 0.99) - 1]
        print(
            f"\n50 clients, 20 s: {len(latencies)} requests, "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms"
        )
        for n, (_, writes) in enumerate(results):
            assert (folder / f"{n}.txt").read_text() == f"{n}:{writes}\n"
    finally:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
