"""Screenshot an HTML report with headless Chromium, for the README.

Usage (needs the Debian packages ``chromium`` and ``chromium-driver``, and selenium)::

    skillmatch report examples/resume.txt --job examples/job.txt -o /tmp/report.html
    .venv/bin/python docs/make_screenshot.py /tmp/report.html docs/report.png

The page is opened at ``--width`` CSS pixels wide and captured from the top down to ``--height``
pixels (or the whole page with ``--full``). Nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def screenshot(html: Path, png: Path, *, width: int, height: int, full: bool) -> None:
    """Open ``html`` in headless Chromium and save a PNG of it to ``png``."""
    with tempfile.TemporaryDirectory(prefix="skillmatch-chromium-") as profile:
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
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
        ):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            driver.get(html.resolve().as_uri())
            if full:
                page_height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(width, int(page_height) + 100)
            png.parent.mkdir(parents=True, exist_ok=True)
            if not driver.save_screenshot(str(png)):
                raise SystemExit(f"error: Chromium could not screenshot {html}")
        finally:
            driver.quit()


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the report to screenshot")
    parser.add_argument("png", type=Path, nargs="?", default=Path("docs/report.png"))
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--full", action="store_true", help="capture the whole page")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        parser.error(f"{args.html}: no such file; render a report first (skillmatch report ...)")
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMEDRIVER)):
        parser.error("Chromium not installed: apt-get install chromium chromium-driver")
    screenshot(args.html, args.png, width=args.width, height=args.height, full=args.full)
    print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
