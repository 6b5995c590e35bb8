"""Reading built HTML as a browser and a crawler would: links, ids, text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

BLOCKS = {
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "section",
    "nav",
    "header",
    "footer",
    "table",
    "caption",
    "option",
    "label",
    "title",
}


class PageParser(HTMLParser):
    """Collects ids, link targets (href/src) and visible text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        if tag == "link" and LOADING_RELS & set((attributes.get("rel") or "").split()):
            tag = "link-load"  # a <link> the browser fetches, not a canonical or alternate
        for name in ("href", "src", "data"):
            if attributes.get(name) is not None:
                self.links.append((tag, attributes[name]))
        if tag in ("script", "style"):
            self._skip += 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag in BLOCKS:
            self.text.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def text_of(path: Path) -> str:
    return " ".join("".join(parse(path).text).split())


def broken_internal_links(site: Path) -> list[str]:
    """Every relative link or anchor in the built site that leads nowhere."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    problems = []
    for page, parsed in sorted(pages.items()):
        for _, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
                continue
            if parts.path.startswith("/"):  # the 404 page links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            elif parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {url} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    return problems


# <a> and <link rel=canonical> are not fetched by the browser; these are (for <link>, see below).
LOADING_TAGS = ("script", "img", "link-load", "iframe", "source", "audio", "video", "embed", "object")
LOADING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "apple-touch-icon",
}


def external_requests(site: Path) -> list[str]:
    """Resources a page would load from another origin (links to other sites are fine)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, url in parse(page).links:
            if tag in LOADING_TAGS and (urlsplit(url).netloc or url.startswith("//")):
                found.append(f"{page.relative_to(site)}: <{tag}> {url}")
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for marker in ("@import url(http", "url(http", "url(//", "fonts.googleapis", "fonts.gstatic"):
            if marker in text:
                found.append(f"{sheet.relative_to(site)}: {marker}")
    return found


def page_url(site: Path, page: Path) -> str:
    return posixpath.relpath(page.parent.as_posix(), site.as_posix())
