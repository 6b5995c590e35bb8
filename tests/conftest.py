"""The fixtures every test folder shares: a tiny content tree in tmp_path, the real and demo sites
built once per run, a fixture project with one good build, a headless Chromium and the two sites
served as a static host serves them.

Helpers that are not fixtures are in `support.py`; content texts in `cases_content.py` and
`cases_problems.py`. Each test gets a marker from its folder (unit, site, browser, tools), from
whether it runs a build (`build`) and from the fixtures it uses (`browser`), so a layer runs on its
own: `pytest -m "not browser"`."""

from __future__ import annotations

import compileall
import fcntl
import functools
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import support
from cases_content import EXPERIMENT, REPORT
from cases_problems import EXP, ROUND
from support import (
    AXE,
    BUILD_EPOCH,
    CHROMIUM,
    FLAGS,
    ROOT,
    WCAG_21_AA,
    fixture_project,
    functions_that_build,
    need,
    run_macros,
    serve,
    write_tree,
)


def pytest_sessionstart(session) -> None:
    """Compile the generator once, before any test starts a process that imports it. Every build and
    check a test runs is a new Python process; where PYTHONDONTWRITEBYTECODE is set (this sandbox
    and CI) none of them keeps what it compiled, so each compiled all of macros/ again: about 0.15 s
    of CPU in each of some 150 processes of `make test-fast`. Python still reads compiled files that
    are there; compileall writes them whatever that variable says, and skips those up to date."""
    compileall.compile_dir(ROOT / "macros", quiet=1)


@pytest.fixture
def tree(tmp_path: Path):
    """Write a tree and return its root: tree({"experiments/x/experiment.yml": "..."})."""

    def make(files: dict[str, str | bytes], registries: bool = True) -> Path:
        return write_tree(tmp_path, files, registries)

    return make


def _site_once(tmp_path_factory, config: str) -> Path:
    """Build a site once per test run (the tests only read it), as it is deployed: `python -m
    macros build` (export, engine, output gate; `make site`, deploy.yml), not MkDocs' own build
    with the hooks (`mkdocs serve`). Under pytest-xdist (`make test` runs two workers) the
    workers share one build: the first to take the lock builds, the other waits and reads it."""

    def build(site: Path) -> Path:
        result = run_macros("build", "-f", config, "-d", str(site))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Uitvoer gecontroleerd in" in result.stderr  # the output gate ran
        return site

    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build(tmp_path_factory.mktemp(config) / "site")
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{config}"
    site, done = shared / "site", shared / "built"
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build(site)
            done.touch()
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real site (mkdocs.yml), built once per run."""
    return _site_once(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site (mkdocs.demo.yml), built once per run."""
    return _site_once(tmp_path_factory, "mkdocs.demo.yml")


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM.exists(), "Debian's chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def axe(browser):
    """`axe(url, view, tags)`: the WCAG violations axe-core finds on the page at `url` in a window
    of `view` (new_context's options; default: Chromium's 1280 x 720), as lines to read, and every
    URL the page asked for. One page per view and origin serves a whole module, with axe loaded
    into each document as it starts (an init script): a new context per test started a renderer
    and parsed axe's 500 KB again, three times the CPU."""
    need(AXE.exists(), "axe-core (npm)")
    pages: dict[str, tuple] = {}

    def check(url: str, view: dict | None = None, tags: tuple[str, ...] = WCAG_21_AA) -> tuple[list[str], list[str]]:
        # A page per origin too: a document's search worker may still fetch after the next address
        # has loaded, and would be counted as that page's request to another origin.
        key = repr((urlsplit(url).netloc, sorted((view or {}).items())))
        if key not in pages:
            context = browser.new_context(**(view or {}))
            context.add_init_script(path=str(AXE))
            page, requests = context.new_page(), []
            page.on("request", lambda request: requests.append(request.url))
            pages[key] = (context, page, requests)
        context, page, requests = pages[key]
        requests.clear()
        page.goto(url)
        result = page.evaluate(
            "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            list(tags),
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]
        ]
        return violations, list(requests)

    yield check
    for context, _, _ in pages.values():
        context.close()


@pytest.fixture(scope="module")
def servers(real_site, demo_site):
    real, demo = serve(real_site), serve(demo_site)
    yield {"real": f"http://127.0.0.1:{real.server_port}/", "demo": f"http://127.0.0.1:{demo.server_port}/"}
    real.shutdown()
    demo.shutdown()


@pytest.fixture(scope="module")
def _built_once(tmp_path_factory) -> Path:
    """The fixture project of `built`, built once per test module (`python -m macros build`)."""
    root = tmp_path_factory.mktemp("built")
    config = fixture_project(root, {EXP: EXPERIMENT, ROUND: REPORT})
    result = run_macros("build", "-f", str(config), "-d", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def built(_built_once: Path, tmp_path: Path, monkeypatch):
    """A fixture project with one good build in site/, in tmp_path: a copy of one built per module
    (the tests change it and build it again), at the fixed build date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    shutil.copytree(_built_once, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path / "mkdocs.yml", tmp_path / "site"


# --- markers: what a test needs, so each layer runs on its own ----------------------------------------

FOLDER_MARKS = {"unit": (), "site": ("build",), "browser": ("browser", "build"), "tools": ("external",)}


@functools.cache
def _builders(path: Path, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """The functions of a test module, or of this file, that run a build (support.functions_that_build)."""
    return frozenset(functions_that_build(path.read_text(encoding="utf-8"), known))


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every test from its folder (tests/<folder>/), the fixtures it uses and whether it runs a
    build, itself or through a helper or fixture: `make test-fast` leaves out `browser` and
    `external`, `-m "not build"` leaves the builds out too."""
    shared = _builders(Path(support.__file__))
    shared |= _builders(Path(__file__), shared)
    for item in items:
        path = Path(str(item.path))
        marks = set(FOLDER_MARKS.get(path.parent.name, ()))
        fixtures = set(getattr(item, "fixturenames", ()))
        builders = shared | (_builders(path, shared) if path.suffix == ".py" else frozenset())
        if fixtures & builders or getattr(item, "originalname", item.name) in builders:
            marks.add("build")
        if "browser" in fixtures:
            marks.add("browser")
        for mark in sorted(marks):
            item.add_marker(mark)
