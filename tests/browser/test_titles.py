"""Every title reaches the browser as text: a hostile title in each content kind (an experiment,
a lecture, a publication, a news post, a hand-written page) is shown literally in the tab
(`document.title`), and none of them runs code. Built with the real generator, read in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support import demo_project, mkdocs_build, serve

# What a researcher types, and what a reader must see in the tab. YAML values may hold markup
# characters as they are; Markdown headings hold them entity-encoded (raw HTML is refused).
LITERAL = "Kop </title><script>window.__pwned=1</script> & \"aanhalingstekens\" 'x'"
MARKDOWN = LITERAL.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _set_title(path: Path, literal: str) -> None:
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^title: .*$", "title: " + json.dumps(literal, ensure_ascii=False), text, count=1)
    assert count == 1, path
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("titels")
    demo_project(root)
    demo = root / "demo"
    _set_title(demo / "experiments/wijkconcierges-demowijk/experiment.yml", LITERAL + " experiment")
    _set_title(demo / "lectures/demo-college-ronde-1.md", LITERAL + " college")
    _set_title(demo / "publications/voorbeeld-2025-werk-en-waarde.yml", LITERAL + " publicatie")
    post = demo / "docs/actueel/posts/eerste-bevindingen.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("# Eerste bevindingen online", f"# {MARKDOWN} bericht"),
        encoding="utf-8",
    )
    (demo / "docs/kwaad.md").write_text(f"# {MARKDOWN} pagina\n\nTekst.\n", encoding="utf-8")
    (demo / "docs/kwaad-voorwerk.md").write_text(
        f"---\ntitle: {json.dumps(LITERAL + ' voorwerk', ensure_ascii=False)}\n"
        f"description: {json.dumps(LITERAL, ensure_ascii=False)}\n---\n# Gewone kop\n",
        encoding="utf-8",
    )
    site = root / "demo-site"
    result = mkdocs_build(root / "mkdocs.demo.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


PAGES = {
    "experimenten/wijkconcierges-demowijk/": "experiment",
    "colleges/demo-college-ronde-1/": "college",
    "publicaties/voorbeeld-2025-werk-en-waarde/": "publicatie",
    "actueel/eerste-bevindingen/": "bericht",
    "kwaad/": "pagina",
    "kwaad-voorwerk/": "voorwerk",
}


@pytest.mark.parametrize("path,kind", PAGES.items())
def test_a_hostile_title_is_text_in_the_browser(browser, hostile_site: Path, path: str, kind: str) -> None:  # noqa: F811
    server = serve(hostile_site)
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
        assert page.title().startswith(f"{LITERAL} {kind}")
        assert page.evaluate("window.__pwned") is None
        description = page.evaluate("document.querySelector('meta[name=description]')?.content")
        if kind == "voorwerk":
            assert description == LITERAL
    finally:
        page.close()
        server.shutdown()


def test_hostile_titles_are_text_in_lists_feeds_and_search(hostile_site: Path) -> None:
    """No page, feed or search index carries the title's markup as markup (the data downloads
    hold it as plain text, which is what they are for)."""
    live = "<script>window.__pwned=1</script>"
    leaked = [
        p.relative_to(hostile_site).as_posix()
        for p in hostile_site.rglob("*")
        if p.is_file()
        and (p.suffix in (".html", ".xml") or p.name == "search_index.json")
        and live in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert leaked == []
