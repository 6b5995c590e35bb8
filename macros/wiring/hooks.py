"""MkDocs hooks: the thin wiring between MkDocs and the content layer.

    on_startup    remember whether this is `mkdocs serve` (which rebuilds on every change); when it
                  is, a failed build becomes an error page and code and templates reload (serving.py),
                  and nothing is forked (the build's settings say so: parallel.py)
    on_pre_build  refuse unsafe files in docs/ (links to outside, link loops, FIFOs; before MkDocs
                  walks it), load and check all content, hand-written pages and news posts, what
                  the site will publish (no two sources for one address), and refuse a cache a
                  commit could plant (caches.py): on any problem print them all in one list and
                  stop, before MkDocs touches the output directory (checks.py); print the build
                  report (report.py)
    on_files      add the generated pages (and the site's own CSS/JS) as virtual files, with
                  "edit this page" pointing at the content file each page comes from
    on_page_markdown  (before mkdocs-macros) no page is ever a template; hand-written pages get
                  their building blocks expanded and their front matter escaped
    on_page_content   hand-written pages: the title as text, the HTML through the sanitiser
    on_post_page  drop one piece of invalid HTML that Material writes (tabindex=""); note what in
                  a page would make a reader's browser contact another origin (origins.py)
    on_post_build refuse the build when any page does, naming every one

Everything that knows about experiments lives in the content modules; this file only calls them.
What one event hands to the next is the typed `BuildState` below, never a loose dict.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # hooks load by path, not as a package

from macros.base.caches import cache_dir, cache_problems  # noqa: E402
from macros.base.clock import build_time  # noqa: E402
from macros.base.fictional import ROBOTS_TXT  # noqa: E402
from macros.base.fsafe import is_within, not_regular_message, scan_tree  # noqa: E402
from macros.base.markup import defuse_brackets, sanitize_page_html  # noqa: E402
from macros.base.problems import ContentError, Problems, count_noun  # noqa: E402
from macros.base.relpaths import posix_relpath  # noqa: E402
from macros.content.site import Site  # noqa: E402
from macros.content.siteinfo import SiteInfo  # noqa: E402
from macros.formats.atom import site_dates  # noqa: E402
from macros.pages import render  # noqa: E402
from macros.pages.blocks import expand_blocks  # noqa: E402
from macros.pages.news import FEED as NEWS_FEED  # noqa: E402
from macros.pages.news import render_news_feed
from macros.pages.output import render_site  # noqa: E402
from macros.pages.render import Settings  # noqa: E402
from macros.pages.report import report_notes  # noqa: E402
from macros.wiring import serving  # noqa: E402
from macros.wiring.checks import load_checked_site  # noqa: E402
from macros.wiring.origins import foreign_requests, origin  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.waardevol-werk")

# mkdocs-macros reports at INFO which modules, functions and variables it found, on every build
# and rebuild; its warnings and errors still show, and `mkdocs build -v` shows everything.
if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

ASSETS = Path(__file__).parents[1] / "assets"


@dataclass(frozen=True)
class Loaded:
    """What on_pre_build found, for the events after it."""

    site: Site
    settings: Settings
    handwritten: frozenset[str]  # src_uri of the hand-written pages and news posts (checked content)


@dataclass
class BuildState:
    """What the hooks carry from one event to the next, within a build and across a server's rebuilds."""

    serving: bool = False  # `mkdocs serve`: rebuilds on every change
    loaded: Loaded | None = None  # set by on_pre_build, before any event that reads it
    foreign: list[str] = field(default_factory=list)  # requests to other origins (`path:line: -: message`)

    def current(self) -> Loaded:
        """The site and settings of this build (every event that asks runs after on_pre_build)."""
        if self.loaded is None:
            raise RuntimeError("on_pre_build has not run: no site loaded")
        return self.loaded


_state = BuildState()


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: every content path in messages is relative to it."""
    return Path(config.config_file_path).resolve().parent


def content_root(config: MkDocsConfig) -> Path:
    return project_root(config) / config.extra.get("content_root", ".")


def on_startup(command: str, dirty: bool) -> None:
    """Start with a fresh state (also after serving.py reloads this module with new code)."""
    global _state
    _state = BuildState(serving=command == "serve")
    if command == "serve":
        render.AUTO_RELOAD = True
        render._environment.cache_clear()
        serving.install()


def on_pre_build(config: MkDocsConfig) -> None:
    """Refuse what must never be built, load and check everything, print the build report."""
    project = project_root(config)
    root = content_root(config)
    if Path(config.docs_dir).resolve() != (root / "docs").resolve():
        raise Abort(
            f"docs_dir moet {root / 'docs'} zijn (de map docs/ naast de inhoud); "
            "daar leest de controle de pagina's en berichten"
        )
    refuse_unsafe_docs(config)  # before MkDocs walks docs/ (it follows symlinks) and reads a page
    refuse_real_address(config)
    # A cache a commit could plant (caches.py) stops the build like a content problem, listed with them.
    try:
        site = load_checked_site(
            root, project, cache_problems(project), cached=True, watch=_state.serving, parallel=not _state.serving
        )
    except ContentError as error:
        raise Abort(f"\n{error}") from None
    settings = Settings(
        site_url=config.site_url or "/",
        now=build_time(),
        organizer=dict(config.extra.get("organizer", {})),
        demo=bool(config.extra.get("demo")),
        cache_dir=cache_dir(project),
        data_license=config.extra.get("data_license"),
        info=SiteInfo.from_extra(dict(config.extra), site_name=config.site_name),
        parallel=not _state.serving,
    )
    handwritten = frozenset({p.source for p in site.pages} | {p.source for p in site.posts})
    _state.loaded = Loaded(site, settings, handwritten)
    _state.foreign = []
    # The build report: reported, never fatal (a lecture that is over may get its report later).
    content_root_rel = posix_relpath(site.root, project)
    for note in report_notes(site, settings):
        log.info(note.line(content_root_rel))


def refuse_real_address(config: MkDocsConfig) -> None:
    """The fictional demo never publishes under the real site's address (SITE_URL)."""
    real = os.environ.get("SITE_URL", "").strip()
    if config.extra.get("demo") and real and (config.site_url or "").rstrip("/") == real.rstrip("/"):
        raise Abort(
            f"de voorbeeldsite zou het adres van de echte site krijgen ({real}); geef haar een eigen "
            "adres met DEMO_SITE_URL (of site_url in mkdocs.demo.yml)"
        )


def _abort(problems: Problems) -> None:
    if problems:
        lines = [str(p) for p in problems.sorted()]
        raise Abort(
            "\n" + "\n".join(lines) + f"\n{count_noun(len(lines), 'probleem', 'problemen')}; er is niets gepubliceerd."
        )


def refuse_unsafe_docs(config: MkDocsConfig) -> None:
    """docs/ may hold no symlink to outside the repository, no symlink loop, no FIFO, device or socket."""
    problems = Problems()
    project = project_root(config)
    if not is_within(config.docs_dir, project):
        problems.add(
            posix_relpath(os.path.abspath(config.docs_dir), project),
            1,
            "-",
            f"de docs-map ligt buiten de repository ({os.path.realpath(config.docs_dir)}); zet hem erin",
        )
    else:
        scan_tree(Path(config.docs_dir), project, project, problems)
    _abort(problems)


def refuse_outside_links(files: Files, config: MkDocsConfig) -> None:
    """A symlink in docs/ must not publish a file from outside the repository, nor a FIFO (a
    second line of defence behind refuse_unsafe_docs, on the very list MkDocs will publish)."""
    project = project_root(config)
    docs = os.path.realpath(config.docs_dir)
    problems = Problems()
    for file in files:
        if file.abs_src_path and file.src_dir and os.path.realpath(file.src_dir) == docs:
            rel = posix_relpath(file.abs_src_path, project)
            real = Path(file.abs_src_path).resolve()
            if not real.is_relative_to(project):
                problems.add(
                    rel,
                    1,
                    "-",
                    f"wijst naar {real}, buiten de repository; zet het bestand zelf in de "
                    "map in plaats van een symbolische link",
                )
                continue
            try:
                mode = os.stat(file.abs_src_path).st_mode
            except OSError:
                continue  # gone: MkDocs reports it
            if not stat.S_ISREG(mode):
                problems.add(rel, 1, "-", not_regular_message(mode))
    _abort(problems)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and files (after refusing any in docs/ that leads outside)."""
    refuse_outside_links(files, config)
    loaded = _state.current()
    site, settings = loaded.site, loaded.settings
    pages, assets = render_site(site, settings)
    docs = posix_relpath(config.docs_dir, project_root(config))
    root_rel = posix_relpath(site.root, project_root(config))
    for page in pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            raise Abort(
                f"{docs}/{page.src_uri}: deze pagina wordt gegenereerd uit de inhoud; "
                "verwijder of hernoem het bestand in de docs-map"
            )
        # Profiles and filter pages stay out of the navigation (every page would list them all);
        # NOT_IN_NAV also keeps MkDocs from listing each of them as "not in nav".
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        if page.source:
            source = posixpath.normpath(posixpath.join(root_rel, page.source))
            file.edit_uri = posix_relpath(source, docs)
        files.append(file)
    for asset in assets:
        if asset.content is not None:
            files.append(File.generated(config, asset.uri, content=asset.content))
        else:
            files.append(File.generated(config, asset.uri, abs_src_path=str(asset.path)))
    if site.has_news:
        files.append(
            File.generated(
                config,
                NEWS_FEED,
                content=render_news_feed(
                    site.posts, settings.absolute, demo=settings.demo, when=site_dates(site, settings.now)
                ),
            )
        )
    if settings.demo:  # the fictional site keeps out of search engines altogether
        files.append(File.generated(config, "robots.txt", content=ROBOTS_TXT))
    other_card = "card.png" if settings.demo else "card-demo.png"  # each site ships its own share card only
    for static in sorted(ASSETS.rglob("*")):
        if static.is_file() and static.relative_to(ASSETS).as_posix() != other_card:
            files.append(
                File.generated(config, f"assets/{static.relative_to(ASSETS).as_posix()}", abs_src_path=str(static))
            )
    return files


def _handwritten(page: Page) -> bool:
    loaded = _state.loaded
    return page.file.generated_by is None and loaded is not None and page.file.src_uri in loaded.handwritten


def _text(value: object) -> str:
    """Plain text for a place where Material writes it into HTML unescaped (<title>, attributes)."""
    return html.escape(str(value), quote=False).replace('"', "&quot;")


@event_priority(100)  # before mkdocs-macros: no content page is ever rendered as a Jinja template
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta.pop("render_macros", None)
    if not _handwritten(page):
        return markdown
    for key in ("title", "description"):
        if key in page.meta:
            page.meta[key] = _text(page.meta[key])
    loaded = _state.current()
    return defuse_brackets(expand_blocks(markdown, loaded.site, page.file.src_uri, loaded.settings))


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _handwritten(page):
        return html_text
    # MkDocs takes the title from the rendered heading as plain text; Material writes it into
    # <title> and the navigation unescaped, so it is kept as escaped text.
    if "title" not in page.meta and page._title_from_render:  # inner HTML, tags stripped
        page.meta["title"] = _text(html.unescape(page._title_from_render))
    return sanitize_page_html(html_text)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    note_foreign_requests(output, page, config)
    # Material writes tabindex="" on navigation labels: invalid HTML, and the same as no tabindex.
    return output.replace(' tabindex=""', "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        note_foreign_requests(output_content, None, config)
    return output_content.replace(' tabindex=""', "")  # the 404 page has the same navigation


def note_foreign_requests(output: str, page: Page | None, config: MkDocsConfig) -> None:
    """Record, as `path:line: -: message`, what in this page a browser would fetch from another origin.

    Checked: the hand-written pages (docs/, news posts), whose Markdown may hold raw HTML, images
    and attributes, and the 404 page. Generated pages are not: their content is sanitised (no
    images, no classes) and their templates are covered in a browser by tests/test_origins.py;
    scanning them would add about 1 ms per page (2 s at 1,000 experiments)."""
    if page is not None and not page.file.abs_src_path:
        return
    found = foreign_requests(output, origin(config.site_url or ""))
    if not found:
        return
    if page is None:
        rel, lines = "404.html (thema: macros/theme/)", []
    else:
        assert page.file.abs_src_path is not None  # a page without a source returned above
        source = Path(page.file.abs_src_path)
        rel = posix_relpath(source, project_root(config))
        lines = source.read_text(encoding="utf-8", errors="replace").split("\n")
    problems = _state.foreign
    for needle, what in found:
        line = next((n for n, text in enumerate(lines, 1) if needle in text), 1)
        if needle == "mermaid":
            fix = "verwijder de klasse mermaid (een diagram kan als afbeelding in de docs-map)"
        else:
            fix = (
                f"zet het bestand zelf in de docs-map en verwijs er relatief naar, of maak er een gewone "
                f"link van: [tekst]({needle})"
            )
        problems.append(
            f"{rel}:{line}: -: {what}: de browser van elke lezer vraagt dan iets op bij een andere "
            f"partij, wat de privacyverklaring uitsluit; {fix}"
        )


def on_post_build(config: MkDocsConfig) -> None:
    """Refuse the build when any page would make a reader's browser contact another origin."""
    problems = _state.foreign
    if problems:
        raise Abort(
            "\n" + "\n".join(problems) + f"\n{count_noun(len(problems), 'verzoek', 'verzoeken')} aan andere partijen; "
            "de build is afgebroken."
        )
