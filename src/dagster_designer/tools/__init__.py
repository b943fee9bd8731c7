"""Helper processes that run with the designer's own Python (code intelligence)."""
