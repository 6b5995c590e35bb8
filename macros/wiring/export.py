"""`python -m macros export DIR`: the whole site as an engine-neutral docs tree.

    DIR/
      mkdocs.yml      the engine configuration: the project's, without the generator's hooks and
                      the macros plugin (nothing of the generator runs inside the engine)
      docs/           every page as Markdown with front matter, every other file as it is published
                      (pages/tree.py); hand-written pages already rendered and sanitised
      overrides/      the theme overrides (macros/theme/), in the Jinja subset that both Jinja2
                      (MkDocs) and minijinja (Zensical) understand
      sources.json    for each file the engine will write, the source files it comes from (for
                      verify's messages)

Any engine that reads mkdocs.yml builds it: MkDocs + Material (the default), ProperDocs, Zensical.
Before anything is written, everything is checked as `make check` does, plus the docs folder's
files (no link to outside, no FIFO) and the links of hand-written pages; any problem stops the
export with every problem listed.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

import yaml

from ..base.caches import cache_problems
from ..base.fsafe import is_within, scan_tree
from ..base.problems import ContentError, Problem, Problems, count_noun
from ..base.relpaths import posix_relpath
from ..content.history import site_history
from ..content.site import Site
from ..pages.render import Settings
from ..pages.report import report_notes
from ..pages.tree import OutFile, docs_tree
from .checks import load_checked_site
from .config import ConfigError, SiteConfig

THEME = Path(__file__).parents[1] / "theme"
SOURCES = "sources.json"
ENGINE_CONFIG = "mkdocs.yml"
MARKER = ".waardevol-werk-export"
GENERATOR_PLUGINS = frozenset({"macros"})  # plugins that are the generator's, not the engine's


@dataclass(frozen=True)
class Export:
    """What an export wrote: where, for which configuration, and what it holds."""

    folder: Path
    docs: Path  # the docs tree: `folder`/docs, or where the build put it (`docs_at` of write_export)
    config: SiteConfig
    site: Site
    settings: Settings
    files: tuple[OutFile, ...]
    notes: tuple[str, ...] = ()  # the build report (report.py), one line each

    @property
    def engine_config(self) -> Path:
        return self.folder / ENGINE_CONFIG


def refuse_unsafe(config: SiteConfig) -> list[Problem]:
    """docs/ may hold no link to outside the repository, no link loop, no FIFO; the demo never gets the real address."""
    problems = Problems()
    project, docs = config.project, config.docs_dir
    if not is_within(docs, project):
        problems.add(
            posix_relpath(os.path.abspath(docs), project),
            1,
            "-",
            f"de docs-map ligt buiten de repository ({os.path.realpath(docs)}); zet hem erin",
        )
    else:
        scan_tree(docs, project, project, problems)
    if docs.resolve() != (config.content_root / "docs").resolve():
        problems.add(
            config.path.name,
            1,
            "docs_dir",
            f"docs_dir moet {posix_relpath(config.content_root / 'docs', project)} zijn (de map docs/ naast de "
            "inhoud); daar leest de controle de pagina's en berichten",
        )
    real = os.environ.get("SITE_URL", "").strip()
    if config.demo and real and config.site_url.rstrip("/") == real.rstrip("/"):
        problems.add(
            config.path.name,
            1,
            "site_url",
            f"de voorbeeldsite zou het adres van de echte site krijgen ({real}); geef haar een eigen "
            "adres met DEMO_SITE_URL (of site_url in mkdocs.demo.yml)",
        )
    return problems.items


def edit_links(repo_url: str | None, edit_uri: str | None, project: Path, docs_dir: Path):
    """`edit_url(project_path)`: the repository's edit link of a project file, as MkDocs makes it
    from repo_url and edit_uri (which names docs_dir); None without them."""
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri.rstrip("/") + "/") if repo_url and edit_uri else None
    docs_rel = posix_relpath(docs_dir, project)

    def edit_url(project_path: str) -> str | None:
        # "./" and percent-encoding: a file named `javascript:x.md` is a path, never a scheme.
        return urljoin(base, "./" + quote(posix_relpath(project_path, docs_rel), safe="/")) if base else None

    return edit_url


def engine_config(
    config: SiteConfig, files: list[OutFile], renamed: dict[str, str], docs_dir: str = "docs"
) -> dict[str, Any]:
    """The project's configuration for an engine that builds the export: no generator inside it."""
    raw = dict(config.raw)
    for key in ("hooks", "watch", "docs_dir", "site_dir", "INHERIT"):
        raw.pop(key, None)
    plugins = []
    for plugin in raw.get("plugins") or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)
        if name not in GENERATOR_PLUGINS:
            plugins.append(plugin)
    theme = dict(raw.get("theme") or {})
    theme["custom_dir"] = "overrides"
    extensions = list(raw.get("markdown_extensions") or [])
    if not any((next(iter(e)) if isinstance(e, dict) else e) == "attr_list" for e in extensions):
        extensions.append("attr_list")  # the heading ids of hand-written pages ({#id}) need it
    extra = dict(raw.get("extra") or {})
    extra.pop("content_root", None)
    hidden = sorted(f"/{f.path}" for f in files if f.path.endswith(".md") and not f.in_nav)
    # Each page says where its source is (front matter `edit_url`, read by overrides/partials/actions.html);
    # the engine's own edit links would point at the exported Markdown.
    return {
        **raw,
        "docs_dir": docs_dir,
        "site_dir": "site",
        "edit_uri": "",
        "theme": theme,
        "plugins": plugins,
        "extra": extra,
        "markdown_extensions": extensions,
        "not_in_nav": "\n".join(hidden),
        **({"nav": renamed_nav(raw["nav"], renamed)} if "nav" in raw else {}),
    }


def as_folder_pages(files: list[OutFile]) -> tuple[list[OutFile], dict[str, str]]:
    """Every page as `<folder>/index.md` (`team.md` -> `team/index.md`), and the renames.

    Pages link with relative URLs in raw HTML (`<a href="../rondes/">`). MkDocs leaves those as
    written; Zensical resolves them against the Markdown file's folder. For `x/index.md` the two
    readings are one, so every engine links alike. News posts stay where Material's blog looks."""
    renamed: dict[str, str] = {}
    out = []
    for item in files:
        if item.folder_path != item.path:
            renamed[item.path] = item.folder_path
            item = replace(item, path=item.folder_path)
        out.append(item)
    return sorted(out, key=lambda f: f.path), renamed


def renamed_nav(nav: Any, renamed: dict[str, str]) -> Any:
    """A `nav` setting with its pages' paths renamed (as_folder_pages)."""
    if isinstance(nav, str):
        return renamed.get(nav, nav)
    if isinstance(nav, list):
        return [renamed_nav(item, renamed) for item in nav]
    if isinstance(nav, dict):
        return {key: renamed_nav(value, renamed) for key, value in nav.items()}
    return nav


def prepare(
    config: SiteConfig, *, parallel: bool = True, checked: Callable[[], None] | None = None
) -> tuple[Site, Settings, list[OutFile], str]:
    """Check everything and make the docs tree in memory; ContentError lists every problem.
    Also returns a line on reading the sources' history (content/history.py), which the pages and
    feeds then share: read here once, before the pages are rendered in several processes.
    `checked` is called once the content check has passed (the build starts its engine then)."""
    found = refuse_unsafe(config) + cache_problems(config.project)
    site = load_checked_site(config.content_root, config.project, found, parallel=parallel, demo=config.demo)
    if checked is not None:
        checked()
    settings = config.settings(parallel=parallel)
    started = time.perf_counter()
    history = site_history(site, settings.now)
    versions = sum(len(h.changes) for h in history.files.values())
    history_note = (
        f"Geschiedenis van de bronbestanden gelezen in {time.perf_counter() - started:.2f} s "
        f"({count_noun(len(history.files), 'bestand', 'bestanden')} in git, "
        f"{count_noun(versions, 'inhoudelijke wijziging', 'inhoudelijke wijzigingen')})"
    )
    problems = Problems()
    files = docs_tree(
        site,
        settings,
        docs_dir=config.docs_dir,
        root_rel=posix_relpath(config.content_root, config.project),
        docs_rel=posix_relpath(config.docs_dir, config.project),
        edit_url=edit_links(config.repo_url, config.raw.get("edit_uri"), config.project, config.docs_dir),
        problems=problems,
    )
    if problems:
        raise ContentError(problems.sorted())
    return site, settings, files, history_note


def write_tree(files: list[OutFile], folder: Path) -> None:
    """The docs tree into `folder` (which must not exist yet or be empty)."""
    made: set[str] = set()
    for item in files:
        target = folder / item.path
        parent = target.parent.as_posix()
        if parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        if item.content is not None:
            target.write_bytes(item.content)
        elif item.copy_of is not None:
            shutil.copyfile(item.copy_of, target, follow_symlinks=False)


def file_sizes(files: list[OutFile]) -> list[int]:
    """The size in bytes of each file of a docs tree."""
    return [_size(f) for f in files]


def _size(item: OutFile) -> int:
    if item.content is not None:
        return len(item.content)
    assert item.copy_of is not None  # an OutFile has content or a file to copy
    return os.lstat(item.copy_of).st_size


def write_export(
    config: SiteConfig,
    folder: Path,
    *,
    parallel: bool = True,
    checked: Callable[[], None] | None = None,
    docs_at: Callable[[list[int]], Path | None] | None = None,
) -> Export:
    """Check, then write the export into `folder` (a new or empty folder, or an earlier export);
    `checked`: see `prepare`. The docs tree goes into `folder`/docs, or into the new folder that
    `docs_at(file_sizes)` names (the build's, in memory where there is room); the engine's
    configuration then names that folder. Should that file system fill up meanwhile, the tree
    goes into `folder`/docs after all."""
    site, settings, files, history_note = prepare(config, parallel=parallel, checked=checked)
    files, renamed = as_folder_pages(files)
    if folder.exists() and any(folder.iterdir()):
        if not (folder / MARKER).is_file():
            raise ConfigError(
                f"{folder}: deze map is niet leeg en geen eerdere export (het bestand {MARKER} ontbreekt); "
                "kies een nieuwe of lege map"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("Gemaakt door `python -m macros export`; mag in zijn geheel vervangen worden.\n")
    docs = (docs_at(file_sizes(files)) if docs_at is not None else None) or folder / "docs"
    try:
        write_tree(files, docs)
    except OSError as error:
        if docs == folder / "docs" or error.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.rmtree(docs, ignore_errors=True)  # the space it took, given back at once
        docs = folder / "docs"
        write_tree(files, docs)
    shutil.copytree(THEME, folder / "overrides")
    docs_dir = "docs" if docs == folder / "docs" else str(docs)
    (folder / ENGINE_CONFIG).write_text(
        "# Written by `python -m macros export`: the engine's configuration for this docs tree.\n"
        + yaml.safe_dump(engine_config(config, files, renamed, docs_dir), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    sources = {
        "outputs": {f.published: list(f.sources) for f in files if f.sources},
        # Public venue addresses (a lecture's `street`, with its `postcode`): the gate lets these pass.
        "public": sorted({v.street for v in (x.physical_venue for x in site.lectures) if v and v.street}),
    }
    (folder / SOURCES).write_text(json.dumps(sources, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    root_rel = posix_relpath(site.root, config.project)
    notes = (*(note.line(root_rel) for note in report_notes(site, settings)), history_note)
    return Export(folder, docs, config, site, settings, tuple(files), notes)
