"""The app's upload → full results time, in a real browser, with each PDF reader.

``streamlit run app.py`` is started on a free port and Chromium (Debian's, driven by
Playwright) opens it; a sample spec is analysed first so that the models are loaded (warm).
Then, for each PDF reader and each file, the page is reloaded, the reader chosen under
'Reading limits', the file uploaded, and the time taken until the verdict banner and the
problem map are on screen. A file is analysed afresh for each reader (the app caches by
content and reading settings), so both figures are full analyses.

    python -m bench.app_upload FILE...
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
READERS = ("pypdf", "pdfium")
WARM_UP = "library-loans.md"


@dataclass(frozen=True, slots=True)
class UploadRow:
    """One file's upload → full results time (seconds) with each PDF reader."""

    file: str
    size_mb: float
    seconds: dict[str, float]
    verdict: str


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def measure(files: list[Path], *, timeout_s: float = 300) -> list[UploadRow]:
    """Upload each file with each PDF reader; ``RuntimeError`` without Chromium."""
    executable = chromium()
    if executable is None:
        raise RuntimeError("Debian chromium is not installed (make system-tools installs it)")
    from playwright.sync_api import sync_playwright

    timings: dict[str, dict[str, float]] = {file.name: {} for file in files}
    verdicts: dict[str, str] = {}
    with serve_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        # tall enough that the sidebar's last select (PDF reader) opens its list on screen
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(url)
        _pick_sample(page, WARM_UP, timeout_s)
        for reader in READERS:
            for file in files:
                page.goto(url)
                page.get_by_text("Scope-creep analyser").first.wait_for(timeout=60_000)
                _choose_reader(page, reader)
                started = time.perf_counter()
                page.locator("input[type='file']").set_input_files(str(file))
                banner = page.locator("[data-testid='stAlert']").filter(has_text=f"— {file.name}")
                banner.wait_for(timeout=timeout_s * 1000)
                page.locator("[data-testid='stVegaLiteChart']").first.wait_for(
                    timeout=timeout_s * 1000
                )
                timings[file.name][reader] = time.perf_counter() - started
                verdicts[file.name] = banner.inner_text().split(" ")[0].strip(" —:")
                print(f"  {file.name}, {reader}: {timings[file.name][reader]:.1f} s", flush=True)
        browser.close()
    return [
        UploadRow(file.name, file.stat().st_size / 2**20, timings[file.name], verdicts[file.name])
        for file in files
    ]


def table(rows: list[UploadRow], targets: dict[str, float]) -> str:
    lines = [
        "| file | MB | verdict | pypdf (s) | PDFium (s) | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        target = targets.get(row.file)
        met = "—" if target is None else ("yes" if row.seconds["pdfium"] <= target else "no")
        lines.append(
            f"| {row.file} | {row.size_mb:.2f} | {row.verdict} | {row.seconds['pypdf']:.1f} "
            f"| {row.seconds['pdfium']:.1f} | {f'≤ {target:.0f} s' if target else '—'} | {met} |"
        )
    return "\n".join(lines) + "\n"


@contextmanager
def serve_app(environment: dict[str, str] | None = None) -> Iterator[str]:
    """``streamlit run app.py`` on a free local port, once its health check answers: its URL.
    ``environment`` adds variables (the Portfolio page's ``ANALYSER_DB``, say)."""
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],  # fmt: skip
        cwd=REPO,
        env={**os.environ, "ANALYSER_DB": os.devnull, **(environment or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the app did not answer its health check within 2 minutes")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


# -- private ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _pick_sample(page: Any, sample: str, timeout_s: float) -> None:
    page.get_by_text("…or pick a sample spec").wait_for(timeout=120_000)
    page.locator("[data-testid='stSelectbox']").filter(has_text="pick a sample").click()
    page.get_by_role("option", name=sample).click()
    page.locator("[data-testid='stAlert']").filter(has_text=f"— {sample}").wait_for(
        timeout=timeout_s * 1000
    )


def _choose_reader(page: Any, reader: str) -> None:
    page.get_by_text("Reading limits").click()
    page.get_by_text("Seconds per file").wait_for()
    page.wait_for_timeout(500)  # the expander opens with an animation
    select = page.locator("[data-testid='stSelectbox']").filter(has_text="PDF reader")
    select.locator("div[role='group']").first.click()
    page.get_by_role("option", name=reader, exact=True).click()
    page.wait_for_timeout(300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    print(table(measure(args.files), {}))


if __name__ == "__main__":
    main()
