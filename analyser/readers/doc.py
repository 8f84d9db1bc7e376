"""Legacy Word 97–2003 specs (.doc) through the ``antiword`` program.

antiword (Debian/Ubuntu package ``antiword``) prints the document as text, one line per
paragraph (``-w 0``, UTF-8), with tables drawn as ``|cell|cell|`` lines. Paragraphs then
go through the plain-text heuristics (numbered and ALL-CAPS headings → section paths, list
markers → list items) and tables become table rows. The title is the one in the document's
summary information (antiword's DocBook output), else the first heading. The bytes pass
through a temporary folder that is always removed; antiword runs with a time limit.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from analyser.errors import SpecReadError, UnsupportedFormatError
from analyser.readers._grid import is_pipe_line, paragraph_lines, pipe_table_rows, table_items
from analyser.readers._structure import Line, build_blocks, first_heading
from analyser.readers._text import clean_text
from analyser.records import Block, SpecDocument, SpecSource

ANTIWORD_TIMEOUT = 60  # seconds


def read_doc(data: bytes, *, source: SpecSource) -> SpecDocument:
    """Read a Word 97–2003 document with antiword; the title is the document's own
    (its summary information), else the first heading.

    Raises:
        UnsupportedFormatError: antiword is not installed.
        SpecReadError: antiword refuses the file (damaged, encrypted, Word 95 or older, not
            a Word document) or runs longer than ``ANTIWORD_TIMEOUT`` seconds.
    """
    text, title = _antiword(data, source.name)
    blocks = build_blocks(_items(text.splitlines()))
    return SpecDocument(source=source, blocks=blocks, title=title or first_heading(blocks))


# -- private ---------------------------------------------------------------------------

_CONVERT = "libreoffice --headless --convert-to docx"
_BOOK_TITLE = re.compile(rb"<bookinfo>\s*<title>([^<]*)</title>")


def _antiword(data: bytes, name: str) -> tuple[str, str | None]:
    """The document's text (one line per paragraph) and its title, if it has one."""
    program = shutil.which("antiword")
    if program is None:
        raise UnsupportedFormatError(
            f"'{name}' is a legacy Word .doc file, and reading one needs the 'antiword' "
            "program, which is not installed. Install it (e.g. 'sudo apt-get install "
            f"antiword'), or convert the file first: '{_CONVERT} \"{name}\"'."
        )
    with tempfile.TemporaryDirectory(prefix="analyser-doc-") as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(data)
        text = _run([program, "-m", "UTF-8.txt", "-w", "0", str(path)], folder, name)
        if text.returncode != 0:
            reason = _summary(text.stderr, str(path), name)
            raise SpecReadError(
                f"'{name}' could not be read as a Word 97–2003 document (antiword: {reason}). "
                "It may be damaged, password-protected, from Word 95 or older, or another "
                "kind of file: open it in Word or LibreOffice and save it as .docx "
                f"('{_CONVERT}')."
            )
        docbook = _run([program, "-x", "db", "-m", "UTF-8.txt", str(path)], folder, name)
    match = _BOOK_TITLE.search(docbook.stdout)
    title = clean_text(html.unescape(match[1].decode("utf-8", errors="replace"))) if match else ""
    return text.stdout.decode("utf-8", errors="replace"), title or None


def _run(command: list[str], folder: str, name: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "HOME": os.environ.get("HOME") or folder}
    try:
        return subprocess.run(
            command,
            capture_output=True,
            timeout=ANTIWORD_TIMEOUT,
            check=False,
            cwd=folder,
            env=environment,
        )
    except subprocess.TimeoutExpired as exc:
        raise SpecReadError(
            f"antiword did not finish reading '{name}' within {ANTIWORD_TIMEOUT} s. "
            f"Convert the file to .docx and retry: '{_CONVERT} \"{name}\"'."
        ) from exc
    except OSError as exc:
        raise SpecReadError(f"antiword could not be started for '{name}' ({exc}).") from exc


def _summary(stderr: bytes, path: str, name: str) -> str:
    """antiword's complaint in one short line, with the temporary path replaced."""
    text = stderr.decode("utf-8", errors="replace").replace(path, name)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    summary = " ".join(lines[:2]) or "no message, exit status non-zero"
    return summary if len(summary) <= 300 else summary[:297] + "..."


def _items(lines: list[str]) -> list[Block | Line]:
    """Paragraph lines and tables (runs of ``|…|`` lines with the same number of cells)."""
    items: list[Block | Line] = []
    for n_cells, group in itertools.groupby(lines, key=_cell_count):
        run = list(group)
        if n_cells:
            items.extend(table_items(pipe_table_rows(run)))
        else:
            items.extend(paragraph_lines(run))
    return items


def _cell_count(line: str) -> int:
    return line.strip().count("|") - 1 if is_pipe_line(line) else 0
