"""Dagster Designer: a browser-based development environment for Dagster projects.

Rooms, each importing only those below it (checked by tests/unit/test_layers.py): ``cli``,
``server``, ``services``, ``processes``, ``project_files``, ``edits``. Under all of them,
``settings`` and the worker's two shared modules (``worker.protocol``, ``worker.near_miss``).
``worker`` runs in each project's own environment: nothing outside it imports it but those two.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dagster-designer")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"
