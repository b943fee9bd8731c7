"""Project starters: what each one holds (shown on the start page), the files shipped with it
(`files/<id>/root` is copied to the project's folder, `files/<id>/defs` to its defs folder), the
packages and the components it adds, and the definitions the designer's builders write into it.

Pure data and text: no processes, no files written. Imports only ``builders`` (and the
standard library); ``services.creation`` makes a project from a starter.
"""
