"""newsgraph: turn news pages into structured, evidence-linked records.

The pipeline is the same Rust code as the ``newsgraph`` command line.
"""

from ._newsgraph import __version__

__all__ = ["__version__"]
