"""The per-project worker: runs inside the project's own environment.

Everything in this package is executed by the project's Python, never by the server, so it
imports only the standard library, Dagster (plus what Dagster itself depends on) and its own
modules. The server loads it under the name ``dagster_designer_worker`` without putting the
designer's own packages on ``sys.path``.

Four modules are shared with the server, which imports them and nothing else of this package:
``protocol`` (the wire format, the channel, the shape of an empty load, which folders are not
the project's), ``definitions_delta`` (what changed between two versions of the definitions:
the worker sends it, the server applies it and passes it on), ``near_miss`` (how alike two
asset keys are) and ``top_level`` (the definitions at the top of a module). All use only the
standard library.
"""
