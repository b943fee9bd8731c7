"""Build the UI into the Python package when it is installed or built from a checkout.

`pip install .` runs `npm ci` and `npm run build` in `ui/`, so the wheel carries the built UI and
users need no Node at run time. A package that already holds a build (an sdist made after the
build, or a rebuilt checkout) is not rebuilt. Set DAGSTER_DESIGNER_SKIP_UI_BUILD=1 to skip it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class UiBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        ui = root / "ui"
        static = root / "src" / "dagster_designer" / "static"
        if os.environ.get("DAGSTER_DESIGNER_SKIP_UI_BUILD") == "1":
            return
        if not (ui / "package.json").exists() or self._is_fresh(ui, static):
            return
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                "Building Dagster Designer's UI needs Node.js 20+ and npm on PATH "
                "(or install a wheel that already contains the UI)."
            )
        if not (ui / "node_modules").exists():
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ui, check=True, timeout=900)
        subprocess.run([npm, "run", "build"], cwd=ui, check=True, timeout=900)

    @staticmethod
    def _is_fresh(ui: Path, static: Path) -> bool:
        """The built UI exists and is newer than every UI source file."""
        index = static / "index.html"
        if not index.exists():
            return False
        built = index.stat().st_mtime
        sources = [ui / "index.html", ui / "package-lock.json", ui / "vite.config.ts"]
        sources += list((ui / "src").rglob("*"))
        return all(p.stat().st_mtime <= built for p in sources if p.is_file())
