"""The small exception hierarchy. `outcome_for` maps each class to what the adapters do."""

from __future__ import annotations

from typing import Literal


class ScreeningError(Exception):
    """Base of every error the package raises on purpose."""

    code = "SCREENING_ERROR"


class ConfigError(ScreeningError):
    """Settings or command-line options that cannot work; raised at startup."""

    code = "CONFIG_INVALID"


class ListFormatError(ScreeningError):
    """A list file that does not follow its publisher's format.

    Names the file and the line or element so an operator can find it.
    """

    code = "LIST_FORMAT"

    def __init__(self, path: object, location: str, reason: str) -> None:
        self.path = str(path)
        self.location = location
        self.reason = reason
        super().__init__(f"{self.path}: {location}: {reason}")


class ListsMissingError(ScreeningError):
    """A lists directory with no usable source in it."""

    code = "LISTS_EMPTY"


class StoreError(ScreeningError):
    """The snapshot store is unusable or its content does not verify (a changed file)."""

    code = "STORE_INVALID"


class VersionUnavailableError(StoreError):
    """A list snapshot, policy or matcher configuration version that cannot be found."""

    code = "VERSION_UNAVAILABLE"


class ShrinkError(ScreeningError):
    """A list update that would drop more of a source's entities than allowed (use --force)."""

    code = "LIST_SHRINK"


class FetchError(ScreeningError):
    """A list download that failed: HTTP error, timeout, empty body (names source and URL)."""

    code = "LIST_FETCH"


class PolicyError(ScreeningError):
    """A policy bundle that cannot be loaded or is inconsistent."""

    code = "POLICY_INVALID"


class BrokerError(ScreeningError):
    """The local Kafka broker cannot be fetched, formatted, started or reached."""

    code = "BROKER"


class EventError(ScreeningError):
    """One input event that cannot be decided: bad JSON, schema violation, absurd size."""

    code = "EVENT_INVALID"

    def __init__(self, reason: str, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.reason = reason
        super().__init__(reason)


class OutputError(ScreeningError):
    """An output that could not be written (disk full, I/O error); earlier outputs are kept."""

    code = "OUTPUT_WRITE"


class AllowlistError(ScreeningError, ValueError):
    """An allowlist change that is refused: four eyes, unknown entry, missing reason, bad date."""

    code = "ALLOWLIST_REFUSED"


Outcome = Literal["error_record", "abort"]


def outcome_for(error: BaseException) -> Outcome:
    """One place that decides: a bad event is recorded and the run goes on; the rest stops it."""
    return "error_record" if isinstance(error, EventError) else "abort"
