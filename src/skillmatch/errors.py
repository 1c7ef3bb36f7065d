"""The exceptions skillmatch raises.

Every error subclasses :class:`SkillmatchError` and the builtin that fits, so ``except ValueError``
keeps working in code that does not know this package::

    SkillmatchError
    ├── TaxonomyError(ValueError)        a taxonomy file or role document is wrong
    ├── InputError(ValueError)           a text or document cannot be used
    │   ├── DocumentReadError            a file cannot be read (names the file and the reason)
    │   │   ├── UnsupportedFormatError   no reader for this kind of file
    │   │   ├── EncryptedDocumentError   a password-protected PDF
    │   │   ├── EmptyDocumentError       no text in it (empty file, scanned PDF without text layer)
    │   │   └── CorruptDocumentError     not what its name says, or damaged
    │   └── LimitExceededError           over a configured size, length, page or memory limit
    │       └── DocumentTimeoutError     reading and matching one input took over its time budget
    └── EvalSetError(ValueError)         a labelled evaluation set is malformed

Messages name the file, the place, the bad value and what to do instead.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CorruptDocumentError",
    "DocumentReadError",
    "DocumentTimeoutError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "EvalSetError",
    "InputError",
    "LimitExceededError",
    "SkillmatchError",
    "TaxonomyError",
    "UnsupportedFormatError",
]


class SkillmatchError(Exception):
    """Base class of every error raised on purpose by skillmatch."""


class TaxonomyError(SkillmatchError, ValueError):
    """A taxonomy file, overlay or role document is missing, malformed or inconsistent."""


class InputError(SkillmatchError, ValueError):
    """A text or document given to skillmatch cannot be used."""


class DocumentReadError(InputError):
    """A document cannot be turned into text. ``path`` and ``reason`` say which and why."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type[DocumentReadError], tuple[str, str]]:
        # Batch runs ship errors between processes: rebuild from (path, reason), not args.
        return (type(self), (self.path, self.reason))


class UnsupportedFormatError(DocumentReadError):
    """No reader handles this kind of file."""


class EncryptedDocumentError(DocumentReadError):
    """The document is password-protected."""


class EmptyDocumentError(DocumentReadError):
    """The document holds no text (an empty file, or a scanned PDF without a text layer)."""


class CorruptDocumentError(DocumentReadError):
    """The document is damaged, or is not the format its name claims."""


class LimitExceededError(InputError):
    """An input is over a configured limit (file size, text length, pages, time).

    ``path`` (the file, or ``None``), ``limit`` (the option's name), ``value`` and ``maximum``
    are set when the raiser knows them.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        limit: str | None = None,
        value: float | None = None,
        maximum: float | None = None,
    ) -> None:
        self.path = path
        self.limit = limit
        self.value = value
        self.maximum = maximum
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Batch runs ship errors between processes: keep the fields, not only the message.
        return (_rebuild_limit_error, (type(self), str(self), self.__dict__.copy()))


def _rebuild_limit_error(
    cls: type[LimitExceededError], message: str, fields: dict[str, Any]
) -> LimitExceededError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.__dict__.update(fields)
    return exc


class DocumentTimeoutError(LimitExceededError):
    """Reading and matching one input took longer than its time budget
    (``Limits.max_seconds_per_file``, ``--timeout``). A slow file is not a damaged one.

    >>> error = DocumentTimeoutError("cv.pdf", 60)
    >>> error.path, error.limit, error.maximum, isinstance(error, LimitExceededError)
    ('cv.pdf', 'max_seconds_per_file', 60, True)
    """

    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(
            f"{path}: reading and matching took over max_seconds_per_file={seconds:g} s; "
            "raise it with --timeout (Limits(max_seconds_per_file=...)) if the file is genuine",
            path=path,
            limit="max_seconds_per_file",
            maximum=seconds,
        )


class EvalSetError(SkillmatchError, ValueError):
    """A labelled evaluation set is malformed."""
