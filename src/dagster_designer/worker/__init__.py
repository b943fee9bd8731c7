"""The per-project worker: runs inside the project's own environment.

Everything in this package except ``protocol`` is executed by the project's Python, never by the
server, so it imports only the standard library and Dagster (plus what Dagster itself depends on).
The server loads it under the name ``dagster_designer_worker`` without putting the designer's own
packages on ``sys.path``.
"""
