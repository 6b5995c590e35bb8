"""Layer (b): the strict reader and the validators, with the exact messages researchers see."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cases_content import EXPERIMENT, REPORT
from cases_problems import BAD_EXPERIMENTS, BAD_REPORTS, EXP, ROUND
from macros.base.text import NONCHARACTER
from macros.content.site import load_site
from support import ROOT, problems_of


def check(tree, text: str | bytes, path: str = EXP, extra: dict | None = None) -> list[str]:
    files = {path: text, **(extra or {})}
    if path != EXP:
        files.setdefault(EXP, EXPERIMENT)
    return problems_of(tree(files))


@pytest.mark.parametrize("text, expected", BAD_EXPERIMENTS.values(), ids=BAD_EXPERIMENTS.keys())
def test_bad_experiment_is_reported_exactly(tree, text, expected) -> None:
    assert check(tree, text) == expected


def test_yaml_11_values_stay_text_where_the_schema_wants_text(tree) -> None:
    root = tree({EXP: "municipality: delft\nstatus: actueel\ntitle: NO\nwage_note: 12:30\ntarget_group: 1.10\n"})
    experiment = load_site(root).experiments[0]
    assert (experiment.title, experiment.wage_note, experiment.target_group) == ("NO", "12:30", "1.10")


def test_bom_and_crlf_are_accepted(tree) -> None:
    root = tree({EXP: b"\xef\xbb\xbfmunicipality: delft\r\nstatus: actueel\r\ntitle: Caf\xc3\xa9\r\n"})
    assert load_site(root).experiments[0].title == "Café"


def test_empty_experiment_file_names_both_required_fields(tree) -> None:
    assert check(tree, "") == [
        f"{EXP}:1: municipality: verplicht veld ontbreekt; voeg 'municipality:' toe (bijvoorbeeld: municipality: delft)",
        f"{EXP}:1: status: verplicht veld ontbreekt; voeg 'status:' toe (bijvoorbeeld: status: in voorbereiding)",
    ]


def test_lenient_forms_are_normalised(tree) -> None:
    root = tree(
        {
            EXP: "municipality: delft\nstatus: actueel\ndomains: zorg\nsources:\n  - https://a.example.org/\n"
            "  - url: https://b.example.org/\n    title: B\n"
        }
    )
    experiment = load_site(root).experiments[0]
    assert experiment.domains == ("zorg",)
    assert [(s.url, s.title) for s in experiment.sources] == [
        ("https://a.example.org/", None),
        ("https://b.example.org/", "B"),
    ]


@pytest.mark.parametrize("text, expected", BAD_REPORTS.values(), ids=BAD_REPORTS.keys())
def test_bad_round_report_is_reported_exactly(tree, text, expected) -> None:
    assert check(tree, text, ROUND) == expected


def test_code_in_findings_is_not_html(tree) -> None:
    text = "---\nround: 1\nstatus: gepubliceerd\n---\nZie `<b>` en:\n\n```\n<script>x</script>\n```\n"
    assert check(tree, text, ROUND) == []


def test_round_not_in_registry(tree) -> None:
    problems = check(tree, "---\nround: 5\nstatus: concept\n---\n", "experiments/x/ronde-5.md")
    assert problems == [
        "experiments/x/ronde-5.md:2: round: onbekende ronde '5'; kies uit 0, 1 of voeg hem "
        "toe aan experiments/rondes.yml"
    ]


def test_folder_problems(tree) -> None:
    root = tree(
        {
            "experiments/Kaart/experiment.yml": EXPERIMENT,
            "experiments/kaart/experiment.yml": EXPERIMENT,
            "experiments/x/experiment.yml": EXPERIMENT,
            "experiments/x/notities.txt": "x",
            "experiments/leeg/ronde-1.md": REPORT,
            "experiments/_sjabloon/experiment.yml": "dit is geen geldige inhoud: [",
        }
    )
    assert problems_of(root) == [
        "experiments/Kaart:1: map: id 'Kaart' is ongeldig; gebruik kleine letters a-z, cijfers en losse "
        "streepjes, zoals 'schouwen-duiveland'",
        "experiments/kaart:1: map: de naam 'kaart' is gereserveerd voor een pagina van de site; kies een "
        "andere mapnaam",
        "experiments/leeg/experiment.yml:1: -: experiment.yml ontbreekt; kopieer experiments/_sjabloon/experiment.yml",
        "experiments/x/notities.txt:1: -: onbekend bestand in een experimentmap; verwacht experiment.yml of "
        "ronde-<nummer>.md (zoals ronde-1.md)",
    ]


def test_every_problem_in_the_tree_is_reported_at_once(tree) -> None:
    root = tree(
        {
            "experiments/a/experiment.yml": "municipality: delft\nstatus: fout\n",
            "experiments/b/experiment.yml": "municipality: delft\nstatus: actueel\nstart: gisteren\n",
            "experiments/b/ronde-1.md": "---\nround: 1\nstatus: concept\nparel: ja\n---\n",
            "experiments/themas.yml": "organisatie:\n  title: Organisatie\n",
        }
    )
    assert problems_of(root) == [
        "experiments/a/experiment.yml:2: status: onbekende waarde 'fout'; kies uit 'in voorbereiding' of 'actueel'",
        "experiments/b/experiment.yml:3: start: verwacht een jaar (2023), maand (2023-05) of datum (2023-05-17), "
        "maar vond 'gisteren'",
        "experiments/b/ronde-1.md:4: parel: verwacht true of false, maar vond 'ja'; schrijf precies true of false "
        "(niet ja/nee, yes/no of on/off)",
        "experiments/themas.yml:2: organisatie.question: verplicht veld ontbreekt; voeg 'question:' toe",
    ]


def test_registry_problems(tree) -> None:
    root = tree(
        {
            "experiments/gemeenten.yml": "delft:\n  name: Delft\n  cbs_code: 0503\n  province: Zuid Holland\n"
            "delft:\n  name: Delft\n  cbs_code: GM0503\n  province: Zuid-Holland\n",
            "experiments/rondes.yml": "1:\n  title: Een\n  start: 2023-05\n  end: 2023-01\nx:\n  title: Twee\n",
        }
    )
    assert problems_of(root) == [
        "experiments/gemeenten.yml:3: delft.cbs_code: verwacht een CBS-gemeentecode als GM0503, maar vond '0503'",
        "experiments/gemeenten.yml:4: delft.province: onbekende waarde 'Zuid Holland' (bedoel je 'Zuid-Holland'?); "
        "kies uit 'Drenthe', 'Flevoland', 'Fryslân', 'Gelderland', 'Groningen', 'Limburg', 'Noord-Brabant', "
        "'Noord-Holland', 'Overijssel', 'Utrecht', 'Zeeland' of 'Zuid-Holland'",
        "experiments/gemeenten.yml:5: delft: dubbele sleutel; staat ook op regel 1, houd er één over",
        "experiments/rondes.yml:4: 1.end: einde 2023-01 ligt voor begin 2023-05; verbeter een van beide",
        "experiments/rondes.yml:5: x: een ronde heet naar haar nummer, 0 tot en met 9",
    ]


def test_loading_never_modifies_a_source_file(tree) -> None:
    root = tree({EXP: b"\xef\xbb\xbfmunicipality: delft\r\nstatus: fout\r\n"})
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    problems_of(root)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_two_experiments_with_the_same_title_name_both_files(tree) -> None:
    root = tree(
        {
            "experiments/a/experiment.yml": EXPERIMENT,
            "experiments/b/experiment.yml": "title: proef\nmunicipality: eindhoven\nstatus: actueel\n",
            "experiments/c/experiment.yml": "municipality: delft\nstatus: actueel\n",
            "experiments/d/experiment.yml": "municipality: delft\nstatus: actueel\n",
        }
    )
    assert problems_of(root) == [
        "experiments/b/experiment.yml:1: title: dezelfde titel als experiments/a/experiment.yml; "
        "geef elk experiment een eigen 'title:'",
        "experiments/d/experiment.yml:1: title: dezelfde titel als experiments/c/experiment.yml; "
        "geef elk experiment een eigen 'title:'",
    ]


def test_the_templates_are_valid_content(tree) -> None:
    import shutil

    from support import ROOT

    root = tree({})
    shutil.copytree(ROOT / "experiments/_sjabloon", root / "experiments/nieuw")
    assert problems_of(root) == []


def test_parallel_loading_gives_the_same_result(tree, monkeypatch) -> None:
    import macros.base.parallel as parallel

    files = {f"experiments/e{i}/experiment.yml": EXPERIMENT.replace("Proef", f"Proef {i}") for i in range(12)}
    files["experiments/e3/experiment.yml"] = "municipality: delft\nstatus: fout\n"
    files["experiments/e5/ronde-1.md"] = REPORT
    root = tree(files)
    serial = problems_of(root)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    assert (
        problems_of(root)
        == serial
        == [
            "experiments/e3/experiment.yml:2: status: onbekende waarde 'fout'; kies uit 'in voorbereiding' of 'actueel'"
        ]
    )
    del files["experiments/e3/experiment.yml"]
    (root / "experiments/e3/experiment.yml").unlink()
    (root / "experiments/e3").rmdir()
    site = load_site(root)
    assert [e.slug for e in site.experiments] == sorted(f"e{i}" for i in range(12) if i != 3)
    assert site.experiment("e5").reports[0].parel is True


def test_loading_forks_only_when_the_caller_allows_it(tree, monkeypatch) -> None:
    """Parallelism is the caller's setting (off under `mkdocs serve`), not a switch in parallel.py."""
    import macros.base.parallel as parallel
    from macros.pages.experiment_pages import render_experiment_pages
    from macros.pages.render import Settings

    root = tree({f"experiments/e{i}/experiment.yml": EXPERIMENT.replace("Proef", f"Proef {i}") for i in range(6)})
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)

    class Forked(Exception):
        pass

    def no_pool(*args, **kwargs):
        raise Forked

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    site = load_site(root, parallel=False)
    assert [e.slug for e in site.experiments] == [f"e{i}" for i in range(6)]
    render_experiment_pages(site, Settings(site_url="/", now=dt.datetime(2026, 1, 1), parallel=False))
    with pytest.raises(Forked):  # allowed (the default), the same lists are spread over processes
        load_site(root)
    with pytest.raises(Forked):
        render_experiment_pages(site, Settings(site_url="/", now=dt.datetime(2026, 1, 1)))


def test_rendering_in_two_processes_gives_the_same_site(monkeypatch) -> None:
    """A large site is rendered in two halves side by side (output.render_site); the pages and files
    are the very same as rendered in one process, in the same order, and no worker forks again."""
    import os

    import macros.base.parallel as parallel
    from macros.pages.output import render_site
    from macros.pages.render import Settings

    site = load_site(ROOT / "demo")
    settings = Settings(site_url="https://example.org/", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    serial = render_site(site, dataclasses.replace(settings, parallel=False))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    parent, forks = os.getpid(), []
    real_spread = parallel._spread

    def spread(func, chunks, shared):
        if os.getpid() != parent:
            raise AssertionError("a worker forked again")  # travels back to the parent, and fails the test
        forks.append(len(chunks))
        return real_spread(func, chunks, shared)

    monkeypatch.setattr(parallel, "_spread", spread)
    assert render_site(site, settings) == serial
    assert forks == [2]  # one split into two halves; neither half forks again


def _pid_and_square(shared: int, item: int) -> tuple[int, int]:
    import os

    return os.getpid(), item * item + shared


def test_a_cost_per_item_evens_out_the_work_and_keeps_the_order(monkeypatch) -> None:
    """With each item's cost, one costly item takes a process of its own (this one) and the others go
    to the rest; the results come back in input order, as without costs."""
    import os

    import macros.base.parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    items = list(range(40))
    costly = 17  # as costly as all the others together, and more
    results = parallel.fork_map(_pid_and_square, items, 1, cost=lambda i: 1000 if i == costly else 1)
    assert [value for _, value in results] == [i * i + 1 for i in items]
    here = {i for i, (pid, _) in enumerate(results) if pid == os.getpid()}
    assert here == {costly}  # the rest ran in the other process
    dealt = parallel.fork_map(_pid_and_square, items, 1)
    assert [value for _, value in dealt] == [value for _, value in results]
    assert {i for i, (pid, _) in enumerate(dealt) if pid == os.getpid()} == set(range(0, 40, 2))  # in turn


def test_items_that_cost_nothing_are_still_shared(monkeypatch) -> None:
    import os

    import macros.base.parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    results = parallel.fork_map(_pid_and_square, list(range(10)), 0, cost=lambda i: 0)
    assert [value for _, value in results] == [i * i for i in range(10)]
    assert len({pid for pid, _ in results}) == 2 and sum(pid == os.getpid() for pid, _ in results) == 5


def test_no_noncharacter_lies_below_u_d800() -> None:
    """check_characters leaves NONCHARACTER's slow search out for a text whose characters all lie
    below U+D800; that is only right while the pattern matches nothing there."""
    assert [hex(c) for c in range(0xD800) if NONCHARACTER.match(chr(c))] == []
    assert NONCHARACTER.match("\ud800") and NONCHARACTER.match("\U0010ffff")
