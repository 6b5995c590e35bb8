"""Hand-written pages and news posts (`docs/`): content like every other content file.

A pull request can change any Markdown file under `docs/`, so these files pass the same rules
as experiments, lectures and publications, in `make check` and in every build:

- strict front matter (only the fields below), the privacy scan, no invisible or bidi
  characters, no raw HTML, links only http(s), mailto or relative (judged as a browser would);
- no template language: a page is never rendered as a Jinja template. A page that needs
  generated content names a *building block* on a line of its own, for example
  `{{ round_list() }}`; the blocks are named in BLOCKS below, their Markdown is made by code in
  `pages/blocks.py` and every content value in it is escaped. Anything else between `{{ }}`,
  `{% %}` or `{# #}` is refused;
- only Markdown, images (PNG, JPEG, GIF, WebP) and PDFs may sit in `docs/`: an HTML, SVG,
  JavaScript or CSS file there would be published as written and could run in a reader's
  browser, so it belongs in `macros/` where a maintainer reviews it.

News posts (`docs/actueel/posts/*.md`) are read here too; `pages/news.py` makes their feed.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple

from ..base.context import INVALID, Ctx
from ..base.dates import Date
from ..base.declare import record_for, vocabulary
from ..base.kinds import Field, ListOf, Record, RecordValues, Slug, Text
from ..base.markup import MarkdownText, without_code
from ..base.privacy import scan_name, shown
from ..base.problems import Problems, one_of
from ..base.relpaths import posix_relpath
from ..base.yamlio import read_text, split_front_matter

POSTS = "actueel/posts"
ASSET_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf")
MORE = "<!-- more -->"  # Material's blog: the end of a post's excerpt (the one HTML comment allowed)


class Hidden(StrEnum):
    """Parts of a page Material can hide (`hide:` in its front matter)."""

    NAVIGATION = "navigation"
    TOC = "toc"
    FOOTER = "footer"


@dataclass(frozen=True)
class PageFrontMatter:
    """What a hand-written page may set in its front matter."""

    title: Annotated[
        str | None, Field(Text(max_length=120), doc="Titel in het tabblad en de navigatie (anders de eerste kop)")
    ] = None
    description: Annotated[str | None, Field(Text(max_length=300), doc="Eén zin voor zoekmachines en overzichten")] = (
        None
    )
    hide: Annotated[
        tuple[Hidden, ...], Field(ListOf(vocabulary(Hidden)), doc="Delen van de pagina die verborgen blijven")
    ] = ()


@dataclass(frozen=True)
class PostFrontMatter:
    """What a news post sets in its front matter (its title is its first heading)."""

    date: Annotated[dt.date, Field(Date(), required=True, example="2024-05-16", doc="Datum van het bericht")]
    slug: Annotated[
        str, Field(Slug(), required=True, example="eerste-bevindingen", doc="Laatste deel van het webadres")
    ]
    description: Annotated[str | None, Field(Text(max_length=300), doc="Eén zin voor overzichten en de feed")] = None
    authors: Annotated[str | None, Field(Text(), doc="(niet gebruikt)")] = None


PAGE = record_for(PageFrontMatter)
POST = record_for(PostFrontMatter)
BODY = MarkdownText(max_length=50_000)

# `{{ name() }}` or `{{ name(3) }}` alone on a line: a building block, not a template.
BLOCK_LINE = re.compile(r"^[ \t]*\{\{[ \t]*([a-z_]+)\([ \t]*(\d{0,2})[ \t]*\)[ \t]*\}\}[ \t]*$")
# Template tags, and Python-Markdown attribute lists (`{: onclick=… }`, `{ .class }`, `{#id}`).
TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#|\{:|\{[ \t]*(?:\.[^\s}]|[A-Za-z_][\w:.-]*[ \t]*=)")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# What MkDocs takes for MultiMarkdown meta-data on a page's first line (mkdocs.utils.meta.META_RE).
MULTIMARKDOWN_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*")
# An image whose address leaves the site (scheme, or `//`/`\\` that a browser reads as one).
REMOTE_IMAGE = re.compile(
    r"!\[[^\][]*\]\(\s*<?((?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})[^)\s>]*)"
)  # no '[' in alt: linear


@dataclass(frozen=True)
class Post:
    slug: str
    title: str  # plain text, as a reader sees the heading
    date: dt.date
    source: str  # path relative to docs_dir
    description: str = ""
    body: str = ""  # the checked Markdown after the front matter, stripped
    body_line: int = 1  # the line of the file on which `body` starts


@dataclass(frozen=True)
class HandPage:
    source: str  # path relative to docs_dir
    title: str  # plain text ('' when the page has no heading and no title field)
    blocks: tuple[str, ...] = ()
    description: str = ""
    hide: tuple[str, ...] = ()
    body: str = ""  # the checked Markdown after the front matter, stripped
    body_line: int = 1  # the line of the file on which `body` starts


@dataclass(frozen=True)
class Block:
    """A building block a hand-written page may name on a line of its own: `{{ name() }}`, or
    `{{ name(3) }}` when it takes a count. Its Markdown is made in `pages/blocks.py`."""

    doc: str
    takes_count: bool = False


# The named, documented "macros" of the site: the only generated parts a hand-written page can ask
# for. The order is the order in which messages list them.
BLOCKS: dict[str, Block] = {
    "site_contact": Block("de uitgever van de site en hoe lezers haar bereiken (uit mkdocs.yml)"),
    "site_hosting": Block("de hosting, wat die bijhoudt en wie daarvoor verantwoordelijk is (uit mkdocs.yml)"),
    "project_status": Block("looptijd (in de tijd die bij de bouwdatum past) en aantallen, met bron"),
    "project_plan": Block("wat de projectbeschrijving plande en wie wat financiert, met bron"),
    "municipality_list": Block("de gemeenten met een experiment, met links"),
    "round_list": Block("de onderzoeksrondes, met links"),
    "theme_list": Block("de onderzoeksthema's en hun vragen"),
    "latest_news": Block("de nieuwste berichten van Actueel (standaard 3)", takes_count=True),
    "news_status": Block("op de nieuwspagina: dat er geen berichten zijn, als dat zo is, en wat een feed is"),
}


def block_call(line: str) -> tuple[str, int] | None:
    """(name, count) when `line` names a known building block on its own, else None (count 0: none given)."""
    match = BLOCK_LINE.match(line)
    if not match or match.group(1) not in BLOCKS:
        return None
    return match.group(1), int(match.group(2)) if match.group(2) else 0


def _check_template_syntax(body: str, first_line: int, ctx: Ctx) -> tuple[bool, tuple[str, ...]]:
    """Refuse template language outside code; return the building blocks the page names."""
    ok, names, fence = True, [], ""
    for offset, line in enumerate(body.split("\n")):
        opening = FENCE.match(line)
        if opening:
            marker = opening.group(1)
            fence = marker[0] * 3 if not fence else ("" if marker.startswith(fence) else fence)
            continue
        if fence:
            continue
        for image in REMOTE_IMAGE.finditer(without_code(line)):
            ok = False
            ctx.error(
                first_line + offset,
                "tekst",
                f"afbeelding van een andere site ({shown(image.group(1)[:60])!r}): "
                "de browser van elke lezer zou die site dan om het bestand vragen; zet het bestand in de "
                "docs-map en verwijs er relatief naar, of maak er een gewone link van",
            )
        if not TEMPLATE_SYNTAX.search(line):
            continue
        block = BLOCK_LINE.match(line)
        if block and block.group(1) in BLOCKS:
            if block.group(2) and not BLOCKS[block.group(1)].takes_count:
                ctx.error(
                    first_line + offset,
                    "tekst",
                    f"bouwsteen '{block.group(1)}' neemt geen getal; schrijf {{{{ {block.group(1)}() }}}}",
                )
                ok = False
            names.append(block.group(1))
            continue
        if not TEMPLATE_SYNTAX.search(without_code(line)):
            continue
        ok = False
        if block:
            ctx.error(
                first_line + offset,
                "tekst",
                f"onbekende bouwsteen '{block.group(1)}'; kies uit "
                f"{one_of(BLOCKS)}, op een eigen regel, zoals {{{{ round_list() }}}}",
            )
        else:
            ctx.error(
                first_line + offset,
                "tekst",
                "sjabloontaal ('{{', '{%', '{#') en attributen ('{:') "
                "werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, "
                "of zet de tekens tussen `backticks`",
            )
    return ok, tuple(names)


def markdown_title(body: str) -> str | None:
    """The text of a body's first line when that line is a `# ` heading, else None: as MkDocs 1.6's
    `mkdocs.utils.get_markdown_title` reads it, written out here because only the wiring imports MkDocs."""
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line:
            return line.lstrip("# ") if line.startswith("# ") else None
    return None


def _read(
    path: Path, docs_dir: Path, base: Path, record: Record, problems: Problems, post: bool
) -> Post | HandPage | None:
    rel = posix_relpath(path, base)
    ctx = Ctx(rel, problems)
    text = read_text(path, rel, problems)
    if text is None:
        return None
    if post or text.startswith("---"):
        node, body, body_line = split_front_matter(text, rel, problems)
        values = record.parse_values(node, "", ctx, line=2) if node is not None else INVALID
    else:  # a page may do without front matter
        body, body_line, values = text, 1, RecordValues({}, {})
        if MULTIMARKDOWN_META.match(text):
            # MkDocs would read these lines as page settings (MultiMarkdown meta-data), unchecked and
            # unescaped: only front matter sets anything, and the check reads it.
            problems.add(
                rel,
                1,
                "tekst",
                f"de eerste regel ('{text.split(':', 1)[0].strip()}: …') leest als een instelling van de pagina "
                "(MultiMarkdown); zet instellingen tussen twee regels '---' bovenaan, of begin de pagina met "
                "een kop ('# Titel')",
            )
            return None
    first_line = body_line + len(body) - len(body.lstrip("\n"))
    body = body.strip()
    checked = "\n".join("" if post and line.strip() == MORE else line for line in body.split("\n"))
    body_ok = BODY.check(checked, first_line, "tekst", ctx)
    # A body refused as too long is not read further: its rules would only take time.
    too_long = len(checked) > BODY.max_length
    syntax_ok, blocks = _check_template_syntax(checked, first_line, ctx) if not too_long else (False, ())
    heading = markdown_title(body) if body_ok else None
    heading = html.unescape(heading) if heading else None
    if values is INVALID or not (body_ok and syntax_ok):
        return None
    fields = values.values
    title = fields.get("title") or heading or ""
    source = path.relative_to(docs_dir).as_posix()
    if post:
        if not heading:
            problems.add(rel, first_line, "tekst", "een bericht begint met een kop: '# Titel'")
            return None
        return Post(fields["slug"], heading, fields["date"], source, fields.get("description") or "", body, first_line)
    return HandPage(
        source,
        title,
        blocks,
        fields.get("description") or "",
        tuple(str(h) for h in fields.get("hide", ())),
        body,
        first_line,
    )


def _walk(folder: Path) -> list[Path]:
    """Every entry below `folder` but its real folders, sorted; symlinked folders are listed, never entered."""
    found = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        found += [Path(top, d) for d in dirs if os.path.islink(os.path.join(top, d))]
        found += [Path(top, n) for n in names]
    return sorted(found)


class Docs(NamedTuple):
    pages: tuple[HandPage, ...]
    posts: tuple[Post, ...]  # newest first
    files: tuple[str, ...]  # images and PDFs, relative to docs_dir


def load_docs(docs_dir: Path, base: Path, problems: Problems) -> Docs:
    """Every hand-written page, news post and file under `docs_dir`, checked; problems are recorded."""
    if not docs_dir.is_dir():
        return Docs((), (), ())
    docs_dir, base = docs_dir.absolute(), base.absolute()
    pages: list[HandPage] = []
    posts: list[Post] = []
    files: list[str] = []
    for path in _walk(docs_dir):
        rel = posix_relpath(path, base)
        if path.suffix.lower() == ".md":
            is_post = path.parent == docs_dir / POSTS
            item = _read(path, docs_dir, base, POST if is_post else PAGE, problems, is_post)
            if isinstance(item, Post):
                posts.append(item)
            elif item is not None:
                pages.append(item)
        elif path.suffix.lower() not in ASSET_SUFFIXES or not path.is_file() or path.is_symlink():
            problems.add(
                rel,
                1,
                "-",
                "alleen Markdown (.md), afbeeldingen (.png, .jpg, .gif, .webp) en "
                "PDF's mogen in deze map; HTML, SVG, scripts en stijlen horen in macros/, waar een "
                "beheerder ze nakijkt (een symbolische link of speciaal bestand mag ook niet)",
            )
        else:
            scan_name(rel, problems)  # published under its name
            files.append(path.relative_to(docs_dir).as_posix())
    posts.sort(key=lambda p: (p.date, p.slug), reverse=True)
    return Docs(tuple(pages), tuple(posts), tuple(files))
