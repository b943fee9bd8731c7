"""What the server does for its projects: the manager (creating, opening, forgetting), one
session per open project (loads, edits, validation, completions), live definitions, lineage,
the registry cache, field fills, project creation (and cloning), source control, the
integration library (its shipped catalogue, uv add and remove), the event bus, runs (in the
project's instance, or on a remote deployment through its GraphQL API), schedules and sensors,
Dagster's own UI (`dg dev`).

Imports ``processes`` and the layers below it; never ``server``. Routes reach workers only
through these services.
"""
