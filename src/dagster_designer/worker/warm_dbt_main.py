"""The kept dbt process: runs dbt commands in one Python that has dbt imported already.

Started by `warm_dbt` with the project's Python. Each request is a line of JSON on stdin
(`args`, `env`, `cwd`); each answer a line on its stdout (`ok`). dbt prints to the standard
output too, so the channel is a copy of it taken first and the standard output goes nowhere.
Stdin closing (the worker gone) ends it.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, sys.stdout.fileno())
    os.dup2(quiet, sys.stderr.fileno())
    from dbt.cli.main import dbtRunner

    for line in sys.stdin:
        request = json.loads(line)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        try:
            ok = bool(dbtRunner().invoke(request["args"]).success)
        except BaseException:  # any failure is answered: the worker falls back to its own
            ok = False
        channel.write(json.dumps({"ok": ok}) + "\n")
        channel.flush()


if __name__ == "__main__":
    main()
