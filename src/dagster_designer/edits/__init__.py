"""Lossless edits of text: YAML attributes and lineage (ruamel.yaml round trip, only changed
nodes replaced), Python dependencies (libcst), key references and line patches; and which
lines of a diff look like secrets.

Pure functions of text to text: no files, no processes. Imports only the standard library and
third-party parsers (the layers are checked by tests/unit/test_layers.py).
"""
