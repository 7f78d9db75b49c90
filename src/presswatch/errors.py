"""One error shape for presswatch: a stable code plus a message a user can act on."""

from __future__ import annotations


class PresswatchError(Exception):
    """Base error. ``code`` is stable (for scripts and the API); ``message`` is for people.

    ``exit_code`` is what the CLI exits with when this error stops a command.
    """

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class InputError(PresswatchError):
    """Bad input given on the command line (a missing path, an unreadable manifest)."""

    code = "input"
    exit_code = 2


class ConfigError(PresswatchError):
    """A settings or domain-pack file that cannot be used."""

    code = "config"
    exit_code = 2


class StoreError(PresswatchError):
    """The store cannot be opened or is of an unknown schema version."""

    code = "store"
    exit_code = 3
