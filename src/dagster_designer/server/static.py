"""The built UI: files from `static/`, and index.html for every client-side route."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, Response

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Dagster Designer</title>
<body style="font-family:system-ui;padding:40px"><h1>The UI is not built</h1>
<p>Install the package with <code>pip install .</code> (which builds it), or run
<code>npm ci && npm run build</code> in <code>ui/</code>.</p></body>"""


def router(static_dir: Path = STATIC_DIR) -> APIRouter:
    api = APIRouter(include_in_schema=False)
    root = static_dir.resolve()

    @api.get("/{path:path}")
    def ui(path: str) -> Response:
        if path.startswith("api/"):
            raise HTTPException(404, f"No API endpoint `/{path}`.")
        index = root / "index.html"
        if not index.exists():
            return HTMLResponse(NOT_BUILT, status_code=503)
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            cache = (
                "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            )
            return FileResponse(candidate, headers={"Cache-Control": cache})
        if path.startswith("assets/"):
            raise HTTPException(404, f"`/{path}` does not exist.")
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    return api
