"""Python completion with jedi for one project, as a process of its own.

jedi reads the project's sources and inspects its environment (`.venv`) through a subprocess
that runs the project's Python, so the designer's server never imports any of it. The process
answers the same protocol as the project worker and is supervised the same way.

Usage: `python -m dagster_designer.processes.completion_process PROJECT_ROOT PROJECT_PYTHON`
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

from ..worker import protocol

# Enough for the largest namespaces (`dagster.` has about 500 names): the editor filters the
# rest of a word itself, so a cut list would hide names for good.
MAX_ITEMS = 2000


def main(argv: list[str]) -> int:
    requests, replies = protocol.take_channel()
    import jedi

    root, python = Path(argv[0]), argv[1]
    environment = jedi.create_environment(python, safe=False)
    project = jedi.Project(root, environment_path=python)
    venv = Path(environment.path)

    # A name's kind and description cost an inference each (seconds for all of `dagster.`);
    # those of installed packages do not change while the process lives, so they are kept.
    described: dict[str, tuple[str, str]] = {}

    def describe(completion: Any) -> tuple[str, str]:
        key, module = completion.full_name, completion.module_path
        own = module is not None and module.is_relative_to(root) and not module.is_relative_to(venv)
        if key is None or own:
            return completion.type, completion.description  # the project's code may change
        if key not in described:
            described[key] = (completion.type, completion.description)
        return described[key]

    def complete(path: str, source: str, line: int, column: int) -> list[dict[str, Any]]:
        script = jedi.Script(source, path=root / path, project=project, environment=environment)
        items = []
        for completion in script.complete(line, column)[:MAX_ITEMS]:
            kind, description = describe(completion)
            items.append({"label": completion.name, "kind": kind, "detail": description})
        return items

    # Dagster's namespace is what a project completes first: inferred before the first request.
    with contextlib.suppress(Exception):
        complete("__completion_warm_up__.py", "import dagster\ndagster.", 2, 8)
    protocol.send(replies, {"event": "ready", "jedi": jedi.__version__})

    while (message := protocol.read(requests)) is not None:
        try:
            result = complete(**message.get("params", {}))
            protocol.send(replies, protocol.success(message["id"], result))
        except Exception as exc:  # a request jedi cannot answer is an empty answer, not a crash
            protocol.send(
                replies, protocol.failure(message["id"], {"type": "jedi", "message": str(exc)})
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
