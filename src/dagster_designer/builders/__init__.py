"""The builders: forms that write the Dagster definitions that are not YAML components (Python
and SQL assets, schedules, jobs, sensors, asset checks). For each kind, its parameters, the
Python it renders, and the reading back of that Python, so Edit reopens the form.

Pure functions of text to text: no files, no processes. Imports only the standard library and
pydantic (the layers are checked by tests/unit/test_layers.py).
"""
