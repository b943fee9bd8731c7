"""After the hardening suite (its files run in name order, this one last): the token and a
value planted in the project's `.env` appear nowhere but where they belong, neither in the
server's log, nor in the workspace's files, nor in any answer the suite recorded."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.hardening.conftest import Watch
from tests.support import Designer, api_routes

PLACES_OF_THE_TOKEN = {".dagster-designer/server.json"}  # the server's own file, private


def test_secrets_stay_where_they_belong(
    designer: Designer, api: httpx.Client, project: dict, watch: Watch
) -> None:
    # every GET of the project without other parameters, so the check has answers of its own
    for route in api_routes():
        if route.method == "GET" and route.path.count("{") == 1 and "{project_id}" in route.path:
            url = route.url(project_id=project["id"])[len("/api/v1") :]
            watch.check(f"GET {url}", api.get(url).text)
    assert not watch.leaks, watch.leaks
    watch.check("the server's log", designer.log.read_text(errors="replace"))
    env = Path(project["path"]) / ".env"
    for path in designer.workspace.rglob("*"):
        if path.is_file() and not path.is_symlink() and path != env:
            where = path.relative_to(designer.workspace).as_posix()
            text = path.read_bytes().decode(errors="replace")
            values = dict(watch.values)
            if where in PLACES_OF_THE_TOKEN:
                values.pop("the token")
            Watch(values, watch.leaks).check(where, text)
    assert not watch.leaks, watch.leaks
