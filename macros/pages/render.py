"""Shared rendering machinery: the page and asset types, URLs, and the Jinja environment.

Templates live in `macros/templates/`; they are autoescaped, and a value placed in Markdown
goes through the `md` filter; links come from `href(obj)` (below: which path of the path module
a model's page has, made relative to the page). Page modules (`experiment_pages`,
`lecture_pages`) call `render_template` and return `Page`s; `output.render_site` collects them all.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..base.dates import AMSTERDAM, MONTHS_NL, PartialDate, dutch_date
from ..base.markup import md_escape, render_markdown
from ..base.text import slugify
from ..content import paths
from ..content.experiments import Experiment, RoundReport
from ..content.history import Edit, RecordHistory
from ..content.lectures import Lecture
from ..content.paths import url_of  # noqa: F401  (pages import it from here)
from ..content.publications import Publication
from ..content.registry import Municipality, Person, Round, Theme
from ..content.siteinfo import SiteInfo  # noqa: E402

TEMPLATES = Path(__file__).parents[1] / "templates"
# What a feed is, beside every link to one (pages and the news page); the feed itself says so too
# when a browser opens it (assets/feed.css).
FEED_HELP = (
    "Een feed is een adres voor een feedlezer (zoals Thunderbird, Feedly of NetNewsWire): die laat nieuwe "
    "berichten vanzelf zien, zonder dat je deze site hoeft te bezoeken. Kopieer het adres van de link naar je "
    "feedlezer."
)


@dataclass(frozen=True)
class Settings:
    """What pages need from the site configuration and the build."""

    site_url: str
    now: dt.datetime
    organizer: dict = field(default_factory=dict)
    demo: bool = False  # fictional content: every page, redirects included, says so
    cache_dir: Path | None = None  # where slow, deterministic results (APA references) are kept: caches.py
    data_license: str | None = None  # the licence of the open data (URL)
    info: SiteInfo = field(default_factory=SiteInfo)  # publisher, contact, host (siteinfo.py)
    parallel: bool = True  # long lists may be rendered by several processes (parallel.py); off under serve
    # The repository host's history of a content file is this + its path from the content root
    # (`<repo_url>commits/<branch>/<content root>/`, config.history_base); None without repo_url.
    history_url: str | None = None

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page: bytes to write, or a file to copy; `sources`: the content
    files it is made of, relative to the content root, when the output gate should name them."""

    uri: str
    content: bytes | None = None
    path: Path | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its Markdown, and the content file it comes from."""

    src_uri: str
    markdown: str
    source: str | None = None
    in_nav: bool = False

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


# What `href` links to: a model with a page, or a path the path module made.
Linkable = Experiment | RoundReport | Round | Lecture | Publication | Person | Municipality | Theme | str


def href(obj: Linkable) -> str:
    """The URL (from the site root) of a model's page, or of a path the path module made (a page
    source gives its directory URL, any other path is its own URL)."""
    match obj:
        case str():
            return url_of(obj) if obj.endswith(".md") else obj
        case Experiment():
            return paths.experiment_url(obj.slug)
        case RoundReport():
            return paths.experiment_url(obj.experiment, obj.round)
        case Round():
            return paths.round_url(obj.number)
        case Lecture():
            return paths.lecture_url(obj.id)
        case Publication():
            return paths.publication_url(obj.id)
        case Person():
            return paths.person_url(obj.id)
        case Municipality():
            return paths.facet_url(paths.MUNICIPALITY_FACET, obj.id)
        case Theme():
            return paths.publication_facet_url(paths.THEME_FACET, obj.id)
    raise TypeError(f"no public path for {type(obj).__name__}")


@lru_cache(maxsize=65536)
def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another (both relative to the site root, folders end in '/').

    What posixpath.relpath gives, written out, and cached: it runs for every link of every page, and
    the pages of one kind link to the same few targets (rounds, facets, lectures)."""
    target, _, fragment = to_url.partition("#")
    here = [part for part in from_url.split("/") if part]
    there = [part for part in target.split("/") if part]
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    path = "/".join([".."] * (len(here) - common) + there[common:])
    if target.endswith("/") or not target:
        path = f"{path}/" if path else "./"
    return path + (f"#{fragment}" if fragment else "")


def date_nl(value) -> str:
    """A date, partial date or date-time in Dutch words (date-times in Dutch local time)."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.dutch()
    if isinstance(value, dt.datetime):
        return f"{dutch_date(value.date())}, {value:%H:%M} uur"
    return dutch_date(value)


def local_day(value: dt.datetime) -> dt.date:
    """The day of a moment in the Netherlands."""
    from zoneinfo import ZoneInfo

    return value.astimezone(ZoneInfo(AMSTERDAM)).date()


def day_nl(value: dt.datetime) -> str:
    """The day of a moment in Dutch words, as it was in the Netherlands (a commit at 23:30 UTC in
    summer is the next day there)."""
    return dutch_date(local_day(value))


def day_iso(value: dt.datetime) -> str:
    """That day as `<time datetime>` takes it."""
    return local_day(value).isoformat()


def _listed(labels: tuple[str, ...]) -> str:
    return ", ".join(labels)


def edit_words(edit: Edit) -> str:
    """An edit as a reader reads it: "gewijzigd: fase, bevindingen ronde 2; toegevoegd: naam"."""
    parts = []
    if edit.created:
        parts.append("aangemaakt")
    if edit.changed:
        parts.append(f"gewijzigd: {_listed(edit.changed)}")
    if edit.added:
        parts.append(f"toegevoegd: {_listed(edit.added)}")
    if edit.removed:
        parts.append(f"verwijderd: {_listed(edit.removed)}")
    for path in edit.whole:
        parts.append(f"het hele bestand {path} (een versie ervan was niet te lezen)")
    return "; ".join(parts)


def history_url(settings: Settings | None, history: RecordHistory) -> str | None:
    """The repository host's full history of a record's source; None without repo_url."""
    if settings is None or not settings.history_url:
        return None
    return settings.history_url + history.source


def period_nl(start, end) -> str:
    if start and end:
        return f"{date_nl(start)} – {date_nl(end)}"
    if start:
        return f"vanaf {date_nl(start)}"
    if end:
        return f"tot {date_nl(end)}"
    return ""


def _inline_code(value: str) -> Markup:
    """Backticked parts of a plain description as <code>, the rest escaped."""
    parts = str(value).split("`")
    return Markup("".join(f"<code>{html.escape(p)}</code>" if i % 2 else html.escape(p) for i, p in enumerate(parts)))


def _md(value: object) -> Markup:
    return Markup(md_escape(str(value)))


def _front_matter(meta: dict) -> Markup:
    """Page metadata as YAML front matter.

    Material writes `title` and `description` into HTML without escaping (<title>, <meta
    content="...">), so text values are HTML-escaped here, where they come from content.
    JSON is valid YAML, and json.dumps escapes every character YAML could misread."""
    lines = []
    for key, value in meta.items():
        if isinstance(value, str):
            value = html.escape(value, quote=True)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}\n")
    return Markup("".join(lines))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A template edited while `mkdocs serve` runs shows on the next build: Jinja looks at a template
        # file's time before it uses its compiled code (one stat per use: about 12,000 at N = 1,000,
        # some 16 ms of a 7 s render), so no build needs to be told whether it serves.
        auto_reload=True,
        # No bytecode cache: Jinja's loads compiled code with marshal, so a cache file is code. A
        # fresh process compiles the templates in about 0.1 s; forked workers and `mkdocs serve`
        # reuse this environment.
        # Markdown heading ids are written `{#id}`; Jinja comments must not claim that syntax.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(
        md=_md,
        inline_code=_inline_code,
        markdown=render_markdown,
        date_nl=date_nl,
        day_nl=day_nl,
        day_iso=day_iso,
        edit_words=edit_words,
        slugify=slugify,
        front_matter=_front_matter,
    )
    env.globals.update(period_nl=period_nl, months=MONTHS_NL, href=_href, paths=paths, feed_help=FEED_HELP)
    return env


@jinja2.pass_context
def _href(context: jinja2.runtime.Context, target: Linkable) -> str:
    """`href(experiment)`, `href(paths.data_file(name, "csv"))`: the link from this page to a model's
    page or to a path of the path module."""
    return relative(context["page_url"], href(target))


def render_template(template: str, page_url: str, **context) -> str:
    """A page's Markdown from a template; its links are relative to `page_url`."""
    return _environment().get_template(template).render(page_url=page_url, **context)
