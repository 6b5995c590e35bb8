"""News (Actueel): dated Markdown posts under docs/actueel/posts/, shown by Material's blog
plugin. Here: reading their front matter (strictly, like all content), an Atom feed of them,
and the latest items for the home page."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .atom import Entry, render_atom, stamp
from .fields import Date, Field, Record, Slug, Text
from .fsafe import refuse_outside_folder
from .problems import ContentError, Problems
from .yamlio import read_text, split_front_matter

POSTS = "actueel/posts"
FEED = "actueel/feed.xml"
POST = Record(fields={
    "date": Field(Date(), required=True, example="2024-05-16", doc="Datum van het bericht"),
    "slug": Field(Slug(), required=True, example="eerste-bevindingen", doc="Laatste deel van het webadres"),
    "description": Field(Text(max_length=300), doc="Eén zin voor overzichten en de feed"),
    "authors": Field(Text(), doc="(niet gebruikt)"),
})


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    date: dt.date
    source: str  # path relative to docs_dir
    description: str = ""


def load_posts(docs_dir: Path, base: Path) -> list[Post]:
    """Every post, newest first; content mistakes raise ContentError like any content file."""
    from .fields import INVALID, Ctx

    problems = Problems()
    posts = []
    folder = docs_dir / POSTS
    folder_rel = Path(os.path.relpath(os.path.abspath(folder), os.path.abspath(base))).as_posix()
    if refuse_outside_folder(folder, folder_rel, base, problems):  # a symlink to elsewhere: nothing read
        raise ContentError(problems.items)
    for path in sorted(folder.glob("*.md")):
        rel = path.resolve().relative_to(base.resolve()).as_posix() if path.resolve().is_relative_to(base.resolve()) \
            else path.as_posix()
        text = read_text(path, rel, problems)
        if text is None:
            continue
        node, body, _ = split_front_matter(text, rel, problems)
        parsed = POST.parse_values(node, "", Ctx(rel, problems), line=2) if node is not None else INVALID
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        if heading is None:
            problems.add(rel, 1, "-", "een bericht begint met een kop: '# Titel'")
            continue
        if parsed is INVALID:
            continue
        values = parsed[0]
        posts.append(Post(values["slug"], heading.group(1).strip(), values["date"],
                          path.relative_to(docs_dir).as_posix(), values.get("description", "")))
    if problems:
        raise ContentError(problems.items)
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)


def render_news_feed(posts: list[Post], absolute) -> bytes:
    return render_atom("Actueel – lerende evaluatie maatschappelijk waardevol werk", "urn:waardevol-werk:actueel",
                       absolute(FEED), absolute("actueel/"),
                       [Entry(f"urn:waardevol-werk:actueel:{p.slug}", p.title, absolute(f"actueel/{p.slug}/"),
                              stamp(p.date), p.description) for p in posts])


def render_latest(posts: list[Post], page_src: str, count: int = 3) -> str:
    """A Markdown list of the newest posts, for a hand-written page."""
    import posixpath

    from .fields import dutch_date
    from .markup import md_escape

    if not posts:
        return "*Nog geen berichten.*"
    here = posixpath.dirname(page_src) or "."
    return "\n".join(f"- {dutch_date(p.date)}: [{md_escape(p.title)}]({posixpath.relpath(p.source, here)})"
                     for p in posts[:count])
