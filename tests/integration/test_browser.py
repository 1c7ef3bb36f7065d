"""The HTML report in a real browser: headless Chromium loads it, draws it, and finds the marks.

Skipped only when Chromium or its driver is absent (``.ci/run`` installs both).
"""

from __future__ import annotations

import shutil
import struct
import zlib
from base64 import b64decode
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from report_example import example_comparison, example_job, example_resume
from skillmatch.report import SummaryRow, render_report, render_summary

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.browser

if not (Path(CHROMIUM).exists() and (Path(CHROMEDRIVER).exists() or shutil.which("chromedriver"))):
    pytest.skip(
        "Chromium not installed: apt-get install chromium chromium-driver", allow_module_level=True
    )

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1100,1400",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    chrome.set_page_load_timeout(20)
    try:
        yield chrome
    finally:
        chrome.quit()


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Decode an 8-bit RGB(A) PNG enough to count its distinct colours (no imaging library)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8
    assert colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    colours: set[bytes] = set()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = prev[i]
            upleft = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else upleft)
                line[i] = (line[i] + pred) & 0xFF
        if y % 4 == 0:  # a sample of rows is plenty to tell a drawn page from a blank one
            colours.update(bytes(line[i : i + 3]) for i in range(0, stride, channels * 2))
        prev = line
    return width, height, colours


def test_report_in_chromium_loads_cleanly_and_shows_every_mark(
    driver: webdriver.Chrome, tmp_path: Path
) -> None:
    resume, job, comparison = example_resume(), example_job(), example_comparison()
    report = tmp_path / "report.html"
    report.write_text(render_report(resume, job=job, comparison=comparison), encoding="utf-8")

    driver.get(report.as_uri())
    assert driver.title == "skillmatch report: jane-doe.txt"

    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []

    shot = tmp_path / "report.png"
    assert driver.save_screenshot(str(shot))
    width, height, colours = png_pixels(shot.read_bytes())
    assert (width, height) >= (800, 600)
    assert len(colours) > 20, "the screenshot looks blank"

    doc = driver.find_element(By.ID, "doc")
    mentions = [m for h in resume.skills for m in h.mentions] + resume.excluded + resume.signals
    assert len(mentions) == 25
    for m in mentions:
        selector = f'mark[data-skill="{m.skill_id}"][data-start="{m.start}"][data-end="{m.end}"]'
        (mark,) = doc.find_elements(By.CSS_SELECTOR, selector)
        assert mark.get_property("textContent") == resume.text[m.start : m.end]
        assert mark.get_attribute("data-status") == m.status
        size = mark.size
        assert size["width"] > 0
        assert size["height"] > 0

    # the whole résumé text is on the page, unchanged, and the excluded marks are struck through
    assert doc.get_property("textContent") == resume.text
    kube = doc.find_element(By.CSS_SELECTOR, 'mark[data-skill="kubernetes"]')
    assert "line-through" in kube.value_of_css_property("text-decoration-line")
    counted = doc.find_element(By.CSS_SELECTOR, 'mark[data-skill="pytorch"]')
    assert "line-through" not in counted.value_of_css_property("text-decoration-line")


def print_check(driver: webdriver.Chrome, page: Path, width: int) -> tuple[list[str], bytes]:
    """Lay ``page`` out for print at ``width`` CSS pixels; return what overflows, and the PDF."""
    driver.get(page.as_uri())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
        )
        overflow = driver.execute_script(
            "const w = document.documentElement.clientWidth;"
            "return [...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > w + 1)"
            ".map(e => e.tagName + '.' + e.className);"
        )
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return overflow, b64decode(pdf["data"])


def test_report_prints_on_a4_without_overflowing_the_page(
    driver: webdriver.Chrome, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    html = render_report(example_resume(), job=example_job(), comparison=example_comparison())
    report.write_text(html, encoding="utf-8")
    # A4 portrait minus the 12 mm side margins is 186 mm, about 703 CSS pixels
    overflow, pdf = print_check(driver, report, 703)
    assert overflow == []
    pages = PdfReader(BytesIO(pdf)).pages
    assert len(pages) >= 2
    for page in pages:  # A4 is 595 x 842 points
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842


def test_summary_prints_on_a4_landscape_without_overflowing_the_page(
    driver: webdriver.Chrome, tmp_path: Path
) -> None:
    categories = [c.name for c in example_resume().coverage.categories]
    rows = [
        SummaryRow(
            file=f"candidate-{i:02d}-with-a-rather-long-file-name.pdf",
            rank=i,
            report=f"reports/candidate-{i:02d}.html",
            score=1 - i / 20,
            level="mid",
            coverage={c: (i * 7 + j * 13) % 10 / 10 for j, c in enumerate(categories)},
            required_missing=["Kubernetes", "Continuous integration and delivery"],
        )
        for i in range(1, 16)
    ]
    rows.append(SummaryRow(file="scan.pdf", error="EmptyDocumentError: scan.pdf: no text layer"))
    summary = tmp_path / "summary.html"
    summary.write_text(render_summary(rows, job="northwind.txt"), encoding="utf-8")
    # A4 landscape minus the side margins is 273 mm, about 1031 CSS pixels
    overflow, pdf = print_check(driver, summary, 1031)
    assert overflow == []
    for page in PdfReader(BytesIO(pdf)).pages:
        assert round(float(page.mediabox.width)) == 842
        assert round(float(page.mediabox.height)) == 595


def recruiter_rows() -> list[SummaryRow]:
    """A long ranking: long file names, many categories, long lists of required skills."""
    categories = [c.name for c in example_resume().coverage.categories]
    skills = [
        "Continuous integration and delivery",
        "Kubernetes",
        "Production Deployment",
        "Retrieval-Augmented Generation",
        "Large language model integration",
        "Amazon Web Services",
        "System Design",
        "TensorFlow",
    ]
    rows = [
        SummaryRow(
            file=f"candidate-{i:02d}-with-a-rather-long-file-name-from-the-applicant-tracker.pdf",
            rank=i,
            report=f"reports/candidate-{i:02d}.html",
            score=1 - i / 30,
            level="senior" if i % 3 else "mid",
            coverage={c: (i * 7 + j * 13) % 10 / 10 for j, c in enumerate(categories)},
            required_matched=skills[: i % 8],
            required_missing=skills[i % 8 :],
            skill_count=i,
        )
        for i in range(1, 25)
    ]
    rows.append(SummaryRow(file="nurse.pdf", rank=25, score=0.0, level="senior", skill_count=0))
    rows.append(SummaryRow(file="scan.pdf", error="EmptyDocumentError: scan.pdf: no text layer"))
    return rows


def test_summary_at_1280_pixels_needs_no_sideways_scroll_and_shows_missing_skills(
    driver: webdriver.Chrome, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.html"
    summary.write_text(render_summary(recruiter_rows(), job="northwind.txt"), encoding="utf-8")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        driver.get(summary.as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        overflow = (
            "const w = document.documentElement.clientWidth;"
            "return [document.documentElement.scrollWidth - w,"
            " [...document.querySelectorAll('body *')]"
            "   .filter(e => e.getBoundingClientRect().right > w + 1).length];"
        )
        assert driver.execute_script(overflow) == [0, 0]
        headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "thead th")]
        assert headers == [
            "Rank",
            "Candidate",
            "Fit",
            "Level",
            "Required skills matched",
            "Required skills missing",
        ]
        missing = driver.find_elements(By.CSS_SELECTOR, "thead th")[5]
        assert missing.rect["x"] + missing.rect["width"] <= 1280
        # details open on demand, and the page still fits
        first = driver.find_element(By.CSS_SELECTOR, "tbody details")
        assert not first.find_element(By.CSS_SELECTOR, "ul.cov").is_displayed()
        first.find_element(By.TAG_NAME, "summary").click()
        assert first.find_element(By.CSS_SELECTOR, "ul.cov").is_displayed()
        assert driver.execute_script(overflow) == [0, 0]
        nurse = driver.find_element(By.XPATH, "//tr[th[contains(., 'nurse.pdf')]]")
        assert "Senior" not in nurse.text
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
