"""Recruiter pages in a real headless Chromium: they fit the screen, the phone and A4 paper.

The Account Manager page and the index, built from the embedded default data by the
real runner, are loaded through the DevTools protocol (websocket-client) at 1280 px and
390 px wide and in print media at A4's printable width; each is screenshotted and
printed to PDF (kept in the test's temporary folder). In every one, no table wrapper
scrolls sideways and no cell's content is cut (``scrollWidth <= clientWidth`` per cell),
the page itself does not run off the screen, and the PDF's text holds every header.

Skipped (with the reason) when /usr/bin/chromium is missing; `.ci/run` installs it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from workbench import config, labels, report

DATE = "2026-12-06"
CHROMIUM = os.environ.get("WORKBENCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
A4_WIDTH_MM, A4_HEIGHT_MM, PRINT_MARGIN_MM = 210, 297, 12  # report.css: @page { size: A4; margin: 12mm }
PX_PER_MM = 96 / 25.4
SCREENS = {"desktop": (1280, 900), "phone": (390, 844)}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason=f"headless chromium not found at {CHROMIUM}; install it (apt-get install chromium) "
                              "or set WORKBENCH_CHROMIUM"),
]

# What the page measures of itself: the page's and every table wrapper's overflow, and each
# visible cell whose content is wider than the cell (a clipped or scrolling cell).
MEASURE = """(() => {
  const root = document.documentElement;
  const out = {page: [root.scrollWidth, root.clientWidth], wrappers: [], cut: [], cells: 0, headers: []};
  for (const w of document.querySelectorAll('.wb-table-wrap')) {
    out.wrappers.push([w.scrollWidth, w.clientWidth, (w.querySelector('figcaption') || {}).textContent || '']);
  }
  for (const c of document.querySelectorAll('th, td')) {
    const head = c.closest('thead');
    if (head && getComputedStyle(head).position === 'absolute') continue;  // narrow screens: labels in cells
    if (!c.getClientRects().length) continue;
    out.cells += 1;
    if (c.scrollWidth > c.clientWidth) out.cut.push([c.scrollWidth, c.clientWidth, c.textContent.slice(0, 60)]);
  }
  for (const h of document.querySelectorAll('thead th')) out.headers.push(h.textContent.trim());
  return JSON.stringify(out);
})()"""


class Browser:
    """One headless Chromium driven over the DevTools protocol: one page, flat sessions."""

    def __init__(self, profile: Path) -> None:
        import websocket

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
             "--hide-scrollbars", f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = self._devtools_url()
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def _devtools_url(self) -> str:
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                return found.group(1)
            if not line and self.proc.poll() is not None:
                break
        raise AssertionError("chromium did not start its DevTools endpoint")

    def call(self, method: str, session: bool = False, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                assert "error" not in reply, (method, reply["error"])
                return reply.get("result", {})

    def wait_for(self, event: str) -> None:
        while True:
            if json.loads(self.ws.recv()).get("method") == event:
                return

    def open(self, page: Path, width: int, height: int, media: str = "screen") -> None:
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.call("Emulation.setEmulatedMedia", session=True, media=media)
        self.call("Page.navigate", session=True, url=page.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def measure(self) -> dict:
        result = self.call("Runtime.evaluate", session=True, expression=MEASURE, returnByValue=True)
        return json.loads(result["result"]["value"])

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def pdf(self, path: Path) -> None:
        data = self.call("Page.printToPDF", session=True, paperWidth=A4_WIDTH_MM / 25.4,
                         paperHeight=A4_HEIGHT_MM / 25.4, preferCSSPageSize=True, printBackground=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The Account Manager page and the index, from the embedded default data, by the real runner."""
    tmp = tmp_path_factory.mktemp("layout")
    plan = tmp / "plan.yaml"
    plan.write_text('reports:\n  - notebook: role_benchmark\n    name: "{level_name}"\n'
                    "    parameters: {level: 2}\n", encoding="utf-8")
    raw = sorted(p for p in config.RAW.iterdir() if p.name != "incumbents")
    out = tmp / "out"
    result = report.run_plan(plan, out=out, data=raw, jobs=1, timeout=300, as_of=DATE)
    assert result.ok, [r.error for r in result.reports]
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chrome = Browser(tmp_path_factory.mktemp("profile"))
    yield chrome
    chrome.close()


def pages(site: Path) -> dict[str, Path]:
    return {"account-manager": site / DATE / "account-manager.html", "index": site / "index.html"}


def assert_fits(seen: dict, where: str) -> None:
    page_width, view_width = seen["page"]
    assert page_width <= view_width, f"{where}: the page is {page_width} px wide in a {view_width} px view"
    scrolling = [w for w in seen["wrappers"] if w[0] > w[1]]
    assert not scrolling, f"{where}: table wrappers scroll sideways (scroll, client, caption): {scrolling}"
    assert not seen["cut"], f"{where}: cells whose content is cut (scroll, client, text): {seen['cut'][:5]}"
    assert seen["cells"] > 0 and seen["wrappers"], f"{where}: no table measured"


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("name", ["account-manager", "index"])
def test_pages_fit_the_screen_without_scrolling_or_cut_cells(site, browser, tmp_path, name, screen):
    width, height = SCREENS[screen]
    browser.open(pages(site)[name], width, height)
    seen = browser.measure()
    browser.screenshot(tmp_path / f"{name}-{width}.png")
    assert (tmp_path / f"{name}-{width}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_fits(seen, f"{name} at {width} px")
    assert seen["page"][1] == width


@pytest.mark.parametrize("name", ["account-manager", "index"])
def test_pages_print_on_a4_with_every_column_and_header(site, browser, tmp_path, name):
    from pypdf import PdfReader

    printable = round((A4_WIDTH_MM - 2 * PRINT_MARGIN_MM) * PX_PER_MM)
    browser.open(pages(site)[name], printable, round((A4_HEIGHT_MM - 2 * PRINT_MARGIN_MM) * PX_PER_MM),
                 media="print")
    seen = browser.measure()
    assert_fits(seen, f"{name} in print at {printable} px")
    pdf = tmp_path / f"{name}.pdf"
    browser.pdf(pdf)
    reader = PdfReader(str(pdf))
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert abs(width_mm - A4_WIDTH_MM) < 1
    words = set(re.findall(r"\w+", " ".join(p.extract_text() for p in reader.pages)))
    assert seen["headers"]
    for header in seen["headers"]:
        missing = [w for w in re.findall(r"\w+", header) if w not in words]
        assert not missing, f"{name}: header {header!r} is not whole in the PDF (missing {missing})"


def visible_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    body = html.split("<main>", 1)[1].split('<details class="wb-about">', 1)[0]
    return re.sub(r"<[^>]+>", " ", body)


def test_recruiter_pages_show_words_and_money_not_code(site):
    for name, page in pages(site).items():
        html = page.read_text(encoding="utf-8")
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html, re.S)
        assert cells, name
        codes = [c for c in cells if labels.is_code_name(re.sub(r"<[^>]+>", "", c).strip())]
        assert not codes, f"{name}: code names in table cells: {codes[:5]}"
        text = visible_text(page)
        assert not re.search(r"\b(True|False)\b", text), name
        assert not re.search(r"\b[A-Z]{3}\s?\d", text), f"{name}: a currency code before a figure"
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), f"{name}: snake_case: {re.findall(r'[a-z]+_[a-z_]+', text)[:5]}"
    assert "£" in visible_text(pages(site)["account-manager"])


def test_the_index_names_the_role_and_keeps_versions_on_the_about_page(site):
    index = pages(site)["index"].read_text(encoding="utf-8")
    assert ">Account Manager</a>" in index and "Role benchmark" not in index
    assert "Versions" not in index and "pandas" not in index
    about = (site / "about.html").read_text(encoding="utf-8")
    assert "pandas" in about and 'href="about.html"' in index


def test_the_default_data_carry_the_synthetic_banner(site):
    for page in pages(site).values():
        assert 'class="wb-banner"' in page.read_text(encoding="utf-8")


def test_the_headline_sentence_states_the_figures_of_the_table(site):
    html = pages(site)["account-manager"].read_text(encoding="utf-8")
    sentence = re.search(r'<p class="wb-answer">(.*?)</p>', html, re.S).group(1)
    assert sentence.startswith("Account Manager, United Kingdom:")
    table = re.search(r"<table.*?</table>", html.split('class="wb-answer"', 1)[1], re.S).group(0)
    cells = dict(re.findall(r'data-label="([^"]+)">([^<]*)<', table))
    assert f"advertised base pay {cells['Median']} (median)" in sentence
    low, high = cells["Middle half (P25 – P75)"].split(" – ")
    assert f"between {low} and {high}" in sentence
    assert f"{cells['Postings']} postings from {cells['Companies']} companies" in sentence
