"""Dagster Designer: a browser-based development environment for Dagster projects."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dagster-designer")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"
