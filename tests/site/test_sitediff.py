"""`python -m macros sitediff`: what a change does to the site, tested on a scratch git repository.

The repository holds the demo with the generator (tests/builders.demo_project); a base commit and
three heads, each a branch: a realistic change (a finding grows, a new lecture, a lecture moved, a
publication removed with a redirect), a publication removed without one, and an edit of whitespace and
comments only. Each sitediff builds both sides in worktrees of their own. The report's Markdown is
read back with an independent CommonMark parser (markdown-it-py) to show that no value escapes its
code span."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

import support
from macros.wiring import sitereport
from macros.wiring.sitecompare import compare_page, compare_records, word_diff
from macros.wiring.sitereport import MAX_CHARS, is_empty, render_markdown, validate
from support import ENV, ROOT, demo_project, run_macros

FINDING = "Nieuwe bevinding: de gastvrouwen werken nu ook op zaterdag, en de wijk komt vaker langs (fictief)."
LECTURE = """\
---
# FICTIEF voorbeeld: een nieuw college.
title: Slotcollege – wat blijft er over
round: 3
status: gepland
start: 2027-05-20T15:00+02:00
end: 2027-05-20T16:30+02:00
attendance: online
online_url: https://live.example.org/slot
summary: Het laatste (verzonnen) college.
experiments: [buurtkamer-voorbeelddam]
---
Wat blijft er over van zeven verzonnen experimenten?
"""


def git(repo: Path, *args: str, when: str = "2026-01-05T10:00:00Z") -> None:
    support.git(repo, *args, when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """The demo in git: `main` (the base) and the branches `change`, `gone` and `whitespace`."""
    root = tmp_path_factory.mktemp("sitediff") / "repo"
    root.mkdir()
    demo_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    demo = root / "demo"

    git(root, "checkout", "-q", "-b", "change")
    report = demo / "experiments/buurtkamer-voorbeelddam/ronde-3.md"
    report.write_text(report.read_text(encoding="utf-8") + f"\n{FINDING}\n", encoding="utf-8")
    (demo / "lectures/demo-slot.md").write_text(LECTURE, encoding="utf-8")
    lecture = demo / "lectures/demo-college-ronde-3.md"
    edit(lecture, "start: 2027-03-11T15:00+01:00", "start: 2027-03-18T15:00+01:00")
    edit(lecture, "end: 2027-03-11T17:30+01:00", "end: 2027-03-18T17:30+01:00")
    (demo / "publications/blog-2026-buurtkamer.yml").unlink()
    target = demo / "publications/proef-2026-basisbanen.yml"
    target.write_text(target.read_text(encoding="utf-8") + "aliases: [blog-2026-buurtkamer]\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change", when="2026-02-05T10:00:00Z")

    git(root, "checkout", "-q", "-b", "gone", "main")
    (demo / "publications/proef-2026-basisbanen.yml").unlink()
    git(root, "commit", "-q", "-am", "gone", when="2026-02-06T10:00:00Z")

    git(root, "checkout", "-q", "-b", "whitespace", "main")
    report_text = report.read_text(encoding="utf-8")
    report.write_text(
        report_text.replace("De buurtkamer is een ontmoetingsplek", "De buurtkamer  is een\nontmoetingsplek") + "\n\n",
        encoding="utf-8",
    )
    edit(demo / "experiments/buurtkamer-voorbeelddam/experiment.yml", "status: actueel", "status: actueel  # nagekeken")
    edit(target, "language: en", "language: en   \n\n# nagekeken")
    edit(lecture, "round: 3", "round: 3  # de laatste ronde")
    git(root, "commit", "-q", "-am", "whitespace", when="2026-02-07T10:00:00Z")
    git(root, "checkout", "-q", "main")
    return root


def sitediff(repo: Path, base: str, head: str, out: Path, *more: str) -> tuple[dict, str]:
    result = run_macros("sitediff", base, head, "-f", "mkdocs.demo.yml", "--out", str(out), *more, cwd=repo)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads((ROOT / "schemas/sitediff.schema.json").read_text(encoding="utf-8")))
    return report, (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def change(repo: Path, tmp_path_factory) -> tuple[dict, str, Path]:
    folder = tmp_path_factory.mktemp("change")
    report, markdown = sitediff(repo, "main", "change", folder / "out", "--keep", str(folder / "builds"))
    return report, markdown, folder / "builds"


def by(items: list[dict], **match: object) -> dict:
    found = [item for item in items if all(item.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, items)
    return found[0]


def test_records_change_field_by_field_in_researchers_words(change) -> None:
    report, markdown, _ = change
    assert (
        report["base"]["commit"] and report["head"]["commit"] and report["base"]["commit"] != report["head"]["commit"]
    )
    assert report["source_date_epoch"] == int(ENV["SOURCE_DATE_EPOCH"])
    finding = by(report["records"], type="bevindingen", id="buurtkamer-voorbeelddam", round=3)
    assert finding["change"] == "changed"
    assert finding["fields"] == [{"field": "bevindingen", "words_added": len(FINDING.split()), "words_removed": 0}]
    assert by(report["records"], type="college", id="demo-slot")["change"] == "added"
    moved = by(report["records"], type="college", id="demo-college-ronde-3")["fields"]
    assert [f["field"] for f in moved] == ["start", "end"]
    assert moved[0]["before"].startswith("2027-03-11T15:00") and moved[0]["after"].startswith("2027-03-18T15:00")
    assert by(report["records"], type="publicatie", id="blog-2026-buurtkamer")["change"] == "removed"
    alias = by(report["records"], type="publicatie", id="proef-2026-basisbanen")["fields"]
    assert alias == [{"field": "aliases", "added": ["blog-2026-buurtkamer"], "removed": []}]
    assert (
        f"- experiment `buurtkamer-voorbeelddam`, ronde 3: `bevindingen` +{len(FINDING.split())} −0 woorden"
        in markdown.splitlines()
    )
    assert "- college `demo-slot` (`Slotcollege – wat blijft er over`): nieuw" in markdown


def test_pages_are_added_redirected_or_changed_with_their_words(change) -> None:
    report, markdown, _ = change
    pages = report["pages"]
    assert by(pages, path="colleges/demo-slot/")["change"] == "added"
    assert by(pages, path="publicaties/blog-2026-buurtkamer/") == {
        "path": "publicaties/blog-2026-buurtkamer/",
        "title": "Een dag in de Buurtkamer",
        "change": "redirect",
        "redirect": "publicaties/proef-2026-basisbanen/",
    }
    profile = by(pages, path="experimenten/buurtkamer-voorbeelddam/")
    assert profile["change"] == "text"
    assert any("{+" + FINDING + "+}" in hunk["after"] for hunk in profile["diff"])
    assert (
        "- `/publicaties/blog-2026-buurtkamer/` `Een dag in de Buurtkamer` → `/publicaties/proef-2026-basisbanen/`"
        in markdown
    )
    assert len(markdown) <= MAX_CHARS


def test_warnings_come_first_and_a_redirect_is_none(change) -> None:
    report, markdown, _ = change
    removed = {w["path"] for w in report["warnings"] if w["kind"] == "url-removed"}
    # The last blog post and the last post on its theme went: their facet pages go with them.
    assert removed == {"publicaties/type/blog/", "publicaties/thema/belanghebbenden/"}
    assert "publicaties/blog-2026-buurtkamer/" not in removed  # it redirects
    assert markdown.index("### ⚠️ Eerst dit") < markdown.index("### Gegevens")
    assert "  - `/publicaties/type/blog/`" in markdown


def test_calendar_feeds_open_data_and_downloads(change) -> None:
    report, _, _ = change
    added = by(report["calendar"], change="added")
    assert added["uid"].startswith("demo-slot@") and added["start_after"] == "2027-05-20 15:00 (Europe/Amsterdam)"
    moved = by(report["calendar"], change="moved")
    assert moved["uid"].startswith("demo-college-ronde-3@")
    assert (moved["start_before"], moved["start_after"]) == (
        "2027-03-11 15:00 (Europe/Amsterdam)",
        "2027-03-18 15:00 (Europe/Amsterdam)",
    )
    assert moved["fields"] == ["begin", "einde"]
    publications = by(report["feeds"], feed="publicaties/feed.xml")
    assert by(publications["entries"], change="removed")["id"].endswith(":publicatie:blog-2026-buurtkamer")
    lectures = by(report["open_data"], set="colleges")
    assert (lectures["added"], lectures["changed"]) == (["demo-slot"], ["demo-college-ronde-3"])
    assert lectures["files"] == ["data/colleges.csv", "data/colleges.json"]
    downloads = {(d["path"], d["change"]) for d in report["downloads"]}
    assert ("publicaties/blog-2026-buurtkamer/blog-2026-buurtkamer.bib", "removed") in downloads
    assert ("colleges/demo-slot.ics", "added") in downloads


def test_two_built_trees_give_the_same_report(change, tmp_path: Path) -> None:
    report, _, builds = change
    again, _ = sitediff(ROOT, str(builds / "base"), str(builds / "head"), tmp_path / "out")
    assert again["source_date_epoch"] is None and again["head"]["commit"] is None
    for section in sitereport.SECTIONS:
        assert again[section] == report[section], section


def test_a_page_that_disappears_without_a_redirect_is_a_warning(change, tmp_path: Path) -> None:
    _, _, builds = change
    backwards, markdown = sitediff(ROOT, str(builds / "head"), str(builds / "base"), tmp_path / "out")
    removed = {w["path"] for w in backwards["warnings"] if w["kind"] == "url-removed"}
    assert {"colleges/demo-slot/", "colleges/demo-slot.ics"} <= removed
    assert "**Publieke adressen verdwijnen zonder doorverwijzing**" in markdown


def test_the_same_site_twice_gives_an_empty_report(change, tmp_path: Path) -> None:
    _, _, builds = change
    report, markdown = sitediff(ROOT, str(builds / "head"), str(builds / "head"), tmp_path / "out")
    assert is_empty(report)
    assert markdown.endswith("**Geen verschil**: niets van wat lezers of programma's van de site krijgen verandert.\n")


def test_a_built_tree_the_gate_refuses_is_a_warning_without_its_value(change, tmp_path: Path) -> None:
    _, _, builds = change
    planted = tmp_path / "planted"
    shutil.copytree(builds / "head", planted)
    page = planted / "team/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Bel 06-12345678</p></article>"))
    report, markdown = sitediff(ROOT, str(builds / "base"), str(planted), tmp_path / "out")
    (warning,) = report["warnings"]
    assert (warning["kind"], warning["side"]) == ("verify", "head")
    assert any("head/team/index.html" in m and "telefoonnummer" in m for m in warning["messages"]), warning
    assert not report["pages"] and not report["records"]  # nothing compared with a refused side
    assert "12345678" not in markdown and "12345678" not in json.dumps(report)


def test_a_publication_removed_without_a_redirect_stops_the_head_build(repo: Path, tmp_path: Path) -> None:
    report, markdown = sitediff(repo, "main", "gone", tmp_path / "out")
    (warning,) = report["warnings"]
    assert (warning["kind"], warning["side"]) == ("build-failed", "head")
    assert any(
        m.startswith(
            "demo/publications/proef-2026-basisbanen.yml:1: -: publicatie 'proef-2026-basisbanen' stond "
            "eerder op de site en is verdwenen"
        )
        for m in warning["messages"]
    ), warning["messages"]
    assert report["head"]["built"] is False and report["base"]["built"] is True
    assert all(not report[s] for s in sitereport.SECTIONS if s != "warnings")
    assert "- **De site van HEAD bouwt niet**" in markdown
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout
    assert len(worktrees.splitlines()) == 1  # the worktrees of both sides are gone


def test_an_unknown_ref_or_an_unsafe_preview_address_writes_nothing(repo: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    for args, message in (
        (["nergens", "HEAD"], "'nergens' is geen map en geen commit in deze repository"),
        (["--", "--output=x", "HEAD"], "'--output=x' is geen map en geen commit"),  # never an option of git
        (["main", "HEAD", "--preview-url", "javascript:alert(1)"], "--preview-url 'javascript:alert(1)': geef een"),
    ):
        result = run_macros("sitediff", "-f", "mkdocs.demo.yml", "--out", out, *args, cwd=repo)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert not (tmp_path / "out").exists()


def test_a_folder_named_like_a_ref_is_refused_and_each_side_says_where_it_came_from(repo: Path, change) -> None:
    """A folder `HEAD` in the checkout would shadow the ref HEAD: sitediff refuses to guess. Written
    `./HEAD` it is the folder; the report then says that HEAD was read from a folder, BASE built."""
    change_report, _, builds = change
    folder = repo / "HEAD"
    shutil.copytree(builds / "head", folder)
    try:
        result = run_macros("sitediff", "main", "HEAD", "-f", "mkdocs.demo.yml", "--out", str(folder / "x"), cwd=repo)
        assert result.returncode == 2, result.stderr
        assert "'HEAD' is zowel een map als een commit" in result.stderr
        assert "./HEAD voor de map" in result.stderr and "HEAD^{commit} voor de commit" in result.stderr
        assert not (folder / "x").exists()

        report, markdown = sitediff(repo, "main", "./HEAD", repo / "out-mixed")
        assert (report["base"]["source"], report["head"]["source"]) == ("ref", "folder")
        assert report["base"]["commit"] and report["head"]["commit"] is None
        for section in sitereport.SECTIONS:  # main built here at the same date as the folder was
            assert report[section] == change_report[section], section
        assert "beide gebouwd" not in markdown
        assert (
            f"BASE gebouwd uit git met SOURCE_DATE_EPOCH {ENV['SOURCE_DATE_EPOCH']}, HEAD gelezen uit een map"
            in markdown
        )
        assert change_report["base"]["source"] == change_report["head"]["source"] == "ref"
    finally:
        shutil.rmtree(folder)
        shutil.rmtree(repo / "out-mixed", ignore_errors=True)


def test_both_builds_share_one_deadline_and_a_late_one_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    """A build that runs past BUILD_TIMEOUT is stopped and reported; both sides build at once, so the
    second is stopped at the same deadline as the first (not BUILD_TIMEOUT after it)."""
    from macros.wiring import sitediff as sitediff_module

    repo = tmp_path / "repo"
    (repo / "macros").mkdir(parents=True)
    (repo / "macros/__main__.py").write_text("import time\n\ntime.sleep(60)\n", encoding="utf-8")  # a slow build
    (repo / "mkdocs.yml").write_text("site_name: traag\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "traag")
    monkeypatch.chdir(repo)
    monkeypatch.setattr(sitediff_module, "BUILD_TIMEOUT", 4)
    started = time.monotonic()
    report = sitediff_module.sitediff("main", "main", Path("mkdocs.yml"))
    took = time.monotonic() - started
    assert [(w["kind"], w["side"]) for w in report["warnings"]] == [("build-failed", "base"), ("build-failed", "head")]
    for warning in report["warnings"]:
        assert any("duurde langer dan" in m and "is gestopt" in m for m in warning["messages"]), warning
    assert took < 2 * 4, took  # one deadline for both
    assert len(worktrees(repo)) == 1


def worktrees(repo: Path) -> list[str]:
    return subprocess.run(["git", "worktree", "list"], cwd=repo, capture_output=True, text=True).stdout.splitlines()


@pytest.mark.parametrize(
    ("signum", "moment"),
    [(signal.SIGTERM, "worktree"), (signal.SIGTERM, "building"), (signal.SIGHUP, "building")],
    ids=["SIGTERM-worktree", "SIGTERM-building", "SIGHUP-building"],
)
def test_a_terminated_sitediff_removes_its_worktrees_and_builds(repo: Path, tmp_path: Path, signum, moment) -> None:
    """As Ctrl-C: stopped (by CI's cancel, a closed terminal) once a worktree exists, or while both
    sides build, sitediff stops both builds and removes its worktrees and temporary folders."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "macros", "sitediff", "main", "change", "-f", "mkdocs.demo.yml", "--out", "out"],
        cwd=repo,
        env={**ENV, "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(worktrees(repo)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(worktrees(repo)) >= 2, "no worktree was made"
        if moment == "building":  # both builds started: each writes its log
            while len(list(temp.glob("sitediff-*/*.log"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(1)
            assert process.poll() is None and len(worktrees(repo)) == 3
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + signum, (process.returncode, stderr[-3000:])
    assert "Traceback" not in stderr and "sitediff is gestopt" in stderr, stderr[-3000:]
    assert len(worktrees(repo)) == 1, worktrees(repo)
    assert list(temp.iterdir()) == []  # the scratch folder with both worktrees, builds and caches
    assert not (repo / "out").exists()
    still = [pid for pid in os.listdir("/proc") if pid.isdigit() and _cwd_in(int(pid), temp)]
    assert still == [], still  # no build runs on


def _cwd_in(pid: int, folder: Path) -> bool:
    try:
        return os.readlink(f"/proc/{pid}/cwd").startswith(str(folder))
    except OSError:
        return False


@pytest.fixture(scope="module")
def whitespace(repo: Path, tmp_path_factory) -> dict:
    report, _ = sitediff(repo, "main", "whitespace", tmp_path_factory.mktemp("whitespace") / "out")
    return report


def test_a_whitespace_only_edit_gives_an_empty_report(whitespace: dict) -> None:
    """A comment, whitespace or a paragraph wrapped anew changes no field: it moves no date either."""
    assert is_empty(whitespace)


def test_the_word_diff_counts_and_marks_words_in_their_blocks() -> None:
    before = ["Kerngegevens", "Negen van de twaalf plekken zijn ingevuld.", "Scholing nog niet gestart"]
    after = ["Kerngegevens", "Elf van de twaalf plekken zijn ingevuld.", "Scholing gestart", "Nieuw blok hier"]
    result = word_diff(before, after)
    assert (result["words_added"], result["words_removed"]) == (1 + 3, 1 + 2)
    assert result["diff"] == [
        {
            "before": "Kerngegevens [-Negen-] van de twaalf plekken zijn ingevuld. Scholing [-nog niet-] gestart",
            "after": "Kerngegevens {+Elf+} van de twaalf plekken zijn ingevuld. Scholing gestart {+Nieuw blok hier+}",
        }
    ]
    # A stretch too long to match word by word counts whole, and still shows where it is.
    long_before, long_after = [" ".join(["de"] * 600)], [" ".join(["het"] * 600)]
    coarse = word_diff(long_before, long_after)
    assert (coarse["words_added"], coarse["words_removed"]) == (600, 600)
    assert coarse["diff"][0]["before"].startswith("[-de de") and coarse["diff"][0]["after"].startswith("{+het het")


# --- the Markdown, on hostile values (no build) ---------------------------------------------------

HOSTILE = [
    "``` </details> <img src=x onerror=alert(1)> @octocat #1 https://evil.example/ :smile:",
    "`` `a` ``",
    "<!-- x --> <script>alert(1)</script> [klik](javascript:alert(1)) **vet** _schuin_",
    "regel\nnieuwe regel\u202eesrever\u200b",
    "`",
]


def hostile_report() -> dict:
    text = " ".join(HOSTILE)
    return validate(
        {
            "version": 1,
            "config": HOSTILE[0],
            "source_date_epoch": 0,
            "base": {"label": HOSTILE[1], "commit": None, "built": True},
            "head": {"label": HOSTILE[2], "commit": "0" * 40, "built": False},
            "warnings": [{"kind": "build-failed", "side": "head", "path": None, "messages": HOSTILE}],
            "records": [
                {
                    "type": "experiment",
                    "id": value,
                    "round": None,
                    "title": value,
                    "change": "changed",
                    "fields": [
                        {"field": value, "before": value, "after": value},
                        {"field": value, "added": HOSTILE, "removed": HOSTILE},
                    ],
                }
                for value in HOSTILE
            ],
            "pages": [
                {
                    "path": "a/",
                    "title": value,
                    "change": "text",
                    "words_added": 1,
                    "words_removed": 1,
                    "diff": [{"before": value, "after": text}],
                    "title_before": value,
                    "title_after": value,
                }
                for value in HOSTILE
            ],
            "calendar": [{"uid": v, "title": v, "change": "changed", "fields": HOSTILE} for v in HOSTILE],
            "feeds": [
                {
                    "feed": "f.xml",
                    "change": "changed",
                    "entries": [{"id": v, "title": v, "change": "changed", "fields": ["datum"]} for v in HOSTILE],
                }
            ],
            "open_data": [{"set": v, "added": HOSTILE, "removed": [], "changed": [], "files": []} for v in HOSTILE],
            "downloads": [],
            "other": [],
        }
    )


ALLOWED_TAGS = {"h2", "h3", "ul", "li", "p", "code", "pre", "strong", "details", "summary", "a"}


def test_no_value_escapes_its_code_span() -> None:
    markdown = render_markdown(hostile_report(), preview="https://pr-7.voorbeeld.pages.dev/")
    html = MarkdownIt("commonmark").render(markdown)
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert html.count("<details>") == html.count("</details>")
    links = re.findall(r'<a href="([^"]*)"', html)
    assert links and all(link.startswith("https://pr-7.voorbeeld.pages.dev/") for link in links)
    outside_code = re.sub(r"<code[^>]*>.*?</code>", "", html, flags=re.S)
    for needle in ("@octocat", "#1 ", "evil.example", "javascript:", "onerror", ":smile:", "<strong>vet", "<em>"):
        assert needle not in outside_code, needle
    assert "\u202e" not in markdown and "\u200b" not in markdown


def test_a_long_report_is_cut_to_fit_a_comment() -> None:
    report = hostile_report()
    page = {"path": "p/", "title": "x", "change": "text", "words_added": 9, "words_removed": 9}
    report["pages"] = [
        page | {"path": f"p{i}/", "diff": [{"before": "a " * 300, "after": "b " * 300}] * 8} for i in range(4000)
    ]
    markdown = render_markdown(validate(report))
    assert len(markdown) <= MAX_CHARS
    assert "- … en " in markdown and "(zie `report.json` in de artefacten)" in markdown
    assert MarkdownIt("commonmark").render(markdown).count("<details>") >= 1


def comment(tmp_path: Path, artifact: Path) -> subprocess.CompletedProcess:
    return run_macros("sitediff-comment", str(artifact), "--out", str(tmp_path / "comment.md"))


def zipped(tmp_path: Path, data: bytes) -> Path:
    artifact = tmp_path / "artifact.zip"
    with zipfile.ZipFile(artifact, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.json", data)
        archive.writestr("pull-request", "7\n")
    return artifact


def test_the_comment_is_rendered_again_from_the_artifact(tmp_path: Path) -> None:
    report = hostile_report()
    result = comment(tmp_path, zipped(tmp_path, json.dumps(report).encode()))
    assert (result.returncode, result.stdout) == (0, "verschil\n"), result.stderr
    assert (tmp_path / "comment.md").read_text(encoding="utf-8") == render_markdown(report)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r["pages"][0].update(path="javascript:alert(1)"),  # not a site path
        lambda r: r["pages"][0].update(redirect="https://evil.example/"),
        lambda r: r.update(extra="?"),  # nothing the schema does not name
        lambda r: r["feeds"][0]["entries"][0].update(fields=["<b>datum</b>"]),
        lambda r: r["base"].update(commit="HEAD"),
        lambda r: r["records"][0].update(type="script"),
    ],
    ids=["path", "redirect", "extra", "feed-field", "commit", "type"],
)
def test_the_comment_refuses_a_report_its_schema_refuses(tmp_path: Path, spoil) -> None:
    report = hostile_report()
    spoil(report)
    result = comment(tmp_path, zipped(tmp_path, json.dumps(report).encode()))
    assert (result.returncode, result.stdout) == (1, "ongeldig\n")
    assert (tmp_path / "comment.md").read_text(encoding="utf-8") == sitereport.refused_comment()


def test_the_comment_refuses_a_report_too_large_to_read(tmp_path: Path) -> None:
    """Deflate packs 6 MB of spaces into a few kilobytes: the member is read no further than the cap."""
    data = b'{"version": 1' + b" " * (sitereport.MAX_JSON + 1_000_000) + b"}"
    artifact = zipped(tmp_path, data)
    assert artifact.stat().st_size < 100_000
    result = comment(tmp_path, artifact)
    assert (result.returncode, result.stdout) == (1, "ongeldig\n")
    assert "groter dan" in result.stderr


def test_the_schema_file_is_the_codes() -> None:
    assert (ROOT / "schemas/sitediff.schema.json").read_text(encoding="utf-8") == sitereport.schema_text()
    jsonschema.Draft202012Validator.check_schema(sitereport.REPORT_SCHEMA)


# --- the schema's caps, on made-up built folders (no build) ---------------------------------------

# The report's schema with every list cap a hundredth (`scaled`): the caps are what `fit` and the
# validator read from the schema, so the made-up sites need 201 files, not 20,001, to pass them all
# (writing and comparing 60,000 files took half a minute; the real caps are the schema file's test above).
SCALE = 100
SECTION = 20_000 // SCALE  # items a section of the scaled report holds
OVER = SECTION + 1  # one more
ROWS = 5_000 // SCALE  # new rows of one data set, items of one field, properties of one event
FIELDS = 500 // SCALE  # changed fields of one record
LONG = "x" * 3000  # longer than any string of the report may be (string caps are not scaled)


def scaled(schema: object) -> object:
    """A copy of a JSON Schema with every maxItems divided by SCALE."""
    if isinstance(schema, list):
        return [scaled(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: scaled(value) for key, value in schema.items()}
    if "maxItems" in copy:
        copy["maxItems"] = max(1, copy["maxItems"] // SCALE)
    return copy


def page(title: str, body: str = "woorden", head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body><h1>{title}</h1><p>{body}</p></body></html>"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def calendar(events: list[str]) -> str:
    return "BEGIN:VCALENDAR\r\n" + "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events) + "END:VCALENDAR\r\n"


def feed(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<entry><id>{ident}</id><title>t</title><updated>{updated}</updated></entry>" for ident, updated in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>{items}</feed>'


def oversized_sites(root: Path) -> tuple[Path, Path]:
    """Two built folders whose differences exceed every cap of the scaled schema: more than SECTION
    removed pages (and as many warnings), calendar events, feed entries, downloads and other files, and
    more than SECTION records; more than ROWS new rows of one data set, FIELDS changed fields of one
    record, ROWS new items of one field and ROWS changed properties of one event; paths longer than
    500 characters, ids, names and values longer than their caps, a round beyond 1,000."""
    base, head = root / "base", root / "head"
    deep = "/".join(["a" * 200] * 3)  # a page 600 characters deep
    columns = {f"kolom{i}": "oud" for i in range(600)}
    old_row = {"slug": "breed", "themes": [], ("k" * 150): "oud", **columns}
    new_row = {"slug": "breed", "themes": [f"thema {i}" for i in range(ROWS + 10)], ("k" * 150): LONG, **columns}
    new_row |= {f"kolom{i}": "nieuw" for i in range(600)}
    write(
        base,
        {
            **{f"p/{i}/index.html": page(f"P{i}") for i in range(OVER)},
            f"{deep}/index.html": page("diep"),
            "weg/index.html": page("weg"),
            "data/experimenten.json": json.dumps([old_row]),
            "data/rondes.json": json.dumps([{"number": 1}]),
            "colleges/colleges.ics": calendar(
                ["UID:0-breed\r\nSUMMARY:s\r\n" + "".join(f"X-P{i}:oud\r\n" for i in range(ROWS + 10))]
            ),
            f"{'f' * 250}/{'g' * 250}/feed.xml": feed([("lang", "2026-01-01T00:00:00Z")]),
        },
    )
    write(
        head,
        {
            f"{deep}/nieuw/index.html": page("diep en nieuw"),
            "weg/index.html": page("weg", head=f'<meta http-equiv="refresh" content="0; url=../{deep}/">'),
            **{f"d/{i}.txt": "download" for i in range(OVER)},
            **{f"assets/{i}.js": "code" for i in range(OVER)},
            f"{deep}/lang.txt": "download",
            "data/experimenten.json": json.dumps(
                [new_row, {"slug": "a" * 3000}, *({"slug": f"e{i}", "title": LONG} for i in range(OVER))]
            ),
            "data/bevindingen.json": json.dumps([{"experiment": "e1", "round": 5000, "findings": "x"}]),
            "data/rondes.json": json.dumps([{"number": 1}, {"number": "²"}, {"number": "9" * 5000}]),
            f"data/{'s' * 150}.json": json.dumps([{"id": "a"}]),
            "colleges/colleges.ics": calendar(
                ["UID:0-breed\r\nSUMMARY:s\r\n" + "".join(f"X-P{i}:nieuw\r\n" for i in range(ROWS + 10))]
                + [f"UID:{i}\r\nSUMMARY:s\r\nDTSTART:{LONG}\r\n" for i in range(OVER)]
            ),
            f"{'f' * 250}/{'g' * 250}/feed.xml": feed(
                [("lang", LONG), *((f"n{i}", "2026-01-01T00:00:00Z") for i in range(OVER))]
            ),
        },
    )
    return base, head


def test_a_report_beyond_every_cap_of_its_schema_is_cut_and_counted(tmp_path: Path, monkeypatch, capsys) -> None:
    """Whatever a change holds, the report fits its schema: long values end in an ellipsis, long
    lists keep their first items and say how many were left out, and the Markdown says "… en N meer"."""
    from macros.wiring import cli
    from macros.wiring import sitediff as sitediff_module

    base, head = oversized_sites(tmp_path / "sites")
    monkeypatch.setattr(sitereport, "REPORT_SCHEMA", scaled(sitereport.REPORT_SCHEMA))
    monkeypatch.setattr(sitediff_module, "verify_tree", lambda side, config: None)  # the gate is not made up
    config = "./" + "x/../" * 70 + "mkdocs.demo.yml"  # a configuration path longer than 300 characters
    monkeypatch.chdir(ROOT)
    code = cli.main(["sitediff", str(base), str(head), "-f", config, "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 0, captured.err[-3000:]  # the report was validated before it was written
    report = json.loads((tmp_path / "out/report.json").read_text(encoding="utf-8"))
    markdown = (tmp_path / "out/report.md").read_text(encoding="utf-8")
    assert len(markdown) <= MAX_CHARS

    for section in ("warnings", "records", "pages", "calendar", "downloads", "other"):
        assert len(report[section]) == SECTION and report[f"{section}_left_out"] >= 1, section
    assert len(report["pages"]) + report["pages_left_out"] == OVER + 3  # removed, deep (added, removed), redirect
    assert report["downloads_left_out"] == 2  # the made-up downloads and the deep one
    assert all(len(p["path"]) <= 500 and re.fullmatch(r"[A-Za-z0-9._~%/-]*", p["path"]) for p in report["pages"])
    deep = [p for p in report["pages"] if p["path"].startswith("a" * 200)]
    assert deep and all(p["path"].endswith("...") for p in deep)
    redirect = compare_page(
        "weg/index.html", (base / "weg/index.html").read_bytes(), (head / "weg/index.html").read_bytes()
    )
    assert redirect is not None and len(redirect["redirect"]) > 500  # past the report's first SECTION pages
    assert sitereport.fit({"pages": [redirect]})["pages"][0]["redirect"].endswith("...")

    experiments = by(report["open_data"], set="experimenten")
    assert len(experiments["added"]) == ROWS and experiments["added_left_out"] == OVER + 1 - ROWS
    assert any(label.endswith("…") and len(label) <= 2000 for label in experiments["added"])
    (wide,) = [r for r in report["records"] if r["id"] == "breed"]
    assert len(wide["fields"]) == FIELDS and wide["fields_left_out"] == 602 - FIELDS
    themes = by(wide["fields"], field="themes")
    assert len(themes["added"]) == ROWS and themes["added_left_out"] == 10
    assert any(f["field"].endswith("…") and len(f["field"]) == 100 for f in wide["fields"])
    assert all(len(r["id"]) <= 300 for r in report["records"]) and report["records"][0]["id"] == "a" * 299 + "…"
    data = {rel: (head / rel).read_bytes() for rel in ("data/bevindingen.json", "data/rondes.json")}
    rounds = compare_records({}, data)[0]  # past the report's first SECTION records
    assert [(r["type"], r["id"], r["round"]) for r in rounds] == [
        ("bevindingen", "e1", None),  # round 5000: beyond the schema's 1,000, so the label shows no number
        ("ronde", "1", 1),
        ("ronde", "9" * 5000, None),
        ("ronde", "²", None),
    ]
    assert any(len(s["set"]) == 100 for s in report["open_data"])

    event = by(report["calendar"], uid="0-breed")
    assert len(event["fields"]) == ROWS and event["fields_left_out"] == 10
    (lang_feed,) = report["feeds"]
    assert len(lang_feed["feed"]) <= 500 and lang_feed["feed"].endswith("...")
    assert len(lang_feed["entries"]) == SECTION and lang_feed["entries_left_out"] == 2
    assert len(report["config"]) == 300 and report["config"].endswith("…")

    assert f"en {OVER + 1 - 8} meer" in markdown  # the new rows of the data set: 8 shown
    assert "- … en " in markdown and "niet in `report.json`" in markdown


def test_a_report_that_fails_its_schema_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch, capsys) -> None:
    from macros.wiring import cli
    from macros.wiring import sitediff as sitediff_module

    def refuse(report: dict) -> dict:
        raise sitereport.ReportError("report.json voldoet niet aan het schema bij pages/0/path: maxLength")

    monkeypatch.setattr(sitediff_module.sitereport, "validate", refuse)
    site = tmp_path / "site"
    write(site, {"index.html": page("thuis")})
    monkeypatch.setattr(sitediff_module, "verify_tree", lambda side, config: None)
    monkeypatch.chdir(ROOT)
    code = cli.main(["sitediff", str(site), str(site), "-f", "mkdocs.demo.yml", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "pages/0/path: maxLength" in err and "Er is geen verslag geschreven." in err
    assert not (tmp_path / "out").exists()


def test_a_corrupted_artifact_is_refused_never_a_traceback(tmp_path: Path, capsys) -> None:
    """Random bytes flipped in a valid artifact: every outcome is a comment and a state, the refused
    comment when report.json cannot be read or validated (a zip header, the deflate stream, a CRC)."""
    from macros.wiring import cli

    valid = zipped(tmp_path, json.dumps(hostile_report()).encode()).read_bytes()
    random = __import__("random").Random(23)
    outcomes = {}
    for attempt in range(300):
        data = bytearray(valid)
        for _ in range(random.choice((1, 1, 2, 5))):
            data[random.randrange(len(data))] ^= random.randrange(1, 256)
        artifact = tmp_path / "flipped.zip"
        artifact.write_bytes(bytes(data))
        out = tmp_path / "comment.md"
        out.unlink(missing_ok=True)
        code = cli.main(["sitediff-comment", str(artifact), "--out", str(out)])
        state = capsys.readouterr().out.strip()
        assert (state, code) in {("verschil", 0), ("leeg", 0), ("ongeldig", 1)}, (attempt, state, code)
        if state == "ongeldig":
            assert out.read_text(encoding="utf-8") == sitereport.refused_comment()
        outcomes[state] = outcomes.get(state, 0) + 1
    assert outcomes.get("ongeldig", 0) > 100, outcomes  # most flips spoil the file


def test_the_failed_run_comment_takes_only_a_commit_and_a_runs_address(tmp_path: Path, capsys) -> None:
    from macros.wiring import cli

    out = tmp_path / "comment.md"
    sha, url = "a" * 40, "https://github.com/eigenaar/site/actions/runs/12"
    assert cli.main(["sitediff-comment", "--failed-run", url, "--commit", sha, "--out", str(out)]) == 0
    assert capsys.readouterr().out == "mislukt\n"
    assert f"De sitediff van commit {sha} is mislukt; zie de run <{url}>." in out.read_text(encoding="utf-8")
    out.unlink()
    for commit, address in ((sha, "https://evil.example/x) [klik](javascript:alert(1)"), ("HEAD", url)):
        code = cli.main(["sitediff-comment", "--failed-run", address, "--commit", commit, "--out", str(out)])
        assert code == 2 and not out.exists()
    with pytest.raises(SystemExit):  # a report and a failed run at once
        cli.main(["sitediff-comment", "r.json", "--failed-run", url, "--commit", sha, "--out", str(out)])
