"""The processes the server starts and watches: the one spawn helper (``spawn``), the worker
supervisor and how a worker is launched, the completion process and ruff (``code_tools``),
`dg check defs`, `dg dev`, git (the one place it runs), terminals on PTYs, the file watcher
and stat snapshots, and reading tracebacks out of what they write.

Imports only ``project_files`` and the layers below it, and the worker's shared modules; never
``services`` or ``server``.
"""
