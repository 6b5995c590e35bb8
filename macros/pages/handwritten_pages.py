"""Hand-written pages and news posts as the export publishes them: already rendered and sanitised.

A page in `docs/` is checked content (`content/handwritten.py`), but the check reads Markdown
its own way, and an engine (MkDocs, Zensical) would read it another. So the engine never reads
researcher Markdown: here the body is rendered once, with Python-Markdown, its building blocks
expanded; the HTML goes through the page allow-list (nh3: no script, no event handler, no image
from elsewhere, no id or class the theme's scripts look up), and links to other pages are
turned into the addresses they will have. What the engine receives is:

    ---
    title: "…"            escaped text (Material writes it into <title> unescaped)
    description: "…"
    edit_url: "…"         the source file in the repository
    ---

    # Heading            headings as escaped Markdown text, so the engine builds the table of
                         contents and the permalinks
    <p>…</p>              everything between headings as sanitised HTML, which Markdown passes on

News posts keep `date` and `slug` for Material's blog and the `<!-- more -->` line that ends the
excerpt; their links are absolute paths (`/actueel/…` under the site's path), because the blog
shows the excerpt on other pages than the post's own.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
import nh3

from ..base.markup import PAGE_ATTRIBUTES, PAGE_TAGS, defuse_brackets, line_of, md_escape
from ..base.mdengine import built_in
from ..base.problems import Problems
from ..base.text import slugify
from ..content import paths
from ..content.handwritten import MORE, HandPage, Post
from ..content.site import Site
from .blocks import expand_blocks
from .render import Settings, relative

# What MkDocs's configuration enables for pages (mkdocs.yml: markdown_extensions), minus what the
# engine adds itself on the Markdown headings this module writes (permalinks), plus fenced code
# blocks (``` … ```), which the contributor guide shows and researchers expect.
EXTENSIONS = ("admonition", "tables", "toc", "fenced_code")

# Material's admonition types (and the classes Python-Markdown gives an admonition): the only
# classes a hand-written page may carry. Any other class could be one the theme acts on
# (`mermaid` loads a script from another site).
ADMONITION_CLASSES = frozenset(
    ("admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint")
    + ("important", "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention")
    + ("failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite")
)
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")  # never `__config`, `__search` or Material's own ids
THEME_IDS = frozenset({"search", "top", "skip", "content"})
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
VOID = frozenset({"br", "hr", "img", "input", "wbr", "col", "area", "source", "track", "embed"})
HEADING = re.compile(r"h[1-6]")


@dataclass
class Links:
    """Resolves the relative links of one page to the addresses they will have; records the ones that go nowhere."""

    source: str  # the page's path in docs/
    url: str  # the page's own URL (relative to the site root)
    published: dict[str, str]  # every path in docs/ the site publishes -> its path in the docs tree
    root: str | None  # for news posts: the site's path ('/' or '/sub/'): links become absolute paths
    missing: list[str] = field(default_factory=list)

    def __call__(self, target: str) -> str:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("#", "/", "\\")) or not parts.path:
            return target  # absolute, mailto, in-page: the sanitiser and verify judge those
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), parts.path))
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if resolved not in self.published:
            folder_page = posixpath.join(resolved.removesuffix(".md"), "index.md")
            resolved = folder_page if folder_page in self.published else resolved
        if resolved not in self.published or resolved.startswith("../"):
            self.missing.append(parts.path)
            return target
        published = self.published[resolved]
        url = paths.url_of(published) if published.endswith(".md") else published
        if self.root is not None:
            return self.root + url + fragment
        return relative(self.url, url + fragment)


def _attribute_filter(links: Links) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            classes = [c for c in value.split() if c in ADMONITION_CLASSES]
            return " ".join(classes) or None
        if attribute == "id":
            return value if SAFE_ID.fullmatch(value) and value not in THEME_IDS else None
        if (tag, attribute) in (("a", "href"), ("img", "src")):
            target = links(value.strip())
            if tag == "img" and (":" in target.split("/")[0] or target.replace("\\", "/").startswith("//")):
                return None  # an image is fetched by every reader's browser: only from the site itself
            return target
        return value

    return keep


def sanitise(rendered: str, links: Links) -> str:
    """Rendered HTML through the page allow-list, with links resolved."""
    return nh3.clean(
        rendered,
        tags=PAGE_TAGS,
        attributes=PAGE_ATTRIBUTES,
        attribute_filter=_attribute_filter(links),
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _top_level_headings(text: str) -> Iterable[tuple[int, int, int]]:
    """(start, end, level) of every heading element that is not inside another element."""
    depth, start, level = 0, -1, 0
    for tag in TAG.finditer(text):
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in VOID or tag.group(3):
            continue
        if not closing:
            if depth == 0 and HEADING.fullmatch(name):
                start, level = tag.start(), int(name[1])
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start >= 0 and HEADING.fullmatch(name):
                yield start, tag.end(), level
                start = -1


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


def as_engine_markdown(clean: str) -> str:
    """Sanitised HTML as Markdown an engine renders to the same HTML, and reads as Markdown nowhere:

    - headings as Markdown, their text escaped and their id given (`{#id}`, attr_list), so the
      engine builds the table of contents and the permalinks, and no heading takes an id the
      theme's scripts look up (`## __config`);
    - everything between headings as one raw HTML block (`<div>…</div>`), which Markdown passes
      on untouched: text the sanitiser set free of a removed tag (`<section>`) is never read as
      Markdown again, so an attribute list (`{: onerror=… }`) or a link cannot come back. Braces
      are written as a character reference too."""
    out: list[str] = []
    position, used = 0, set[str]()
    for start, end, level in _top_level_headings(clean):
        out.append(_raw_block(clean[position:start]))
        text = _plain(clean[start:end])
        if text:
            ident = _heading_id(clean[start:end], text, used)
            out.append(f"{'#' * level} {md_escape(text)} {{#{ident}}}")
        position = end
    out.append(_raw_block(clean[position:]))
    return "\n\n".join(part for part in out if part) + "\n"


def _raw_block(fragment: str) -> str:
    fragment = fragment.strip()
    return f"<div>\n{fragment.replace('{', '&#123;')}\n</div>" if fragment else ""


HEADING_ID = re.compile(r'\sid="([^"]*)"')


def _heading_id(element: str, text: str, used: set[str]) -> str:
    """The heading's id as the sanitiser left it (Python-Markdown's), else made from its text; never
    one of the theme's, and unique on the page."""
    found = HEADING_ID.search(element)
    ident = found.group(1) if found else slugify(text)
    if not SAFE_ID.fullmatch(ident) or ident in THEME_IDS:
        ident = "kop-" + (slugify(text) or "zonder-tekst")
    unique, n = ident, 1
    while unique in used:
        n += 1
        unique = f"{ident}-{n}"
    used.add(unique)
    return unique


class _Renderer:
    """One Python-Markdown instance for every hand-written page (as MkDocs would render them)."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=built_in(EXTENSIONS), output_format="html")

    def render(self, text: str) -> str:
        return self.md.reset().convert(defuse_brackets(text))


def _front_matter(items: dict[str, object]) -> str:
    """YAML front matter; text values HTML-escaped, as Material writes them unescaped (JSON is YAML)."""
    lines = ["---"]
    for key, value in items.items():
        if not value:
            continue
        if isinstance(value, str) and key in ("title", "description"):
            value = html.escape(value, quote=True)
        if key == "date":
            lines.append(f"{key}: {value}")  # a YAML date: the blog refuses a quoted one
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join([*lines, "---", ""])


def export_handwritten(
    site: Site,
    settings: Settings,
    published: dict[str, str],
    edit_url: Callable[[str], str | None],
    problems: Problems,
    docs_rel: str = "docs",
) -> dict[str, str]:
    """The export's Markdown of every hand-written page and news post, by its path in the docs tree.

    `published`: every path in docs/ that the site publishes, with its path in the docs tree;
    `edit_url(docs_path)`: the edit link of a file in docs/. A link to a page or file that the site
    does not publish is recorded in `problems`."""
    renderer = _Renderer()
    root = urlsplit(settings.site_url).path or "/"
    root = root if root.endswith("/") else root + "/"
    out: dict[str, str] = {}
    items: list[HandPage | Post] = [*site.pages, *site.posts]
    for item in items:
        post = isinstance(item, Post)
        url = paths.post_url(item.slug) if isinstance(item, Post) else paths.url_of(item.source)
        links = Links(item.source, url, published, root if post else None)
        body = expand_blocks(item.body, site, item.source, settings)
        parts = body.split(f"\n{MORE}\n", 1) if post else [body]
        rendered = f"\n\n{MORE}\n\n".join(as_engine_markdown(sanitise(renderer.render(part), links)) for part in parts)
        for target in dict.fromkeys(links.missing):
            problems.add(
                f"{docs_rel}/{item.source}",
                line_of(item.body, item.body_line, target),
                "tekst",
                f"de link naar '{target}' leidt nergens heen: de site heeft die pagina of dat bestand niet; "
                "verbeter het pad (relatief aan dit bestand, zoals ../aanpak.md)",
            )
        meta: dict[str, object]
        if isinstance(item, Post):
            meta = {"title": item.title, "date": item.date.isoformat(), "slug": item.slug}
            meta["description"] = item.description
        else:
            meta = {"title": item.title, "description": item.description, "hide": list(item.hide)}
        meta["edit_url"] = edit_url(item.source)
        out[item.source] = _front_matter(meta) + "\n" + rendered
    return out
