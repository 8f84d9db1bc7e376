"""A real browser against a real server: start `streamlit run app.py`, pick a sample spec,
upload a file, take screenshots. Needs Debian's chromium (`make test` installs it as root)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.app_upload import serve_app

from .conftest import SAMPLES

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    # The Portfolio page starts without a results database, whatever the working copy holds.
    database = tmp_path_factory.mktemp("db") / "none.sqlite"
    with serve_app({"ANALYSER_DB": str(database)}) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_text("Scope-creep analyser").first.wait_for(timeout=60_000)
        yield page
        browser.close()


def test_pick_a_sample_in_a_real_browser(browser_page) -> None:
    SHOTS.mkdir(exist_ok=True)
    page = browser_page
    page.get_by_text("…or pick a sample spec").wait_for()
    page.locator("[data-testid='stSelectbox']").filter(has_text="pick a sample").click()
    sample = "library-loans.md"
    page.get_by_role("option", name=sample).click()
    banner = page.locator("[data-testid='stAlert']").filter(has_text=f"— {sample}")
    banner.wait_for(timeout=120_000)
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "sample.png"), full_page=True)
    assert banner.inner_text().startswith("Focused")
    assert page.locator("[data-testid='stMetricValue']").first.inner_text().strip() == "focused"
    assert page.get_by_text("Traceback").count() == 0


def test_upload_a_docx_shows_verdict_and_problem_map(browser_page) -> None:
    page = browser_page
    sample = "unified-citizen-platform.docx"
    page.locator("input[type='file']").set_input_files(str(SAMPLES / sample))
    banner = page.locator("[data-testid='stAlert']").filter(has_text=f"— {sample}")
    banner.wait_for(timeout=120_000)
    page.get_by_text("Problem map").wait_for(timeout=60_000)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.first.wait_for(timeout=60_000)
    # The app scrolls inside its own container, so a tall viewport is what shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 4200})
    page.wait_for_timeout(1500)  # let the charts draw before the screenshot
    page.screenshot(path=str(SHOTS / "upload-docx.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert banner.inner_text().startswith("Over-broad")
    assert charts.count() == 2  # the map and the problem sizes
    assert page.get_by_text("Proposed split").count() == 1
    assert page.get_by_text("Traceback").count() == 0


def test_the_review_of_the_upload_shows_risks_spans_and_a_word_download(
    browser_page, tmp_path: Path
) -> None:
    page = browser_page  # still showing the docx uploaded above
    heading = page.get_by_role("heading", name="Review", exact=True)
    heading.wait_for(timeout=60_000)
    heading.scroll_into_view_if_needed()
    page.get_by_text("Business need and measurable outcomes —").first.click()
    page.set_viewport_size({"width": 1400, "height": 4200})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    # the defect spans are drawn highlighted inside their requirements
    assert (
        page.locator(
            "[data-testid='stMarkdownContainer'] span[class*='Background'], "
            "[data-testid='stMarkdownContainer'] span[style*='background']"
        ).count()
        > 0
    )
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Review (Word)").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "unified-citizen-platform.review.docx"
    assert target.read_bytes()[:2] == b"PK"
    assert page.get_by_text("Traceback").count() == 0


def test_a_damaged_upload_shows_a_coded_error(browser_page, tmp_path: Path) -> None:
    page = browser_page
    broken = tmp_path / "broken-spec.docx"
    broken.write_bytes(b"this is not a word document")
    page.locator("input[type='file']").set_input_files(str(broken))
    alert = page.locator("[data-testid='stAlert']").filter(has_text="[A003]")
    alert.wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "damaged-upload.png"), full_page=True)
    assert "broken-spec.docx" in alert.inner_text()
    assert page.get_by_text("Traceback").count() == 0


def test_too_large_and_empty_uploads_say_why(browser_page, tmp_path: Path) -> None:
    page = browser_page
    empty = tmp_path / "minutes.txt"
    empty.write_text(
        "Minutes of the meeting.\n\nThe committee met on Tuesday and agreed the budget.\n"
    )
    large = tmp_path / "huge-spec.txt"
    large.write_bytes(b"The system shall record the request. " * 720_000)  # about 26 MB
    page.locator("input[type='file']").set_input_files([str(empty), str(large)])
    no_requirements = page.locator("[data-testid='stAlert']").filter(has_text="[A004]")
    too_large = page.locator("[data-testid='stAlert']").filter(has_text="the limit is 25 MB")
    no_requirements.wait_for(timeout=120_000)
    too_large.wait_for(timeout=120_000)
    assert "minutes.txt" in no_requirements.inner_text()
    assert "huge-spec.txt" in too_large.inner_text()
    assert page.get_by_text("Traceback").count() == 0


def test_the_portfolio_page_scores_the_samples_and_ranks_them(browser_page) -> None:
    page = browser_page
    page.get_by_text("Portfolio", exact=True).first.click()
    page.get_by_text("No results database yet").wait_for(timeout=60_000)
    page.get_by_role("button", name="Score the sample specs").click()
    page.get_by_text("League table").wait_for(timeout=300_000)
    chart = page.locator("[data-testid='stVegaLiteChart']")
    chart.first.wait_for(timeout=60_000)
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "portfolio.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    metrics = page.locator("[data-testid='stMetric']")
    figures = {
        metrics.nth(i).locator("[data-testid='stMetricLabel']").inner_text().strip(): metrics.nth(i)
        .locator("[data-testid='stMetricValue']")
        .inner_text()
        .strip()
        for i in range(5)
    }
    assert int(figures["Specs scored"]) >= 10
    assert int(figures["Over-broad"]) >= 2 and int(figures["Focused"]) >= 3
    assert page.get_by_text("One spec in full").count() == 1
    assert page.get_by_text("Traceback").count() == 0


def test_the_compare_page_shows_what_a_new_draft_added(browser_page) -> None:
    page = browser_page
    page.get_by_text("Compare", exact=True).first.click()
    page.get_by_text("Upload two or more versions").first.wait_for(timeout=60_000)
    creep = SAMPLES / "versions" / "creep"
    uploader = page.locator("[data-testid='stFileUploader']").filter(
        has_text="two or more versions"
    )
    uploader.locator("input[type='file']").set_input_files(
        [str(creep / f"v{i}.md") for i in (1, 2)]
    )
    banner = page.locator("[data-testid='stAlert']").filter(has_text="Scope grew")
    banner.wait_for(timeout=180_000)
    page.get_by_text("Problem map, before and after").wait_for(timeout=60_000)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    charts.first.wait_for(timeout=60_000)
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "compare.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert "+1 business problem" in banner.inner_text()
    assert charts.count() == 2  # before and after, side by side
    assert page.get_by_text("Traceback").count() == 0
