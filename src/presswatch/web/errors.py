"""Errors of the web layer, each with its HTTP status, and the one JSON shape they take.

Every error the API answers with, whatever raised it, has the body::

    {"error": "not-found", "message": "no stored document matches 'abc'", "status": 404}

the shape of :meth:`PresswatchError.to_dict` (``error`` is the stable
:attr:`PresswatchError.code`, ``message`` is for people) with the HTTP status.
"""

from __future__ import annotations

from typing import Any

from presswatch.errors import ConfigError, InputError, PresswatchError, StoreError


class HttpError(PresswatchError):
    """A presswatch error that carries the HTTP status it is answered with."""

    code = "bad-request"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message, code=code)
        if status is not None:
            self.status = status


class NotFound(HttpError):
    """No such document, actor or page."""

    code = "not-found"
    status = 404


class Unauthorized(HttpError):
    """No ingest token configured, or a request without the right one."""

    code = "unauthorized"
    status = 401


class TooLarge(HttpError):
    """A request body over the upload limit."""

    code = "too-large"
    status = 413


class UnsupportedMediaType(HttpError):
    """A request body of a type the endpoint does not read."""

    code = "unsupported-media-type"
    status = 415


class Unprocessable(HttpError):
    """A well-formed request whose content cannot be used (an article with no text)."""

    code = "unprocessable"
    status = 422


def status_of(exc: PresswatchError) -> int:
    """The HTTP status a presswatch error is answered with."""
    if isinstance(exc, HttpError):
        return exc.status
    if isinstance(exc, InputError | ConfigError):
        return 400
    if isinstance(exc, StoreError):
        return 400 if exc.code == "ambiguous" else 503
    return 500


def error_body(code: str, message: str, status: int) -> dict[str, Any]:
    """The JSON body of every error answer."""
    return {**PresswatchError(message, code=code).to_dict(), "status": status}
