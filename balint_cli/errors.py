"""The exceptions balint raises; the CLI turns each into one message and an exit status."""

from __future__ import annotations


class BalintError(Exception):
    """Something went wrong that the user should hear about in plain words."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class BadInput(BalintError):
    """A file, a name or an option the user gave cannot be used."""

    exit_code = 2
