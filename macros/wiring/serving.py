"""`mkdocs serve` never hangs: a failed build becomes an error page, and code changes reload.

MkDocs' development server waits, for every page request, until the build it started has
succeeded (`LiveReloadServer._serve_request` waits for `_visible_epoch == _wanted_epoch`); a
build that fails leaves every request of the browser hanging until the next good build. Under
`mkdocs serve` only, `install()` wraps the build the server calls (`mkdocs.commands.serve.build`,
looked up at call time, also for the first build): any exception (content problems, unsafe
files, strict-mode warnings, a template or Python error under `macros/`) is caught, printed in
the terminal as before, and turned into an error page written over every HTML page of the last
good build and as `index.html` and `404.html` (MkDocs' server answers every unknown path with
it). The server then sees a finished build and answers at once; the page (`pages/build_error.py`)
lists every problem as `path:line: field: message`, each path linked to the file's edit view in
the repository, and reloads itself (MkDocs' livereload script, plus a poll of its own address for
the 404 case) as soon as a build gives another page. The problems come as they are found: the
hooks stop a build with `Refused`, which carries them, a content check with its `ContentError`;
any other error becomes one problem at the innermost place in the project that raised it.
`mkdocs build`, `python -m macros build` and `python -m macros check` are untouched: they still
stop with exit status 1.

Before each build the wrapper also reloads the generator's Python code when a `.py` file under
`macros/` changed (every `macros.*` module is imported afresh and the hooks module is run again
in place and started as under serve, with a fresh `BuildState`), so that a maintainer's edit
shows without a restart. Templates reload through Jinja's `auto_reload` (pages/render.py),
CSS/JS and content are read on every build anyway. What still needs a restart: `mkdocs.yml` is
reloaded by MkDocs itself, but a
change to this module's `_serve_build` wrapper or to a dependency installed in the venv is not.
"""

from __future__ import annotations

import html
import importlib
import logging
import sys
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import Abort

from ..base.problems import Problem
from ..base.relpaths import posix_relpath
from ..pages.build_error import render_build_error
from .export import edit_links

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.waardevol-werk")

PACKAGE = Path(__file__).resolve().parents[1]
MARKER = "_waardevol_werk_serve_build"


class Refused(Abort):
    """A build the hooks stop for its problems: MkDocs prints them with `closing` (a count and what
    it means) and stops; under `mkdocs serve` the error page lists them."""

    def __init__(self, problems: Iterable[Problem], closing: str) -> None:
        self.problems = list(problems)
        super().__init__("\n" + "\n".join(str(p) for p in self.problems) + f"\n{closing}")


def install() -> None:
    """Wrap the build `mkdocs serve` calls (once per process; only ever called under serve)."""
    from mkdocs.commands import serve

    if getattr(serve.build, MARKER, False):
        return
    original = serve.build
    # Kept on the wrapper, which outlives reloads of this module: the HTML files of the last good
    # build (relative to site_dir), the signature of the code now loaded, and this module.
    state = {"pages": set(), "signature": code_signature(), "module": sys.modules[__name__]}

    def build(config, **kwargs):
        # Looked up at call time: the newest version of this module handles the build. While the
        # code cannot be imported (a syntax error under macros/), the last one that could reports it.
        try:
            state["module"] = importlib.import_module("macros.wiring.serving")
        except Exception:  # noqa: BLE001 - reload_code meets the same error and shows it
            pass
        return state["module"].serve_build(original, state, config, **kwargs)

    setattr(build, MARKER, True)
    serve.build = build


def serve_build(original, state: dict, config, **kwargs) -> None:
    """Run MkDocs' build; on any failure write the error site instead of raising."""
    warnings = _WarningRecorder()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        reload_code(config, state)
        original(config, **kwargs)
    except Exception as error:  # noqa: BLE001 - every failure becomes the error page
        entries = describe(error, config, warnings.messages)
        log.error(
            "De site kan niet gebouwd worden; de browser toont deze problemen tot ze zijn opgelost:\n"
            + "\n".join(map(str, entries))
        )
        write_error_site(Path(config.site_dir), error_page(entries, config), state["pages"])
    else:
        site = Path(config.site_dir)
        state["pages"] = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)


class _WarningRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # noqa: BLE001
            pass


# --- reloading the generator's code -------------------------------------------------------------


def code_signature() -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in PACKAGE.rglob("*.py")))


def reload_code(config: MkDocsConfig, state: dict[str, Any]) -> None:
    """When a .py file under macros/ changed: import every macros.* module afresh, run the hooks
    module again in place (on_startup gives it a fresh state) and point this build's hook events at
    the new functions.
    A failure (a syntax error, say) propagates to the error page and is retried on the next build."""
    signature = code_signature()
    if state.get("signature") == signature:
        return
    for name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
        del sys.modules[name]
    importlib.invalidate_caches()
    # MkDocs declares `hooks` as a list of modules; its Hooks option makes it a dict, name -> module.
    hooks_by_name: dict[str, ModuleType] = config.hooks or {}  # type: ignore[assignment]
    for hooks in hooks_by_name.values():
        path = Path(getattr(hooks, "__file__", "") or "").resolve()
        if not path.is_relative_to(PACKAGE):
            continue
        code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        exec(code, hooks.__dict__)  # noqa: S102 - the project's own hooks file, as MkDocs loads it
        if callable(hooks.__dict__.get("on_startup")):
            hooks.on_startup(command="serve", dirty=False)
        for methods in config.plugins.events.values():
            for i, method in enumerate(methods):
                if getattr(method, "__globals__", None) is hooks.__dict__:
                    methods[i] = hooks.__dict__.get(method.__name__, method)
    state["signature"] = signature
    log.info("Code in macros/ gewijzigd: opnieuw geladen")


# --- the error page -----------------------------------------------------------------------------


def describe(error: BaseException, config, warnings: list[str]) -> list[Problem | str]:
    """What went wrong, in order: the problems an error carries (`Refused`, `ContentError`), MkDocs'
    own refusal with its warnings (strict mode), or the error at its place in the project."""
    # Read by what they carry, not by class: after a code reload the hooks raise the new modules' classes.
    problems = getattr(error, "problems", None)
    if problems is not None:
        return list(problems)
    text = str(error).strip()
    if isinstance(error, Abort):
        lines = [line for line in text.split("\n") if line.strip()]
        if text.startswith("Aborted with") and warnings:  # strict mode: the warnings are the problems
            lines = [f"waarschuwing: {w}" for w in warnings] + lines
        return list(lines)
    summary = f"{type(error).__name__}: {text}" if text else type(error).__name__
    place = _location(error, Path(config.config_file_path).resolve().parent)
    return [Problem(*place, "-", summary) if place else summary]


def _location(error: BaseException, project: Path) -> tuple[str, int] | None:
    """The file (relative to the project) and line of the innermost place in the project (a template
    or a module) that raised."""
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and lineno:  # a Jinja or Python syntax error names its file
        path = Path(filename).resolve()
        if path.is_relative_to(project):
            return path.relative_to(project).as_posix(), lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(project) and ".venv" not in path.relative_to(project).parts:
            return path.relative_to(project).as_posix(), frame.lineno or 0
    return None


def error_page(entries: Sequence[Problem | str], config) -> str:
    """The error page for `entries`, each problem's file linked to its edit view in the repository
    (as MkDocs' "edit this page" links it) when it is a file of the project."""
    project = Path(config.config_file_path).resolve().parent
    docs = posix_relpath(config.docs_dir, project)
    edit_uri = config.edit_uri or "edit/main/" + (docs + "/" if docs != "." else "")
    edit_url = edit_links(config.repo_url, edit_uri, project, Path(config.docs_dir))
    files = {entry.path for entry in entries if not isinstance(entry, str)}
    urls = {path: url for path in files if (project / path.split(" ")[0]).is_file() and (url := edit_url(path))}
    try:
        return render_build_error(entries, urls, config.site_name or "")
    except Exception as failure:  # noqa: BLE001 - the error page's own template is broken: plain text
        lines = [str(entry) for entry in entries] + [f"(de foutpagina zelf: {type(failure).__name__}: {failure})"]
        text = html.escape("\n".join(lines))
        return f'<!doctype html>\n<title>Bouwfout</title>\n<pre id="bouwfout">{text}</pre>\n'


def write_error_site(site_dir: Path, page: str, pages: set[str]) -> None:
    """The error page over every page of the last good build, and as index.html and 404.html."""
    data = page.encode("utf-8")
    for rel in pages | {"index.html", "404.html"}:
        target = site_dir / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as error:  # a page where a folder now is: skip it, the 404 page covers it
            log.debug("error page not written to %s: %s", target, error)
