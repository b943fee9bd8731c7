"""The HTTP server: FastAPI app, one router per resource under /api/v1 (``routes``), the
security gate, request limits, connection deadlines, pydantic models at the edge, error
mapping and the built UI.

Imports ``services`` and the layers below it; of the worker, only its shared modules.
"""
