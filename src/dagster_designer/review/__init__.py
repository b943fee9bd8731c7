"""The project review: rules over the loaded definitions and the project's file texts, each
rule its own module, and the fixes as lossless text edits.

Pure functions: no files, no processes. Imports only the standard library, the edits room and
third-party parsers (the layers are checked by tests/unit/test_layers.py).
"""
