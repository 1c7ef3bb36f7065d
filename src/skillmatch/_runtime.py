"""Process-level helpers that every layer may use: pausing the garbage collector.

This module imports nothing from skillmatch.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    A 30,000-skill taxonomy allocates hundreds of thousands of objects; each allocation burst
    triggers collections that rescan everything built so far (about 40% of the build time).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
