"""The built site in a real browser: Chromium driven by Playwright.

Which Chromium: PYTORCH_ZH_CHROMIUM names its executable, or says ``playwright`` for
the browser that ``playwright install chromium`` downloaded (GitHub's runners, where
Debian's package is a snap stub); by default Debian's ``/usr/bin/chromium``.

What a reader in mainland China gets: every request stays on this site, formulas
render, search finds Chinese words, and the copy button copies code only.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("PYTORCH_ZH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HEADLESS_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
DOCS = ROOT / "docs"
# Each page's address under the site root (use_directory_urls: x.md -> x/).
PAGES = sorted("" if p.stem == "index" else f"{p.stem}/" for p in DOCS.glob("*.md"))
MATH_PAGES = {f"{p.stem}/" for p in DOCS.glob("*.md") if "$$" in p.read_text("utf-8")}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - CI installs it
    sync_playwright = None

if sync_playwright is None or (CHROMIUM != "playwright" and not os.path.exists(CHROMIUM)):
    reason = ("browser tests need playwright (PyPI) and Chromium: Debian's (apt-get install chromium), "
              "or another one named by PYTORCH_ZH_CHROMIUM")
    if os.environ.get("CI"):
        raise RuntimeError(reason)
    pytest.skip(reason, allow_module_level=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        executable = None if CHROMIUM == "playwright" else CHROMIUM
        browser = playwright.chromium.launch(executable_path=executable, args=HEADLESS_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.foreign_requests = []

    def only_this_site(route):
        if route.request.url.startswith(site_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.foreign_requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_page_loads_everything_from_this_site_and_renders_its_formulas(page, site_url, path) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    assert page.foreign_requests == []
    formulas = page.locator(".arithmatex")
    if path in MATH_PAGES:
        assert formulas.count() >= 1
    assert page.locator(".arithmatex .katex").count() == formulas.count()
    assert page.locator(".katex-error").count() == 0


def test_search_finds_a_chinese_word(page, site_url) -> None:
    page.goto(site_url, wait_until="networkidle")
    search = page.locator(".md-search__input")
    results = page.locator(".md-search-result__item a")
    # A query typed before the search worker has loaded its index is dropped: retype.
    for _ in range(10):
        search.click()
        search.fill("")
        page.keyboard.type("广播")
        page.keyboard.press("End")  # an IME ends with key events; insertText sends none
        page.wait_for_timeout(1000)
        if results.count():
            break
    links = results.evaluate_all("links => links.map(a => a.href)")
    assert any("/tensors/" in link for link in links), links


def test_the_copy_button_copies_code_without_prompts_or_output(page, site_url) -> None:
    page.goto(site_url + "tensors/", wait_until="networkidle")
    block = page.locator(".language-pycon", has_text="tensor([0, 1, 2, 3, 4])").first
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("torch.arange(5)")
    assert ">>>" not in copied and "tensor([0, 1, 2, 3, 4])" not in copied


def test_a_block_that_shows_an_error_copies_the_call_as_a_comment(page, site_url) -> None:
    page.goto(site_url + "data/", wait_until="networkidle")
    # The collate_fn mistake: one call, which raises.
    block = page.locator(".language-pycon", has_text="stack expects each tensor").first
    block.hover()
    block.locator('button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    call = "# next(iter(DataLoader(sentences, batch_size=2)))  # 会报错：RuntimeError"
    assert copied.splitlines()[-1] == call
    assert ">>>" not in copied and "Traceback" not in copied
