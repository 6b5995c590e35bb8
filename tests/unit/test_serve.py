"""`mkdocs serve` end to end: a content, template or code error answers at once with an error page
listing the problems, the site comes back by itself after the fix, and edits to templates and
code show without a restart. Every wait is bounded; the server is killed in a finally."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ENV, ROOT, ctrl_c_as_in_a_terminal, edit

PARTS = ("docs", "experiments", "lectures", "publications", "macros", "mkdocs.yml")
PROBLEM = "experiments/delft/experiment.yml:6: status: onbekende waarde 'in voorbereidng'"
EDIT_LINK = 'href="https://example.org/waardevol-werk/edit/main/experiments/delft/experiment.yml"'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """One request; the server must answer within 2 s (urllib raises on a timeout)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def text_of(page: str) -> str:
    """What a reader sees: the tags dropped, the entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def wait_for(url: str, predicate, limit: float = 30.0) -> str:
    """Fetch url until predicate(text) holds; fail (never hang) after `limit` seconds."""
    deadline = time.monotonic() + limit
    text = ""
    while time.monotonic() < deadline:
        try:
            _, text = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            text = f"<no answer: {error}>"
        if predicate(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"{url} did not change as expected within {limit} s; last answer:\n{text[:3000]}")


@pytest.fixture
def served(tmp_path: Path):
    """A copy of the repository served by `mkdocs serve` (with livereload, as `make serve` runs it)."""
    project = tmp_path / "project"
    project.mkdir()
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    temp = tmp_path / "tmp"  # the server's temporary folders: MkDocs' site, the blog's, the news posts'
    temp.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, "TMPDIR": str(temp)},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base, lambda text: "<no answer" not in text and "Maatschappelijk" in text, limit=90)
        yield project, base
    finally:
        try:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl-C, as a researcher stops `make serve`
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    # Stopped with Ctrl-C, the server leaves nothing in the temporary folder (in /tmp, outside the tests).
    left = sorted(p.name for p in temp.iterdir())
    assert server.returncode == 0 and left == [], (server.returncode, left)


def test_content_error_page_and_back(served):
    project, base = served
    page = base + "experimenten/delft/"
    assert "Experiment in Delft" in fetch(page)[1]
    edit(project / "experiments/delft/experiment.yml", "status: in voorbereiding", "status: in voorbereidng")
    text = wait_for(page, lambda t: "bouwfout" in t)
    assert PROBLEM in text_of(text) and EDIT_LINK in text
    # Every page answers with the problems, also one the site never had.
    status, other = fetch(base + "bestaat-niet/")
    assert PROBLEM in text_of(other) and status in (200, 404, 500)
    assert PROBLEM in text_of(fetch(base)[1])
    # `mkdocs build` of the same tree still fails (only serve turns problems into a page).
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(project.parent / "site"),
        ],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "in voorbereidng" in result.stdout + result.stderr
    edit(project / "experiments/delft/experiment.yml", "status: in voorbereidng", "status: in voorbereiding")
    text = wait_for(page, lambda t: "bouwfout" not in t and "Experiment in Delft" in t)


def test_template_and_code_edits_show_without_restart(served):
    project, base = served
    page = base + "experimenten/delft/"
    template = project / "macros/templates/profile.md.j2"
    edit(template, "Kerngegevens", "Kerngegevens-bewerkt")
    wait_for(page, lambda t: "Kerngegevens-bewerkt" in t)
    # A template error: its type, message and place, escaped, not a traceback.
    original = template.read_text(encoding="utf-8")
    template.write_text("{{ niet_bekend }}\n" + original, encoding="utf-8")
    text = wait_for(page, lambda t: "bouwfout" in t)
    assert "macros/templates/profile.md.j2:1: -: UndefinedError: 'niet_bekend' is undefined" in text_of(text)
    assert "Traceback" not in text
    template.write_text(original, encoding="utf-8")
    wait_for(page, lambda t: "Kerngegevens-bewerkt" in t)
    # Python code under macros/ is imported afresh.
    edit(
        project / "macros/pages/facets.py",
        'Facet(paths.MUNICIPALITY_FACET, "Gemeente"',
        'Facet(paths.MUNICIPALITY_FACET, "Gemeente-bewerkt"',
    )
    wait_for(base + "experimenten/", lambda t: "Gemeente-bewerkt" in t)
    (project / "macros/pages/experiment_pages.py").open("a", encoding="utf-8").write("kapot(\n")
    text = wait_for(base + "experimenten/", lambda t: "bouwfout" in t)
    assert re.search(r"macros/pages/experiment_pages\.py:\d+: -: SyntaxError: ", text_of(text))


def config_of(repo_url: str, site_name: str):
    """What the error page reads of MkDocs' configuration, for the repository's own mkdocs.yml."""
    from types import SimpleNamespace

    return SimpleNamespace(
        config_file_path=str(ROOT / "mkdocs.yml"),
        docs_dir=str(ROOT / "docs"),
        repo_url=repo_url,
        edit_uri="edit/main/docs/",
        site_name=site_name,
    )


def test_error_page_escapes_everything():
    from macros.base.problems import ContentError, Problem
    from macros.wiring.serving import describe, error_page

    config = config_of('https://example.org/r"<x>/', "<b>")
    error = ContentError([Problem("experiments/delft/experiment.yml", 3, "title", "<script>alert(1)</script>")])
    page = error_page(describe(error, config, []), config)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (href,) = re.findall(r'<a href="([^"]*)">experiments/delft/experiment\.yml</a>:3: title: ', page)
    assert html.unescape(href) == 'https://example.org/r"<x>/edit/main/experiments/delft/experiment.yml'
    assert "<x>" not in href and "<title>Bouwfout – &lt;b&gt;</title>" in page


def test_the_error_page_lists_the_problems_it_is_given():
    """The page reads the problems a refusal carries, not its text: a message over two lines or a
    path with ': ' in it stays one problem with its file linked; an error without problems is shown
    at the innermost place in the project that raised it."""
    from macros.base.problems import Problem
    from macros.wiring.serving import Refused, describe, error_page

    config = config_of("https://example.org/r/", "Site")
    problems = [
        Problem("docs/index.md", 2, "tekst", "eerste regel\ntweede: regel"),
        Problem("404.html (thema: macros/theme/)", 1, "-", "een verzoek"),
    ]
    refused = Refused(problems, "2 problemen; er is niets gepubliceerd.")
    # The terminal shows the lines as before; the page does not take them apart again.
    assert str(refused) == "\n" + "\n".join(map(str, problems)) + "\n2 problemen; er is niets gepubliceerd."
    assert describe(refused, config, []) == problems
    page = error_page(problems, config)
    items = re.findall(r"<li><code>(.*?)</code></li>", page, re.S)
    assert [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items] == [str(p) for p in problems]
    assert items[0].startswith('<a href="https://example.org/r/edit/main/docs/index.md">docs/index.md</a>:2: ')
    assert "<a " not in items[1] and "2 problemen." in page  # 404.html is no file of the project: no link

    def fails() -> None:
        raise ValueError("kapot")

    try:
        fails()
    except ValueError as error:
        (entry,) = describe(error, config, [])
    assert entry == Problem("tests/unit/test_serve.py", fails.__code__.co_firstlineno + 1, "-", "ValueError: kapot")


def test_the_hooks_hand_each_build_its_settings(monkeypatch):
    """What one hook event hands the next is a typed BuildState; under `mkdocs serve` the build's
    settings forbid forking (server threads run), a one-off build allows it."""
    from mkdocs.config import load_config

    from macros.wiring import hooks, serving

    monkeypatch.setattr(serving, "install", lambda: None)  # no server here: MkDocs' build stays as it is
    monkeypatch.setattr(hooks, "_state", hooks.BuildState())
    monkeypatch.delenv("SITE_URL", raising=False)
    config = load_config(str(ROOT / "mkdocs.demo.yml"))
    try:
        for command, parallel in (("serve", False), ("build", True)):
            hooks.on_startup(command=command, dirty=False)
            with pytest.raises(RuntimeError, match="on_pre_build has not run"):
                hooks._state.current()
            hooks.on_pre_build(config)
            loaded = hooks._state.current()
            assert (hooks._state.serving, loaded.settings.parallel) == (not parallel, parallel)
            assert "index.md" in loaded.handwritten and loaded.site.root == (ROOT / "demo").resolve()
    finally:
        config.plugins.on_shutdown()  # as MkDocs ends a build: the blog plugin removes its temporary folder
