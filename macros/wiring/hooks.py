"""MkDocs hooks: the thin wiring between MkDocs and the content layer.

    on_startup    remember whether this is `mkdocs serve` (which rebuilds on every change); when it
                  is, a failed build becomes an error page and code reloads (serving.py), and
                  nothing is forked (the build's settings say so: parallel.py)
    on_pre_build  refuse unsafe files in docs/ (links to outside, link loops, FIFOs; before MkDocs
                  walks it), load and check all content, hand-written pages and news posts, what
                  the site will publish (no two sources for one address), and refuse a cache a
                  commit could plant (caches.py): on any problem print them all in one list and
                  stop, before MkDocs touches the output directory (checks.py); print the build
                  report (report.py)
    on_files      put the docs tree in place (pages/tree.py: the very files `python -m macros
                  export` writes): generated pages and files added, hand-written pages and posts
                  replaced by their rendered, sanitised versions; each page names its source
                  (`edit_url`); every page a folder page and the files in the order of MkDocs'
                  walk, as in the export, so a plain `mkdocs build` makes the deployed site byte
                  for byte (`mkdocs serve` adds its own address and live-reload script)
    on_page_markdown  (before mkdocs-macros) no page is ever a template
    on_post_page  drop one piece of invalid HTML that Material writes (tabindex="")
    on_post_template  the same for the 404 page; note what in it would make a reader's browser
                  contact another origin (origins.py)
    on_post_build refuse the build when the 404 page does

These hooks serve `mkdocs serve` (and a plain `mkdocs build`); `python -m macros build` runs no
hook: it exports the same tree, has the engine build it, and checks every output file (verify.py).

Everything that knows about experiments lives in the content modules; this file only calls them.
What one event hands to the next is the typed `BuildState` below, never a loose dict.
"""

from __future__ import annotations

import atexit
import logging
import os
import posixpath
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # hooks load by path, not as a package

from macros.base.caches import cache_problems  # noqa: E402
from macros.base.fsafe import not_regular_message  # noqa: E402
from macros.base.problems import ContentError, Problem, Problems, count_line, count_noun  # noqa: E402
from macros.base.relpaths import posix_relpath  # noqa: E402
from macros.content.site import Site  # noqa: E402
from macros.pages.render import Settings  # noqa: E402
from macros.pages.report import report_notes  # noqa: E402
from macros.pages.tree import docs_tree  # noqa: E402
from macros.wiring import serving  # noqa: E402
from macros.wiring.checks import load_checked_site  # noqa: E402
from macros.wiring.config import SiteConfig, settings_of  # noqa: E402
from macros.wiring.export import edit_links, refuse_unsafe, renamed_nav  # noqa: E402
from macros.wiring.origins import foreign_requests, origin  # noqa: E402
from macros.wiring.tags import TANGLED, Tangled  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.waardevol-werk")

# mkdocs-macros reports at INFO which modules, functions and variables it found, on every build
# and rebuild; its warnings and errors still show, and `mkdocs build -v` shows everything.
if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)


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
    foreign: list[Problem] = field(default_factory=list)  # requests to other origins

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
        serving.install()


def on_pre_build(config: MkDocsConfig) -> None:
    """Refuse what must never be built, load and check everything, print the build report."""
    project = project_root(config)
    root = content_root(config)
    # Before MkDocs walks docs/ (it follows symlinks) and reads a page; the export refuses the same.
    _abort(Problems(refuse_unsafe(SiteConfig.load(Path(config.config_file_path)))))
    settings = settings_of(
        config.site_url,
        config.extra,
        config.site_name,
        project,
        parallel=not _state.serving,
        repo_url=config.repo_url,
        edit_uri=config.edit_uri,
    )
    # A cache a commit could plant (caches.py) stops the build like a content problem, listed with them.
    try:
        site = load_checked_site(
            root,
            project,
            cache_problems(project),
            cached=True,
            watch=_state.serving,
            parallel=settings.parallel,
            demo=settings.demo,
        )
    except ContentError as error:
        raise serving.Refused(error.problems, count_line(len(error.problems))) from None
    handwritten = frozenset({p.source for p in site.pages} | {p.source for p in site.posts})
    _state.loaded = Loaded(site, settings, handwritten)
    _state.foreign = []
    # The build report: reported, never fatal (a lecture that is over may get its report later).
    content_root_rel = posix_relpath(site.root, project)
    for note in report_notes(site, settings):
        log.info(note.line(content_root_rel))


def _abort(problems: Problems) -> None:
    if problems:
        found = problems.sorted()
        raise serving.Refused(found, f"{count_noun(len(found), 'probleem', 'problemen')}; er is niets gepubliceerd.")


def refuse_outside_links(files: Files, config: MkDocsConfig) -> None:
    """A symlink in docs/ must not publish a file from outside the repository, nor a FIFO (a
    second line of defence behind export.refuse_unsafe, on the very list MkDocs will publish)."""
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


@event_priority(100)  # before Material's blog, which collects the news posts from the files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Put the docs tree (pages/tree.py, as `python -m macros export` writes it) in place of the
    docs folder: generated pages and files added, hand-written pages and posts replaced by their
    rendered, sanitised versions (after refusing any file in docs/ that leads outside)."""
    refuse_outside_links(files, config)
    loaded = _state.current()
    project = project_root(config)
    problems = Problems()
    tree = docs_tree(
        loaded.site,
        loaded.settings,
        docs_dir=Path(config.docs_dir),
        root_rel=posix_relpath(loaded.site.root, project),
        docs_rel=posix_relpath(config.docs_dir, project),
        edit_url=edit_links(config.repo_url, config.edit_uri, project, Path(config.docs_dir)),
        problems=problems,
    )
    _abort(problems)
    docs = posix_relpath(config.docs_dir, project)
    replaced = loaded.handwritten | frozenset(loaded.site.doc_files)
    posts = frozenset(post.source for post in loaded.site.posts)
    posts_dir = _posts_folder()  # the builds of one process (serve) overwrite one folder
    renamed: dict[str, str] = {}
    for item in tree:
        existing = files.get_file_from_path(item.path)
        if existing is not None:
            if item.path not in replaced:
                message = "deze pagina wordt gegenereerd uit de inhoud; verwijder of hernoem het bestand in de docs-map"
                _abort(Problems([Problem(f"{docs}/{item.path}", 1, "-", message)]))
            files.remove(existing)
        # Each page as a folder page, as the export has it (`team.md` -> `team/index.md`): a
        # section's first page then leads the section here too (navigation.indexes).
        path = item.folder_path
        if path != item.path:
            renamed[item.path] = path
        inclusion = InclusionLevel.UNDEFINED if item.in_nav else InclusionLevel.NOT_IN_NAV
        if item.path in posts and item.content is not None:
            # Material's blog reads a post from its file, not from MkDocs: the rendered post goes in one.
            copy = posts_dir / item.path
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(item.content)
            file = File.generated(config, path, abs_src_path=str(copy))
        elif item.content is not None:
            file = File.generated(config, path, content=item.content, inclusion=inclusion)
        else:
            file = File.generated(config, path, abs_src_path=str(item.copy_of))
        files.append(file)
    if config.nav is not None:
        config.nav = renamed_nav(config.nav, renamed)
    # As MkDocs lists the export's files: the docs folder in the order it walks it, then the theme's
    # (added before this event). The search index and the sitemap then list the pages as the
    # deployed build does (appended, ours came last).
    theme_dirs = {os.path.realpath(folder) for folder in config.theme.dirs}
    ours: list[File] = []
    theme: list[File] = []
    for file in files:
        (theme if file.src_dir is not None and os.path.realpath(file.src_dir) in theme_dirs else ours).append(file)
    return Files([*sorted(ours, key=_walk_order), *theme])


def _walk_order(file: File) -> tuple[tuple[str, ...], bool, str]:
    """A file's place in MkDocs' walk of a docs folder (`get_files`): folder by folder, depth first in
    name order, a folder's own files before its subfolders', `index` or `README` first among them."""
    parts = file.src_uri.split("/")
    return tuple(parts[:-1]), posixpath.splitext(parts[-1])[0] not in ("index", "README"), parts[-1]


def _posts_folder() -> Path:
    """Where the hooks keep the rendered news posts of the builds of this process (removed at exit)."""
    global _posts_root
    if _posts_root is None:
        _posts_root = Path(tempfile.mkdtemp(prefix="waardevol-werk-posts-"))
        atexit.register(shutil.rmtree, _posts_root, True)
    return _posts_root


_posts_root: Path | None = None


@event_priority(100)  # before mkdocs-macros: no page is ever rendered as a Jinja template
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta.pop("render_macros", None)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Material writes tabindex="" on navigation labels: invalid HTML, and the same as no tabindex.
    return output.replace(' tabindex=""', "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        note_foreign_requests(output_content, config)
    return output_content.replace(' tabindex=""', "")  # the 404 page has the same navigation


def note_foreign_requests(output: str, config: MkDocsConfig) -> None:
    """Record, as problems, what in this page a browser would fetch from another origin.

    Checked: the 404 page (the theme's). Every page's content, hand-written pages included, is
    sanitised before MkDocs sees it (pages/handwritten_pages.py), and `python -m macros build`
    checks every output file (verify.py); this keeps `mkdocs serve` and a plain `mkdocs build`
    from passing a theme override that loads from elsewhere."""
    page = "404.html (thema: macros/theme/)"
    try:
        found = foreign_requests(output, origin(config.site_url or ""))
    except Tangled:
        _state.foreign.append(Problem(page, 1, "-", TANGLED))
        return
    for _, what in found:
        _state.foreign.append(
            Problem(
                page,
                1,
                "-",
                f"{what}: de browser van elke lezer vraagt dan iets op bij een andere partij, wat de "
                "privacyverklaring uitsluit; haal het uit de thema-aanpassing",
            )
        )


def on_post_build(config: MkDocsConfig) -> None:
    """Refuse the build when any page would make a reader's browser contact another origin."""
    problems = _state.foreign
    if problems:
        closing = (
            f"{count_noun(len(problems), 'probleem', 'problemen')} in de pagina's van het thema (een verzoek "
            "aan een andere partij, opmaak die niet te lezen is); de build is afgebroken."
        )
        raise serving.Refused(problems, closing)
