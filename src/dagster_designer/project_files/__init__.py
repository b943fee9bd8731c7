"""A project on disk: dg config (and a dg workspace's projects), names, path confinement, the
defs tree, files with ETags, source files written back with their own line ends, canvas
positions, the project list, the packages installed in its environment (read from their
metadata, never imported).

Imports only ``edits``, ``settings`` and the worker's shared ``protocol`` (which folders are
not the project's), besides the standard library and third-party packages; never a process.
"""
