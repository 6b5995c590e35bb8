"""Layer (b): the strict reader and the validators, with the exact messages researchers see."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from builders import ROOT, problems_of
from cases_content import EXPERIMENT, REPORT
from macros.content.site import load_site

EXP = "experiments/x/experiment.yml"
ROUND = "experiments/x/ronde-1.md"


def check(tree, text: str | bytes, path: str = EXP, extra: dict | None = None) -> list[str]:
    files = {path: text, **(extra or {})}
    if path != EXP:
        files.setdefault(EXP, EXPERIMENT)
    return problems_of(tree(files))


BAD_EXPERIMENTS = {
    "duplicate key": (
        "title: A\ntitle: B\nmunicipality: delft\nstatus: actueel\n",
        [f"{EXP}:2: title: dubbele sleutel; staat ook op regel 1, houd er één over"],
    ),
    "unknown field with suggestion": (
        "titel: A\nmunicipality: delft\nstatus: actueel\n",
        [
            f"{EXP}:1: titel: onbekend veld (bedoel je 'title'?); toegestaan zijn: municipality, status, "
            "phase, title, summary, domains, work_forms, target_group, organisations, financing, wage_level, "
            "wage_note, jobs, start, end, sources"
        ],
    ),
    "unknown municipality names the nearest": (
        "municipality: delf\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: onbekende gemeente 'delf' (bedoel je 'delft'?); kies uit delft, eindhoven "
            "of voeg hem toe aan experiments/gemeenten.yml"
        ],
    ),
    "anchor": (
        "municipality: &m delft\nstatus: actueel\n",
        [f"{EXP}:1: -: YAML-anker '&m' is niet toegestaan; schrijf de waarde uit"],
    ),
    "alias": (
        "municipality: delft\nstatus: actueel\ntitle: *m\n",
        [f"{EXP}:3: -: YAML-alias '*m' is niet toegestaan; schrijf de waarde uit"],
    ),
    "python tag": (
        "municipality: !!python/object:os.system delft\nstatus: actueel\n",
        [f"{EXP}:1: -: YAML-tag 'tag:yaml.org,2002:python/object:os.system' is niet toegestaan; laat de tag weg"],
    ),
    "non-ISO date": (
        "municipality: delft\nstatus: actueel\nstart: 1 maart 2022\n",
        [f"{EXP}:3: start: verwacht een jaar (2023), maand (2023-05) of datum (2023-05-17), maar vond '1 maart 2022'"],
    ),
    "impossible date": (
        "municipality: delft\nstatus: actueel\nend: 2022-02-30\n",
        [f"{EXP}:3: end: 2022-02-30 is geen bestaande datum; controleer dag en maand"],
    ),
    "impossible month": (
        "municipality: delft\nstatus: actueel\nend: 2022-13\n",
        [f"{EXP}:3: end: maand 13 bestaat niet; gebruik 01 tot en met 12"],
    ),
    "end before start": (
        "municipality: delft\nstatus: actueel\nstart: 2022-05\nend: 2022-03-01\n",
        [f"{EXP}:4: end: einde 2022-03-01 ligt voor begin 2022-05; verbeter een van beide"],
    ),
    "empty required field": (
        "municipality:\nstatus: actueel\n",
        [f"{EXP}:1: municipality: verplicht veld is leeg; vul het in"],
    ),
    "empty quoted required field": (
        "municipality: ''\nstatus: actueel\n",
        [f"{EXP}:1: municipality: verplicht veld is leeg; vul het in"],
    ),
    "missing required fields": (
        "title: x\n",
        [
            f"{EXP}:1: municipality: verplicht veld ontbreekt; voeg 'municipality:' toe (bijvoorbeeld: municipality: delft)",
            f"{EXP}:1: status: verplicht veld ontbreekt; voeg 'status:' toe (bijvoorbeeld: status: in voorbereiding)",
        ],
    ),
    "tab indentation": (
        "municipality: delft\nstatus: actueel\ndomains:\n\t- zorg\n",
        [f"{EXP}:4: -: tab gebruikt om in te springen; YAML wil spaties"],
    ),
    "broken YAML": (
        "municipality: delft\nstatus: [actueel\n",
        [
            f"{EXP}:3: -: ongeldige YAML (did not find expected ',' or ']'); controleer inspringing, "
            "dubbele punten en aanhalingstekens"
        ],
    ),
    "unknown domain": (
        "municipality: delft\nstatus: actueel\ndomains: [zorg, wonnen]\n",
        [
            f"{EXP}:3: domains[1]: onbekende waarde 'wonnen' (bedoel je 'wonen'?); kies uit 'zorg', 'onderwijs', "
            "'klimaattransitie', 'wonen', 'circulaire economie' of 'werk in de wijk'"
        ],
    ),
    "repeated list item": (
        "municipality: delft\nstatus: actueel\ndomains: [zorg, zorg]\n",
        [f"{EXP}:3: domains[1]: 'zorg' staat al eerder in de lijst (item 0); haal de herhaling weg"],
    ),
    "unsafe source URLs": (
        "municipality: delft\nstatus: actueel\nsources:\n  - javascript:alert(1)\n  - //evil.example\n"
        "  - ' https://a.example.org/'\n  - https://nodot\n",
        [
            f"{EXP}:4: sources[0]: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'javascript:alert(1)')",
            f"{EXP}:5: sources[1]: link zonder schema ('//host'); begin met https:// (gevonden: '//evil.example')",
            f"{EXP}:7: sources[3]: link mist een geldige domeinnaam, zoals https://www.example.nl/ "
            "(gevonden: 'https://nodot')",
        ],
    ),
    "data:, vbscript: and control characters in links": (
        "municipality: delft\nstatus: actueel\nsources:\n  - data:text/html,<script>alert(1)</script>\n"
        '  - vbscript:msgbox(1)\n  - "java\\tscript:alert(1)"\n',
        [
            f"{EXP}:4: sources[0]: schema 'data:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'data:text/html,<script>alert(1)</script>')",
            f"{EXP}:5: sources[1]: schema 'vbscript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'vbscript:msgbox(1)')",
            f"{EXP}:6: sources[2]: link bevat spaties of stuurtekens; haal ze weg (of schrijf %20) "
            "(gevonden: 'java\\tscript:alert(1)')",
        ],
    ),
    "disguised javascript links in Markdown": (
        "municipality: delft\nstatus: actueel\nsummary: |\n  [a](JaVaScRiPt:alert(1)) [c]( javascript:x)\n"
        "  [d](java\\script:x)\n",
        [
            f"{EXP}:4: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'JaVaScRiPt:alert(1')",
            f"{EXP}:4: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'javascript:x')",
            f"{EXP}:5: summary: onbekend schema; gebruik https://, http:// of mailto: (link: 'java\\\\script:x')",
        ],
    ),
    "zero-width space in an id": (
        "municipality: del\u200bft\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: bevat een onzichtbaar of richting-wisselend teken (U+200B); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "bidi override in text": (
        'municipality: delft\nstatus: actueel\ntitle: "abc\u202edef"\n',
        [
            f"{EXP}:3: title: bevat een onzichtbaar of richting-wisselend teken (U+202E); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "noncharacter in a title (no XML feed can carry it)": (
        'municipality: delft\nstatus: actueel\ntitle: "abc\\uFFFEdef"\n',
        [
            f"{EXP}:3: title: bevat een teken dat geen tekst is (feeds, agenda's en BibTeX kunnen het niet dragen) "
            "(U+FFFE); verwijder het (typ de tekst opnieuw)"
        ],
    ),
    "Cyrillic look-alike in an id": (
        "municipality: d\u0435lft\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: id 'dеlft' bevat het niet-ASCII-teken 'е' (U+0435, CYRILLIC SMALL LETTER IE); "
            "gebruik alleen a-z, 0-9 en '-'"
        ],
    ),
    "conflict markers": (
        "municipality: delft\n<<<<<<< HEAD\nstatus: actueel\n=======\nstatus: lopend\n>>>>>>> branch\n",
        [
            f"{EXP}:2: -: git-conflictmarkering gevonden; los het samenvoegconflict op en verwijder de regels "
            "met <<<<<<<, ======= en >>>>>>>"
        ],
    ),
    "quoted number and missing source": (
        "municipality: delft\nstatus: actueel\njobs:\n  - kind: gepland\n    count: '12'\n    date: 2023\n",
        [
            f"{EXP}:4: jobs[0].source: verplicht veld ontbreekt; voeg 'source:' toe",
            f"{EXP}:5: jobs[0].count: verwacht een geheel getal zoals 12, maar vond '12'; schrijf alleen cijfers, "
            "zonder aanhalingstekens of voorloopnullen",
        ],
    ),
    "YAML 1.1 octal": (
        "municipality: delft\nstatus: actueel\njobs:\n  - kind: gepland\n    count: 0344\n    date: 2023\n"
        "    source: https://a.example.org/\n",
        [
            f"{EXP}:5: jobs[0].count: verwacht een geheel getal zoals 12, maar vond '0344'; schrijf alleen cijfers, "
            "zonder aanhalingstekens of voorloopnullen"
        ],
    ),
    "raw HTML and javascript link in Markdown": (
        "municipality: delft\nstatus: actueel\nsummary: |\n  Hallo <script>alert(1)</script>\n"
        "  [x](javascript:alert(1))\n  [y](jav&#x61;script:alert(1))\n",
        [
            f"{EXP}:4: summary: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, "
            "[tekst](https://…)) of zet code tussen `backticks`",
            f"{EXP}:5: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'javascript:alert(1')",
            f"{EXP}:6: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'jav&#x61;script:alert(1')",
        ],
    ),
    "a list instead of fields": (
        "- a\n- b\n",
        [
            f"{EXP}:1: -: verwacht een groep velden met: "
            "municipality, status, phase, title, summary, domains, work_forms, target_group, organisations, "
            "financing, wage_level, wage_note, jobs, start, end, sources, maar vond een lijst"
        ],
    ),
    "two documents": (
        "municipality: delft\nstatus: actueel\n---\ntitle: x\n",
        [f"{EXP}:3: -: meer dan één YAML-document (---) in dit bestand; gebruik er één"],
    ),
    "non-UTF-8": (
        "municipality: delft\nstatus: actueel\ntitle: caf\xe9\n".encode("latin-1"),
        [f"{EXP}:3: -: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"],
    ),
    "huge file": (
        "municipality: delft\nstatus: actueel\n" + "# opvulling\n" * 30_000,
        [f"{EXP}:1: -: bestand is 351 KiB, meer dan de grens van 256 KiB; splits de inhoud op"],
    ),
    "deep nesting": (
        "municipality: delft\nstatus: actueel\ntitle: " + "[" * 20 + "]" * 20 + "\n",
        [f"{EXP}:3: -: te diep genest (meer dan 12 niveaus); maak de structuur platter"],
    ),
    "wrong type for a list of records": (
        "municipality: delft\nstatus: actueel\norganisations: Gemeente Delft\n",
        [
            f"{EXP}:3: organisations[0]: verwacht een groep velden met: name, role, url, maar vond de tekst 'Gemeente Delft'"
        ],
    ),
}


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


BAD_REPORTS = {
    "wrong status, yes for a boolean, period reversed, unknown theme": (
        "---\nround: 1\nstatus: klaar\nparel: yes\nperiod:\n  start: 2023-05-01\n  end: 2023-04-01\n---\nTekst\n",
        [
            f"{ROUND}:3: status: onbekende waarde 'klaar'; kies uit 'concept' of 'gepubliceerd'",
            f"{ROUND}:4: parel: verwacht true of false, maar vond 'yes'; schrijf precies true of false "
            "(niet ja/nee, yes/no of on/off)",
            f"{ROUND}:7: period.end: einde 2023-04-01 ligt voor begin 2023-05-01; verbeter een van beide",
        ],
    ),
    "unknown theme": (
        "---\nround: 1\nstatus: concept\nthemes:\n  - organisatie\n  - werknemer\n---\n",
        [
            f"{ROUND}:6: themes[1]: onbekend onderzoeksthema 'werknemer' (bedoel je 'werknemers'?); kies uit "
            "organisatie, werknemers of voeg het toe aan experiments/themas.yml"
        ],
    ),
    "round number differs from file name": (
        "---\nround: 2\nstatus: concept\n---\n",
        [f"{ROUND}:2: round: ronde 2 past niet bij de bestandsnaam ronde-1.md; maak ze gelijk"],
    ),
    "raw HTML in the findings": (
        "---\nround: 1\nstatus: concept\n---\n\nEerste regel.\n\nTekst met <iframe src=x>.\n",
        [
            f"{ROUND}:8: bevindingen: ruwe HTML ('<iframe'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld "
            "**vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "no front matter": (
        "Alleen tekst.\n",
        [
            f"{ROUND}:1: -: front matter ontbreekt; begin het bestand met een regel '---', de velden, en weer "
            "een regel '---'"
        ],
    ),
}


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

    from builders import ROOT

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
