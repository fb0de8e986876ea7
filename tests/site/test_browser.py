"""The built site in a real browser: Chromium driven by Playwright.

Which Chromium: PYTORCH_ZH_CHROMIUM names its executable, or says ``playwright`` for
the browser that ``playwright install chromium`` downloaded (GitHub's runners, where
Debian's package is a snap stub); by default Debian's ``/usr/bin/chromium``.

What a reader in mainland China gets: every request stays on this site, formulas
render, search finds Chinese words, and the copy button copies code only.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

CHROMIUM = os.environ.get("PYTORCH_ZH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HEADLESS_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
# Pages with each thing a page can hold: every page loads the same theme scripts, and
# what a page's own HTML names is checked for every page by tests/site/test_build.py.
# The home page; a chapter with formulas, figures and collapsed code; a Part II chapter
# with its notebook link and a page of measured results.
SAMPLE_PAGES = ["", "activations/", "mlp/", "about/"]
# pymdownx.arithmatex's generic markup of inline and display formulas.
FORMULA = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>'
                     r'|<div class="arithmatex">\\\[(.*?)\\\]</div>', re.DOTALL)

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


@pytest.mark.parametrize("path", SAMPLE_PAGES)
def test_a_page_loads_everything_from_this_site_and_renders_its_formulas(page, site_url, path) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    assert page.foreign_requests == []
    formulas = page.locator(".arithmatex")
    assert page.locator(".arithmatex .katex").count() == formulas.count()
    assert page.locator(".katex-error").count() == 0


def test_every_formula_on_the_site_is_valid_katex(page, site_url, built_site) -> None:
    """Each formula of every page through the site's own KaTeX, which raises on an error."""
    formulas = [(str(path.relative_to(built_site)), html.unescape(inline or display), bool(display))
                for path in sorted(built_site.glob("**/index.html"))
                for inline, display in FORMULA.findall(path.read_text("utf-8"))]
    assert len(formulas) > 100
    page.goto(site_url, wait_until="networkidle")
    errors = page.evaluate("""formulas => formulas.flatMap(([where, tex, display]) => {
        try { katex.renderToString(tex, {displayMode: display, throwOnError: true}); return [] }
        catch (error) { return [`${where}: ${error.message}`] }
    })""", formulas)
    assert errors == []


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
