"""One error family with stable codes and messages that say what to do.

The CLI catches ``AnalyserError`` once and prints ``str(error)``, e.g.
``[A003] No requirements found in 'notes.md': …``. Codes never change meaning.
"""

from __future__ import annotations


class AnalyserError(Exception):
    """Base of every error the analyser raises on purpose."""

    code = "A000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


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


def unsupported_format(
    name: str, suffix: str, supported: tuple[str, ...]
) -> UnsupportedFormatError:
    if suffix in (".doc", ".rtf"):
        return UnsupportedFormatError(
            f"'{name}' is a legacy {suffix} file, which is not supported yet. Convert it to .docx "
            f"or .pdf first, e.g. 'libreoffice --headless --convert-to docx \"{name}\"'."
        )
    listed = ", ".join(supported)
    return UnsupportedFormatError(
        f"'{name}' has an unsupported format ({suffix or 'no suffix'}). "
        f"Supported: {listed}. Save or export the spec in one of these formats."
    )
