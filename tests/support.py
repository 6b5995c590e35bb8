"""What tests share that is not a fixture (fixtures are in conftest.py): the repository's paths, the
fixed build date; writing content trees and projects (`write_tree`, `fixture_project`,
`demo_project`); running builds and commands (`mkdocs_build`, `build_in_process`, `problems_of`)
and finding the tests that run one (`functions_that_build`); reading built sites and folders
(`published_files`, `page_paths`, `record_pages`, `PAGE_TYPES`, `snapshot`); running `python -m
macros` (`run_macros`); the browser and external tools (`need`, `CHROMIUM`, `serve`).

Importing this module points the build caches of the whole test run at one temporary folder."""

from __future__ import annotations

import ast
import atexit
import functools
import hashlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

import pytest

from cases_content import MUNICIPALITIES, ROUNDS, THEMES
from macros.base.caches import ENV as CACHE_ENV
from macros.base.problems import ContentError
from macros.content.site import load_site

ROOT = Path(__file__).resolve().parents[1]

# The builds of a test run keep their caches in one folder of the run (removed at its end), not in
# a folder per temporary project under the home folder. Tests about caches set their own. Set
# before ENV below is copied from the environment, so every build subprocess shares it.
if CACHE_ENV not in os.environ:
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="waardevol-werk-cache-")
    atexit.register(shutil.rmtree, os.environ[CACHE_ENV], True)

# A fixed build date (2026-06-01 UTC): pages that depend on "now" are the same on every run.
BUILD_EPOCH = "1780272000"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": BUILD_EPOCH}


def write_tree(root: Path, files: dict[str, str | bytes], registries: bool = True) -> Path:
    """Write content files (dedented text, or raw bytes) under root; registries by default."""
    base = (
        {
            "experiments/gemeenten.yml": MUNICIPALITIES,
            "experiments/rondes.yml": ROUNDS,
            "experiments/themas.yml": THEMES,
        }
        if registries
        else {}
    )
    for rel, content in {**base, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    """The problem lines load_site reports for a tree ([] when it loads)."""
    try:
        load_site(root)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of config into site_dir, at the fixed build date."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
    )


def build_in_process(config: Path, site: Path, capsys) -> tuple[int, str]:
    """`python -m macros build -f config -d site` in this process, from the project's folder: (exit code, output)."""
    from macros.wiring import cli

    cwd = os.getcwd()
    os.chdir(config.parent)
    try:
        code = cli.main(["build", "-f", str(config), "-d", str(site)])
    finally:
        os.chdir(cwd)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def demo_project(root: Path) -> Path:
    """A copy of the demo content in `root` with the repository's generator; returns its mkdocs.demo.yml."""
    shutil.copytree(ROOT / "demo", root / "demo")
    (root / "macros").symlink_to(ROOT / "macros")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    config = root / "mkdocs.demo.yml"
    config.write_text((ROOT / "mkdocs.demo.yml").read_text(encoding="utf-8") + "watch: []\n", encoding="utf-8")
    return config


def fixture_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """A project folder with its own content and the repository's generator; returns mkdocs.yml."""
    write_tree(root, {"docs/index.md": "# Test\n", **files})
    (root / "macros").symlink_to(ROOT / "macros")
    config = root / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(f"""\
        INHERIT: {ROOT / "mkdocs.yml"}
        watch: []
        nav:
          - index.md
          - experimenten/index.md
        """),
        encoding="utf-8",
    )
    return config


def record_pages(root: Path) -> dict[str, str]:
    """One page of each record type the content at root has (the first profile, its municipality,
    the first round, lecture and publication), as site paths by page type: pinned by type, not
    by today's ids (a type the content has no record of is absent)."""
    site = load_site(root)
    pages = {}
    for e in site.experiments[:1]:
        pages["profile"] = f"experimenten/{e.slug}/"
        pages["facet"] = f"experimenten/gemeente/{e.municipality}/"
    for r in list(site.rounds.values())[:1]:
        pages["round"] = f"rondes/{r.slug}/"
    for lecture in site.lectures[:1]:
        pages["lecture"] = f"colleges/{lecture.id}/"
    for p in site.publications[:1]:
        pages["publication"] = f"publicaties/{p.id}/"
    return pages


# Every page type the generator and the hand-written pages make, with one page of it on each site
# (None: that site has none). The browser tests visit these and the first page of every other
# folder (`one_page_per_type`), so a new kind of page in a new folder is not missed either. The
# real site's record pages come from its content, never from today's ids.
RECORD = "<the first record of its type>"  # in PAGE_TYPES: read from the content when asked (record_pages)
PAGE_TYPES: dict[str, dict[str, str | None]] = {
    "home": {"real": "", "demo": ""},
    "overview": {"real": "experimenten/", "demo": "experimenten/"},
    "facet": {"real": RECORD, "demo": "experimenten/domein/zorg/"},
    "profile": {"real": RECORD, "demo": "experimenten/wijkconcierges-demowijk/"},
    "map": {"real": "experimenten/kaart/", "demo": "experimenten/kaart/"},
    "matrix": {"real": "experimenten/matrix/", "demo": "experimenten/matrix/"},
    "rounds": {"real": "rondes/", "demo": "rondes/"},
    "round": {"real": RECORD, "demo": "rondes/ronde-1/"},
    "lectures": {"real": "colleges/", "demo": "colleges/"},
    "lecture": {"real": RECORD, "demo": "colleges/demo-college-ronde-1/"},
    "coming lecture": {"real": None, "demo": "colleges/demo-college-ronde-3/"},
    "publications": {"real": "publicaties/", "demo": "publicaties/"},
    "publication": {"real": RECORD, "demo": "publicaties/voorbeeld-2025-werk-en-waarde/"},
    "publication facet": {"real": None, "demo": "publicaties/type/rapport/"},
    "redirect": {"real": None, "demo": "publicaties/voorbeeld-2025-werk/"},
    "news": {"real": "actueel/", "demo": "actueel/"},
    "news post": {"real": None, "demo": "actueel/eerste-bevindingen/"},
    "team": {"real": "team/", "demo": "team/"},
    "contact": {"real": "contact/", "demo": "contact/"},
    "open data": {"real": "open-data/", "demo": "open-data/"},
    "about": {"real": "over-het-project/", "demo": None},
    "privacy": {"real": "privacy/", "demo": None},
    "accessibility": {"real": "toegankelijkheid/", "demo": None},
    "contributor guide": {"real": "bijdragen/", "demo": None},
    "fields": {"real": "bijdragen/velden/", "demo": "bijdragen/velden/"},
    "maintenance report": {"real": "onderhoud/", "demo": "onderhoud/"},
}


# Pages that send the reader on at once: a test that reads what a page shows leaves them out.
MOVING = ("redirect",)


@functools.cache
def _real_records() -> dict[str, str]:
    return record_pages(ROOT)


def pages_of_types(which: str, without: tuple[str, ...] = ()) -> list[str]:
    """The page of each type on the site `which` ("real" or "demo"), in the table's order; the real
    site's record pages are read from its content here, not when this module is imported (content
    with a mistake fails the tests that visit pages, not every test)."""
    pages = []
    for kind, column in PAGE_TYPES.items():
        page = _real_records().get(kind) if column[which] == RECORD else column[which]
        if page is not None and kind not in without:
            pages.append(page)
    return pages


def one_page_per_type(folder: Path, which: str, without: tuple[str, ...] = ()) -> list[str]:
    """Every page type of the built site in `folder` (each must be there: discovery is checked,
    not trusted), every top-level page, and the first page of every other folder (pages of one
    folder share one template); `without`: page types to leave out."""
    found = page_paths(folder)
    chosen = dict.fromkeys(pages_of_types(which, without))
    missing = [p for p in chosen if p not in found]
    assert missing == [], f"page types not in the built {which} site: {missing}"
    for path in found:
        parts = path.strip("/").split("/")
        parent = "/".join(parts[:-1]) if len(parts) > 1 else path
        if not any(p.startswith(parent) and p.count("/") == path.count("/") for p in chosen):
            chosen[path] = None
    return list(chosen)


# The month names BibTeX's standard styles print for the month macros (jan -> January).
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


CHROMIUM = Path("/usr/bin/chromium")


AXE = ROOT / "node_modules/axe-core/axe.min.js"
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")  # the axe tags the browser tests run


VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def ctrl_c_as_in_a_terminal() -> None:
    """A `preexec_fn` for a process a test stops with Ctrl-C (SIGINT): SIGINT at its default, as in
    a terminal. A test run started in the background (`make test &`) passes SIGINT on ignored; Python
    then installs no KeyboardInterrupt, and the process would not stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# What runs the engine in a test's code: one of these helpers (called or handed on),
# `publish.build(...)`, or one of these words as a command (`python -m macros build`,
# `mkdocs serve`: a call's argument, a list's item).
BUILD_HELPERS = frozenset({"build_in_process", "mkdocs_build"})
BUILD_WORDS = frozenset({"build", "serve"})


def _runs_a_build(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in BUILD_HELPERS:
            return True
        if isinstance(n, ast.Attribute) and (
            n.attr in BUILD_HELPERS or (n.attr == "build" and getattr(n.value, "id", "") == "publish")
        ):
            return True
        if isinstance(n, ast.Call):
            words = n.args
        elif isinstance(n, ast.List | ast.Tuple):
            words = n.elts
        else:
            continue
        if any(isinstance(w, ast.Constant) and w.value in BUILD_WORDS for w in words):
            return True
    return False


def functions_that_build(source: str, known: frozenset[str] = frozenset()) -> set[str]:
    """The names defined in `source` (tests, helpers, fixtures, methods of test classes, helpers made
    by assignment such as a `functools.partial`) that run a build: their own code does
    (_runs_a_build), or it names one that does, here or among `known` (conftest.py's and
    support.py's): called, taken as a fixture, through `support.x`, or as a string
    (`request.getfixturevalue("demo_site")`, `@pytest.mark.usefixtures("built")`)."""
    definitions: list[tuple[str, ast.AST]] = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            definitions.append((node.name, node))
        elif isinstance(node, ast.ClassDef):
            definitions += [(n.name, n) for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            definitions += [(t.id, node) for t in targets if isinstance(t, ast.Name)]
    uses: dict[str, set[str]] = {}
    for name, node in definitions:
        names = uses.setdefault(name, set())
        for n in ast.walk(node):
            if isinstance(n, ast.Name):
                names.add(n.id)
            elif isinstance(n, ast.Attribute):
                names.add(n.attr)
            elif isinstance(n, ast.arg):
                names.add(n.arg)
            elif isinstance(n, ast.Call) and getattr(n.func, "attr", "") in ("getfixturevalue", "usefixtures"):
                names.update(a.value for a in n.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    found = {name for name, node in definitions if _runs_a_build(node)}
    while more := {name for name, used in uses.items() if used & (found | known)} - found:
        found |= more
    return found


def need(condition: bool, what: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing in CI; `make test` should have installed it")
        pytest.skip(f"{what} is not installed (make test installs it)")


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host as the site is deployed: an address the site does not have gets its 404.html."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that moves on while a file is still being sent (a reused page, the search worker's
    index) closes the connection; that is no error of the site, so no traceback in the test log."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(folder: Path):
    handler = functools.partial(StaticHost, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def published_files(site: Path) -> list[Path]:
    """The files of a built site that the deploy publishes: all but hidden ones (a name starting with
    a dot, such as the build's marker), which GitHub's upload-pages-artifact leaves out from v4 on
    (deploy.yml; tests/unit/test_workflow_rules.py holds it to that)."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
    )


def page_paths(folder: Path) -> list[str]:
    """Every page of a built site, from its folder: x/index.html is x/."""
    paths = sorted(p.parent.relative_to(folder).as_posix() + "/" for p in folder.rglob("index.html"))
    return [("" if p == "./" else p) for p in paths]


def snapshot(folder: Path, skip: tuple[str, ...] = ("__pycache__",)) -> dict[str, str]:
    """Every entry under `folder` by relative path: a file's content hash, "dir", "link <target>"
    (symlinks are never followed) or "special" (a FIFO is never opened); folders named in `skip`
    are left out. Two snapshots are equal when nothing was written, removed or replaced."""
    entries = {}
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in [*dirs, *sorted(files)]:
            path = Path(top, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                entries[rel] = "link " + os.readlink(path)
            elif path.is_dir():
                entries[rel] = "dir"
            elif path.is_file():
                entries[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                entries[rel] = "special"
    return entries


def run_macros(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess:
    """`python -m macros ARGS` in its own process, from `cwd`, as a researcher or CI runs it (at the
    fixed build date unless `env` says otherwise); output as text."""
    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=cwd,
        env=ENV if env is None else env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def git(root: Path, *args: str, when: str | None = None) -> None:
    """`git ARGS` in `root` as a fixed test author; `when`: the author and commit date (ISO 8601)."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def by(items: list[dict], **match: object) -> dict:
    """The one item of a list (of a report, a data set) whose fields have the values of `match`."""
    found = [item for item in items if all(item.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, items)
    return found[0]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` with `new` in a text file, the first `count` times (-1: every time); `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
