"""How the renderer's few patches of WeasyPrint's internals are put in and taken out, once
for all of them (``pdf_layout``, ``pdf_svg``, ``pdf_text``).

A :class:`ThreadHook` replaces one function of WeasyPrint while any thread is inside its
:meth:`~ThreadHook.scope` and puts the original back when the last one leaves; the
replacement asks :attr:`~ThreadHook.active` and changes nothing for a thread outside (it
calls :attr:`~ThreadHook.original`). Scopes nest (pdf.py and a test may both open one). A
hook is written against the internals of one WeasyPrint version: under another it is not
applied, and a warning is logged.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import weasyprint

logger = logging.getLogger(__name__)

WEASYPRINT_VERSION = "70.0"  # the internals the hooks patch are those of this version


class _Depth(threading.local):
    value = 0


class ThreadHook:
    """``owner.attribute`` replaced by ``replacement`` while a thread is inside
    :meth:`scope` (``name`` is the scope's, for the warning)."""

    def __init__(self, name: str, owner: Any, attribute: str, replacement: Callable) -> None:
        self.name = name
        self.owner = owner
        self.attribute = attribute
        self.replacement = replacement
        self.original: Callable | None = None
        self._installed = 0
        self._lock = threading.Lock()
        self._depth = _Depth()

    @property
    def active(self) -> bool:
        """Whether the current thread is inside :meth:`scope`."""
        return self._depth.value > 0

    @contextlib.contextmanager
    def scope(self) -> Iterator[None]:
        if weasyprint.__version__ != WEASYPRINT_VERSION:
            logger.warning(
                "%s is written for WeasyPrint %s, not %s: not applied.",
                self.name,
                WEASYPRINT_VERSION,
                weasyprint.__version__,
            )
            yield
            return
        with self._lock:
            if self._installed == 0:
                self.original = getattr(self.owner, self.attribute)
                setattr(self.owner, self.attribute, self.replacement)
            self._installed += 1
        self._depth.value += 1
        try:
            yield
        finally:
            self._depth.value -= 1
            with self._lock:
                self._installed -= 1
                if self._installed == 0:
                    setattr(self.owner, self.attribute, self.original)
                    self.original = None
