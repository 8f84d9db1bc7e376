"""One error family with stable codes and messages that say what to do.

The CLI catches ``AnalyserError`` once and prints ``str(error)``, e.g.
``[A003] No requirements found in 'notes.md': …``. Codes never change meaning.
"""

from __future__ import annotations

from typing import Any


class AnalyserError(Exception):
    """Base of every error the analyser raises on purpose."""

    code = "A000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self) -> tuple[Any, tuple[str, ...]]:
        # Pickled by message, not by the coded text: errors cross process boundaries (a
        # reader's child process, batch workers) and must arrive with one code prefix.
        return type(self), (self.message,)


class SpecNotFoundError(AnalyserError):
    code = "A001"


class UnsupportedFormatError(AnalyserError):
    code = "A002"


class SpecReadError(AnalyserError):
    """The file has a supported format but is damaged, encrypted or not what it claims."""

    code = "A003"


class EmptySpecError(AnalyserError):
    """The file was read but holds no text, or no requirement statements."""

    code = "A004"


class TableColumnError(AnalyserError):
    """A CSV/XLSX export has no column that holds requirement texts."""

    code = "A005"


class ModelError(AnalyserError):
    """A model artefact is missing or fails its integrity check."""

    code = "A006"


class ConfigError(AnalyserError):
    code = "A007"


class ReportFormatError(AnalyserError):
    """A JSON report read back does not follow the report contract."""

    code = "A008"


class SpecTooLargeError(AnalyserError):
    """A file is larger than the size limit in force."""

    code = "A009"


class UnsafeArchiveError(AnalyserError):
    """A zip archive, or one of its members, is unsafe to read: a member path that leaves the
    archive, an extreme compression ratio, too much data in all, or nesting too deep."""

    code = "A010"


class AnalysisCrashError(AnalyserError):
    """The analysis failed in a way the analyser did not foresee (a bug, or a worker process
    that died). The batch records it and goes on."""

    code = "A011"


class ResultStoreError(AnalyserError):
    """The results database cannot be opened, or is not an analyser results database."""

    code = "A012"


class ReadBudgetError(AnalyserError):
    """Reading one file took more than its budget allows: wall time, PDF pages, extracted
    characters or memory (``limit`` says which). The message says how to raise it."""

    code = "A013"

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return _budget_error, (self.message, self.limit)


def _budget_error(message: str, limit: str) -> ReadBudgetError:
    return ReadBudgetError(message, limit=limit)


# What each code means, in a few words: for summaries and tables (the classes say more).
CODE_MEANINGS: dict[str, str] = {
    "A001": "file not found",
    "A002": "unsupported format",
    "A003": "damaged, encrypted or unreadable",
    "A004": "no text or no requirements",
    "A005": "no requirement column in a table",
    "A006": "model missing or damaged",
    "A007": "invalid setting",
    "A008": "report does not follow the contract",
    "A009": "too large",
    "A010": "unsafe archive",
    "A011": "analysis crashed",
    "A012": "results database unusable",
    "A013": "reading budget exceeded",
}


def unsupported_format(
    name: str, suffix: str, supported: tuple[str, ...]
) -> UnsupportedFormatError:
    if suffix in (".xls", ".ods"):
        return UnsupportedFormatError(
            f"'{name}' is a {suffix} spreadsheet, which is not read. Save it as .xlsx or CSV first."
        )
    if suffix in (".wpd", ".wps", ".sxw", ".pages"):
        return UnsupportedFormatError(
            f"'{name}' is a {suffix} document, which is not read. Convert it to .docx first, "
            f"e.g. 'libreoffice --headless --convert-to docx \"{name}\"'."
        )
    listed = ", ".join(supported)
    return UnsupportedFormatError(
        f"'{name}' has an unsupported format ({suffix or 'no suffix'}). "
        f"Supported: {listed}. Save or export the spec in one of these formats."
    )
