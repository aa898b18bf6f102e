"""Errors of the request store. Messages are pt-PT, one line, with no personal data."""

from __future__ import annotations

from bot.errors import InputError


class StoreError(Exception):
    """Base class of the store's own errors."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or used (down, locked, no schema...).

    The message names only the kind of failure: the driver's text may quote
    SQL parameters, which can hold personal data.
    """


class RequestNotFound(StoreError, LookupError):
    """No request with that number (or the NIF given does not match it)."""


class InvalidTransition(InputError):
    """A status change that the workflow does not allow."""


class IdempotencyConflict(InputError):
    """An idempotency key reused for a different requester."""
