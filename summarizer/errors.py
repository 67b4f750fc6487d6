"""The tool's errors. Each message says what went wrong and how to fix it, in one line."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the tool reports to a user without a traceback."""

    exit_code = 1


class ConfigError(SummarizerError):
    """Settings, backend or model installation are wrong or missing."""

    exit_code = 2


class InputError(SummarizerError):
    """An article, gold file or saved record cannot be used."""

    exit_code = 2


class ModelOutputError(SummarizerError):
    """The model's answer could not be turned into a valid, grounded record."""


class ReplayMissError(SummarizerError):
    """A recorded response was asked for and none matches the request."""

    def __init__(self, key: str, where: str) -> None:
        super().__init__(
            f"no recorded response for request {key[:12]} in {where}: the prompt, schema or "
            "article changed; re-record with `make record` (see README, 'Recorded responses')"
        )
