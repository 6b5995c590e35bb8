"""MkDocs hooks: the thin wiring between MkDocs and the content layer.

    on_startup    remember whether this is `mkdocs serve` (which rebuilds on every change)
    on_pre_build  load and check all content and news posts; on any problem print them all and
                  stop, before MkDocs touches the output directory
    on_files      add the generated pages (and the site's own CSS/JS) as virtual files, with
                  "edit this page" pointing at the content file each page comes from
    on_post_page  drop one piece of invalid HTML that Material writes (tabindex=""); note what in
                  a page would make a reader's browser contact another origin (origins.py)
    on_post_build refuse the build when any page does, naming every one

Everything that knows about experiments lives in the content modules; this file only calls them.
"""

from __future__ import annotations

import logging
import os
import posixpath
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # hooks load by path, not as a package

from macros.clock import build_time  # noqa: E402
from macros.origins import foreign_requests, origin  # noqa: E402
from macros.news import FEED as NEWS_FEED, load_posts, render_news_feed  # noqa: E402
from macros.output import render_site  # noqa: E402
from macros import parallel  # noqa: E402
from macros.problems import ContentError  # noqa: E402
from macros.render import Settings  # noqa: E402
from macros.report import report_lines  # noqa: E402
from macros.site import Site, get_site  # noqa: E402

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.waardevol-werk")

ASSETS = Path(__file__).parent / "assets"
_state: dict[str, object] = {}


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: every content path in messages is relative to it."""
    return Path(config.config_file_path).resolve().parent


def content_root(config: MkDocsConfig) -> Path:
    return project_root(config) / config.extra.get("content_root", ".")


def on_startup(command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"
    parallel.ENABLED = command != "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        site = get_site(content_root(config), base=project_root(config), watch=bool(_state.get("serving", True)))
        posts = load_posts(Path(config.docs_dir), project_root(config))
    except ContentError as error:
        raise Abort(f"\n{error}") from None
    settings = Settings(site_url=config.site_url or "/", now=build_time(),
                        organizer=dict(config.extra.get("organizer", {})), demo=bool(config.extra.get("demo")),
                        cache_dir=project_root(config) / ".cache", data_license=config.extra.get("data_license"))
    _state.update(site=site, settings=settings, posts=posts, foreign=[])
    # The build report: reported, never fatal (a lecture that is over may get its report later).
    prefix = Path(os.path.relpath(site.root, project_root(config))).as_posix()
    for line in report_lines(site, settings):
        log.info(posixpath.normpath(f"{prefix}/{line}") if line.split(":")[0].endswith((".md", ".yml")) else line)


def refuse_outside_links(files: Files, config: MkDocsConfig) -> None:
    """A symlink in docs/ must not publish a file from outside the repository."""
    project = project_root(config)
    docs = os.path.realpath(config.docs_dir)
    outside = []
    for file in files:
        if file.abs_src_path and file.src_dir and os.path.realpath(file.src_dir) == docs:
            real = Path(file.abs_src_path).resolve()
            if not real.is_relative_to(project):
                outside.append(f"{os.path.relpath(file.abs_src_path, project)}: wijst naar {real}, buiten de "
                               "repository; zet het bestand zelf in de map in plaats van een symbolische link")
    if outside:
        raise Abort("\n" + "\n".join(outside) + f"\n{len(outside)} probleem/problemen; er is niets gepubliceerd.")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    refuse_outside_links(files, config)
    site: Site = _state["site"]  # type: ignore[assignment]
    settings: Settings = _state["settings"]  # type: ignore[assignment]
    pages, assets = render_site(site, settings)
    docs = Path(os.path.relpath(config.docs_dir, project_root(config))).as_posix()
    root_rel = Path(os.path.relpath(site.root, project_root(config))).as_posix()
    for page in pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            raise Abort(f"{docs}/{page.src_uri}: deze pagina wordt gegenereerd uit de inhoud; "
                        "verwijder of hernoem het bestand in de docs-map")
        # Profiles and filter pages stay out of the navigation (every page would list them all);
        # NOT_IN_NAV also keeps MkDocs from listing each of them as "not in nav".
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        if page.source:
            source = posixpath.normpath(posixpath.join(root_rel, page.source))
            file.edit_uri = posixpath.relpath(source, docs)
        files.append(file)
    for asset in assets:
        if asset.content is not None:
            files.append(File.generated(config, asset.uri, content=asset.content))
        else:
            files.append(File.generated(config, asset.uri, abs_src_path=str(asset.path)))
    if (Path(config.docs_dir) / "actueel").is_dir():
        files.append(File.generated(config, NEWS_FEED, content=render_news_feed(_state["posts"], settings.absolute)))
    for asset in sorted(ASSETS.rglob("*")):
        if asset.is_file():
            files.append(File.generated(config, f"assets/{asset.relative_to(ASSETS).as_posix()}",
                                        abs_src_path=str(asset)))
    return files


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
        source = Path(page.file.abs_src_path)
        rel = Path(os.path.relpath(source, project_root(config))).as_posix()
        lines = source.read_text(encoding="utf-8", errors="replace").split("\n")
    problems = _state.setdefault("foreign", [])
    for needle, what in found:
        line = next((n for n, text in enumerate(lines, 1) if needle in text), 1)
        if needle == "mermaid":
            fix = "verwijder de klasse mermaid (een diagram kan als afbeelding in de docs-map)"
        else:
            fix = (f"zet het bestand zelf in de docs-map en verwijs er relatief naar, of maak er een gewone "
                   f"link van: [tekst]({needle})")
        problems.append(f"{rel}:{line}: -: {what}: de browser van elke lezer vraagt dan iets op bij een andere "
                        f"partij, wat de privacyverklaring uitsluit; {fix}")


def on_post_build(config: MkDocsConfig) -> None:
    problems = _state.get("foreign") or []
    if problems:
        raise Abort("\n" + "\n".join(problems) + f"\n{len(problems)} verzoek(en) aan andere partijen; "
                    "de build is afgebroken.")
