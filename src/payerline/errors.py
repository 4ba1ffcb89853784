"""The payerline exception tree.

::

    PayerlineError
    ├── UsageError                 misuse: fix the input and try again
    │   ├── RequestValidationError a call request failed validation
    │   ├── PayerFileError         a sandbox payer file or IVR map is invalid
    │   └── IllegalStateError      an operation was called in the wrong phase
    └── ExternalError              something outside payerline failed
        └── TransportError         the phone line failed (``retryable`` says
                                   whether calling again may help)
"""

from __future__ import annotations


class PayerlineError(Exception):
    """Root of every error payerline raises on purpose."""


class UsageError(PayerlineError):
    """The caller supplied something invalid; retrying unchanged will fail again."""


class RequestValidationError(UsageError):
    """A call request is invalid. ``problems`` lists one message per field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid call request:\n  " + "\n  ".join(self.problems))


class PayerFileError(UsageError):
    """A sandbox payer file or IVR map is invalid. ``problems`` lists each with its location."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__(f"{path}: invalid payer file:\n  " + "\n  ".join(self.problems))


class IllegalStateError(UsageError):
    """An operation was called in a state that does not allow it."""


class ExternalError(PayerlineError):
    """A failure outside payerline: the line, a provider, a server."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class TransportError(ExternalError):
    """The phone line failed."""
