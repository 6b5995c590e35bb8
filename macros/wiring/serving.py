"""`mkdocs serve` never hangs: a failed build becomes an error page, and code changes reload.

MkDocs' development server waits, for every page request, until the build it started has
succeeded (`LiveReloadServer._serve_request` waits for `_visible_epoch == _wanted_epoch`); a
build that fails leaves every request of the browser hanging until the next good build. Under
`mkdocs serve` only, `install()` wraps the build the server calls (`mkdocs.commands.serve.build`,
looked up at call time, also for the first build): any exception (content problems, unsafe
files, strict-mode warnings, a template or Python error under `macros/`) is caught, printed in
the terminal as before, and turned into an error page written over every HTML page of the last
good build and as `index.html` and `404.html` (MkDocs' server answers every unknown path with
it). The server then sees a finished build and answers at once; the page lists every problem as
`path:line: field: message`, each path linked to the file's edit view in the repository, and
reloads itself (MkDocs' livereload script, plus a poll of its own address for the 404 case) as
soon as a build gives another page. `mkdocs build`, `python -m macros build` and
`python -m macros check` are untouched: they still stop with exit status 1.

Before each build the wrapper also reloads the generator's Python code when a `.py` file under
`macros/` changed (every `macros.*` module is imported afresh and the hooks module is run again
in place and started as under serve, with a fresh `BuildState`), so that a maintainer's edit
shows without a restart. Templates reload through Jinja's `auto_reload` (pages/render.py),
CSS/JS and content are read on every build anyway. What still needs a restart: `mkdocs.yml` is
reloaded by MkDocs itself, but a
change to this module's `_serve_build` wrapper or to a dependency installed in the venv is not.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import logging
import os
import posixpath
import re
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.waardevol-werk")

PACKAGE = Path(__file__).resolve().parents[1]
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:\n]*):(?P<line>\d+): (?P<field>[^:\n]+?): (?P<message>.+)$")
MARKER = "_waardevol_werk_serve_build"


def install() -> None:
    """Wrap the build `mkdocs serve` calls (once per process; only ever called under serve)."""
    from mkdocs.commands import serve

    if getattr(serve.build, MARKER, False):
        return
    original = serve.build
    # Kept on the wrapper, which outlives reloads of this module: the HTML files of the last good
    # build (relative to site_dir) and the signature of the code now loaded.
    state = {"pages": set(), "signature": code_signature()}

    def build(config, **kwargs):
        # Looked up at call time: the newest version of this module handles the build.
        return importlib.import_module("macros.wiring.serving").serve_build(original, state, config, **kwargs)

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
            + "\n".join(text for text, _ in entries)
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


def describe(error: BaseException, config, warnings: list[str]) -> list[tuple[str, str]]:
    """Each problem as (plain text, HTML): `path:line: field: message` lines with the path linked."""
    project = Path(config.config_file_path).resolve().parent
    text = str(error).strip()
    lines: list[str] = []
    from mkdocs.exceptions import Abort

    if isinstance(error, Abort) or type(error).__name__ == "ContentError":
        # The closing count line ("... er is niets gepubliceerd.") is for the terminal.
        lines = [line for line in text.split("\n") if line.strip() and not line.endswith("niets gepubliceerd.")]
        if text.startswith("Aborted with") and warnings:  # strict mode: the warnings are the problems
            lines = [f"waarschuwing: {w}" for w in warnings] + lines
    else:
        where = _location(error, project)
        summary = f"{type(error).__name__}: {text}" if text else type(error).__name__
        lines = [f"{where}: -: {summary}" if where else summary]
    return [(line, _line_html(line, config, project)) for line in lines]


def _location(error: BaseException, project: Path) -> str | None:
    """`path:line` of the innermost place in the project (a template or a module) that raised."""
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and lineno:  # a Jinja or Python syntax error names its file
        path = Path(filename).resolve()
        if path.is_relative_to(project):
            return f"{path.relative_to(project).as_posix()}:{lineno}"
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(project) and ".venv" not in path.relative_to(project).parts:
            return f"{path.relative_to(project).as_posix()}:{frame.lineno}"
    return None


def edit_url(path: str, config, project: Path) -> str | None:
    """The file in the repository's edit view, as MkDocs' "edit this page" links it."""
    repo = config.repo_url or ""
    if not repo:
        return None
    docs = Path(os.path.relpath(config.docs_dir, project)).as_posix()
    edit_uri = config.edit_uri or "edit/main/" + (docs + "/" if docs != "." else "")
    base = urljoin(repo if repo.endswith("/") else repo + "/", edit_uri)
    return urljoin(base if base.endswith("/") else base + "/", posixpath.relpath(path, docs))


def _line_html(line: str, config, project: Path) -> str:
    match = PROBLEM_LINE.match(line)
    if not match:
        return html.escape(line)
    path = match["path"]
    url = edit_url(path, config, project) if (project / path.split(" ")[0]).is_file() else None
    shown = html.escape(path)
    if url:
        shown = f'<a href="{html.escape(url)}">{shown}</a>'
    return shown + html.escape(line[len(path) :])


def error_page(entries: list[tuple[str, str]], config) -> str:
    fingerprint = hashlib.sha256("\n".join(text for text, _ in entries).encode()).hexdigest()[:16]
    items = "\n".join(f"<li><code>{item}</code></li>" for _, item in entries)
    count = sum(1 for text, _ in entries if PROBLEM_LINE.match(text)) or len(entries)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="bouwfout" content="{fingerprint}">
<title>Bouwfout – {html.escape(config.site_name or "")}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }}
h1 {{ color: #a00; font-size: 1.5rem; }}
li {{ margin: .4rem 0; }}
code {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<main id="bouwfout">
<h1>De site kan niet gebouwd worden</h1>
<p>{count} {"probleem" if count == 1 else "problemen"}. Klik op een bestand om het te bewerken in de
repository, of herstel het in je editor en sla op: deze pagina ververst vanzelf zodra de site weer
gebouwd kan worden.</p>
<ul>
{items}
</ul>
</main>
<script>
(function () {{
  // Reload as soon as this address answers with anything other than this very error page.
  var mark = 'content="{fingerprint}"';
  function poll() {{
    fetch(location.href, {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (t) {{
      if (t.indexOf(mark) < 0) {{ location.reload(); }} else {{ setTimeout(poll, 500); }}
    }}, function () {{ setTimeout(poll, 1000); }});
  }}
  setTimeout(poll, 500);
}})();
</script>
</body>
</html>
"""


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
