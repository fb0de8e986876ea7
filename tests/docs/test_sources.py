"""Rules for the Markdown sources: every page in the nav, code from snippets, figures used."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from docs_tooling import figures
from docs_tooling.pages import include_errors
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def nav_pages(entries) -> list[str]:
    pages = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_every_page_is_in_the_nav() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=get_yaml_loader())
    on_disk = {str(p.relative_to(DOCS)) for p in PAGES}
    assert set(nav_pages(config["nav"])) == on_disk


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_code_is_included_from_snippets_sections_only(page) -> None:
    assert include_errors(page.read_text("utf-8")) == []


def test_every_figure_is_shown_on_a_page_with_the_code_that_draws_it() -> None:
    text = {p: p.read_text("utf-8") for p in PAGES}
    for spec in figures.discover():
        pages = [p for p, t in text.items() if f"]({spec.uri})" in t]
        assert pages, f"no page shows {spec.uri}"
        assert all(f'"snippets/{spec.module}.py:{spec.function}"' in text[p] for p in pages), (
            f"a page that shows {spec.uri} must include the code of {spec.function}"
        )


def test_no_page_links_to_another_host() -> None:
    for page in PAGES:
        links = re.findall(r"\]\((https?://[^)]+)\)|<(https?://[^>]+)>", page.read_text("utf-8"))
        assert not links, f"{page.name} links off-site: {links}"
