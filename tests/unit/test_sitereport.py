"""The site diff's report without any build: the word diff, the escaping of every value in the
Markdown, the comment rendered again from an artifact (and refused when the artifact is spoiled),
the schema and its caps. The comparisons of real builds are in tests/site/test_sitediff.py."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from macros.wiring import sitereport
from macros.wiring.sitecompare import compare_page, compare_records, word_diff
from macros.wiring.sitereport import MAX_CHARS, render_markdown, validate
from support import ROOT, by, run_macros


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
    # Too long with the diffs (on the first 100 pages) and too long without them (4,000 lines).
    diff = [{"before": "a " * 300, "after": "b " * 300}] * 8
    report["pages"] = [page | {"path": f"p{i}/"} | ({"diff": diff} if i < 100 else {}) for i in range(4000)]
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
