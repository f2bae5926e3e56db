"""The command line: ``tidings extract | ingest | events | show | search | eval``.

The library never prints: these modules own output, progress bars and exit codes.
Modules: ``main`` (the commands), ``progress`` (progress bar and summary), ``eval``
(``tidings eval``).
"""

from .main import main

__all__ = ["main"]
