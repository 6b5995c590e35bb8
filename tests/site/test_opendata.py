"""Open data: the exports round-trip to the same records the site is built from."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from macros.content.site import load_site
from macros.formats.datapackage import plain
from support import ROOT


def test_json_exports_are_the_models(demo_site: Path) -> None:
    site = load_site(ROOT / "demo")
    experiments = json.loads((demo_site / "data/experimenten.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in experiments] == [e.slug for e in site.experiments]
    first = site.experiments[0]
    expected = plain(first)
    expected.pop("reports")
    expected = {k: None if v == [] else v for k, v in expected.items()}  # a list not filled in: not known
    assert {k: experiments[0][k] for k in expected} == expected
    findings = json.loads((demo_site / "data/bevindingen.json").read_text(encoding="utf-8"))
    assert len(findings) == sum(len(e.published_reports) for e in site.experiments)
    assert all(not f["findings"].startswith("Concepttekst") for f in findings)
    publications = json.loads((demo_site / "data/publicaties.json").read_text(encoding="utf-8"))
    assert {p["doi"] for p in publications if p["doi"]} == {"10.5555/fictief.2025.003", "10.5555/fictief.2026.101"}
    rounds = json.loads((demo_site / "data/rondes.json").read_text(encoding="utf-8"))
    assert rounds[1]["parels"] == ["groene-handen-oefenstad", "wijkconcierges-demowijk"]


def test_unknown_is_null_in_the_open_data_and_the_schemas_say_so(real_site: Path) -> None:
    """A list nobody filled in is null (not known), never [] (none): parels of a round without a
    published report, an experiment's domains before its profile is filled in (issue 22)."""
    rounds = json.loads((real_site / "data/rondes.json").read_text(encoding="utf-8"))
    site = load_site(ROOT)
    for record in rounds:
        reported = any(e.report(record["number"]) for e in site.experiments)
        assert (record["parels"] is None) == (not reported), record
    experiments = json.loads((real_site / "data/experimenten.json").read_text(encoding="utf-8"))
    assert not [k for e in experiments for k, v in e.items() if v == [] and k != "rounds_published"]
    schema = json.loads((real_site / "data/schemas/export/experimenten.schema.json").read_text(encoding="utf-8"))
    domains = schema["items"]["properties"]["domains"]
    assert {"type": "null"} in domains["anyOf"] and "null: niet bekend" in domains["description"]
    package = json.loads((real_site / "data/datapackage.json").read_text(encoding="utf-8"))
    title = next(r for r in package["resources"] if r["path"] == "experimenten.json")
    assert "Alle experimenten" not in json.dumps(title, ensure_ascii=False)


def test_csv_exports_have_a_row_per_record(demo_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((demo_site / "data/experimenten.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 7
    row = next(r for r in rows if r["slug"] == "wijkconcierges-demowijk")
    assert row["domains"] == "werk in de wijk; zorg" and row["cbs_code"] == "GM9901" and row["start"] == "2025-01-15"
    lectures = list(csv.DictReader(io.StringIO((demo_site / "data/colleges.csv").read_text(encoding="utf-8"))))
    third = next(r for r in lectures if r["id"] == "demo-college-ronde-3")
    assert third["start"] == "2027-03-11T15:00:00+01:00"


def test_open_data_page_describes_a_dataset(demo_site: Path) -> None:
    html = (demo_site / "open-data/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Dataset" and data["license"].startswith("https://creativecommons.org/")
    assert len(data["distribution"]) == 10
    assert (demo_site / "data/schemas/experiment.schema.json").is_file()


def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    from macros.pages.opendata import to_csv

    rows = list(
        csv.DictReader(
            io.StringIO(to_csv([{"title": '=HYPERLINK("http://x")', "note": "-1+1", "ok": "Werk & waarde", "n": -12}]))
        )
    )
    assert rows == [{"title": '\'=HYPERLINK("http://x")', "note": "'-1+1", "ok": "Werk & waarde", "n": "-12"}]


def test_csv_cells_split_at_a_dutch_list_separator_start_no_formula() -> None:
    """A Dutch spreadsheet splits at ';' (and a tab): every cell it can make starts without a formula character."""
    from macros.pages.opendata import to_csv

    text = to_csv([{"title": "Werkplaats;=1+1", "note": "a\t@SUM(1)", "ok": "één; twee"}])
    for delimiter in (",", ";", "\t"):
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], (delimiter, cells)
    assert "één; twee" in text


def test_exports_carry_the_text_the_page_shows(tmp_path: Path) -> None:
    """Markdown syntax and whatever the sanitiser would drop never travel in the data files."""
    from cases_content import EXPERIMENT, REPORT
    from cases_problems import EXP, ROUND
    from macros.pages.opendata import datasets, to_csv
    from support import write_tree

    findings = 'Een **vette** bevinding met [een link](https://example.org/x "titel") en &lt;b&gt;.\n\n- een\n- twee'
    write_tree(tmp_path, {EXP: EXPERIMENT, ROUND: REPORT.replace("Bevinding.", findings)})
    ((_, records),) = [v for k, v in datasets(load_site(tmp_path)).items() if k == "bevindingen"]
    assert records[0]["findings"] == "Een vette bevinding met een link en <b>.\n\n- een\n- twee"
    assert "**" not in to_csv(records) and "](" not in to_csv(records)


MARKDOWN = "**Vet** en [een link](https://example.org/x) met `code`.\n\n- een\n- twee"
AS_TEXT = "Vet en een link met code.\n\n- een\n- twee"


def declared_markdown(model: type) -> set[str]:
    """The fields a model declares as researcher Markdown: a Markdown kind, or a document's Markdown body."""
    import typing

    from macros.base.declare import Derived
    from macros.base.kinds import Field
    from macros.base.markup import MarkdownText

    return {
        name
        for name, hint in typing.get_type_hints(model, include_extras=True).items()
        for mark in getattr(hint, "__metadata__", ())
        if (isinstance(mark, Field) and isinstance(mark.kind, MarkdownText))
        or (isinstance(mark, Derived) and mark.markdown)
    }


def test_every_markdown_field_travels_as_text_in_json_and_csv() -> None:
    """Every field an exported model declares as Markdown, found from the declarations (a new one is
    covered without a change here), is written as the text a reader sees in its JSON and its CSV."""
    import dataclasses

    from macros.base.clock import build_time
    from macros.formats.datapackage import EXPORTS, markdown_fields
    from macros.pages.opendata import data_assets
    from macros.pages.render import Settings

    fields = {name: declared_markdown(export.model) for name, export in EXPORTS.items()}
    assert {name: set(markdown_fields(export.model)) for name, export in EXPORTS.items()} == fields
    assert sum(map(len, fields.values())) >= 8  # summary, findings, round texts, lecture texts, abstract

    def marked(model):  # every Markdown field of a model (and of the round reports inside it) set to MARKDOWN
        changes = dict.fromkeys(declared_markdown(type(model)), MARKDOWN)
        if hasattr(model, "reports"):
            changes["reports"] = tuple(marked(r) for r in model.reports)
        return dataclasses.replace(model, **changes)

    site = load_site(ROOT / "demo")
    site = dataclasses.replace(
        site,
        experiments=tuple(marked(e) for e in site.experiments),
        rounds={number: marked(r) for number, r in site.rounds.items()},
        lectures=tuple(marked(x) for x in site.lectures),
        publications=tuple(marked(p) for p in site.publications),
    )
    files = {
        a.uri: a.content.decode()
        for a in data_assets(site, Settings(site_url="https://example.org/", now=build_time()))
    }
    for name, names in fields.items():
        records = json.loads(files[f"data/{name}.json"])
        rows = list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"])))
        assert records and len(rows) == len(records), name
        for field in names:
            assert {r[field] for r in records} == {AS_TEXT}, (name, field)
            assert {r[field] for r in rows} == {AS_TEXT}, (name, field)
