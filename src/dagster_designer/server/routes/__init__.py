"""One router per resource under /api/v1; each calls the project services, never a worker."""
