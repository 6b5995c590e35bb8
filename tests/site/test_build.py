"""Layer (c): real `mkdocs build --strict` runs of the real, the demo and small fixture sites,
checked the way a reader, a browser and a crawler see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cases_content import EXPERIMENT
from htmlcheck import broken_internal_links, external_requests, parse, text_of
from macros.content.site import load_site
from macros.wiring.publish import MARKER
from support import ROOT, fixture_project, mkdocs_build, run_macros, snapshot, write_tree


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_real_site_has_a_page_for_every_record(real_site: Path) -> None:
    site = load_site(ROOT)
    # The overviews, and the privacy and accessibility statements a public site must have.
    pages = [
        "index.html",
        "experimenten/index.html",
        "experimenten/kaart/index.html",
        "experimenten/matrix/index.html",
        "rondes/index.html",
        "colleges/index.html",
        "publicaties/index.html",
        "privacy/index.html",
        "toegankelijkheid/index.html",
    ]
    pages += [f"experimenten/{e.slug}/index.html" for e in site.experiments]
    pages += [f"experimenten/gemeente/{e.municipality}/index.html" for e in site.experiments]
    pages += [f"rondes/{r.slug}/index.html" for r in site.rounds.values()]
    pages += [f"colleges/{lecture.id}/index.html" for lecture in site.lectures]
    pages += [f"publicaties/{p.id}/index.html" for p in site.publications]
    assert [page for page in pages if not (real_site / page).is_file()] == []


def test_real_profiles_show_their_facts_and_their_state(real_site: Path) -> None:
    """Each real profile: its title, its municipality with province and CBS code, its sources, the
    preparation notice exactly while it is in preparation, and the empty state without findings."""
    site = load_site(ROOT)
    assert site.experiments
    for experiment in site.experiments:
        text = text_of(real_site / f"experimenten/{experiment.slug}/index.html")
        municipality = site.municipality_of(experiment)
        assert site.title_of(experiment) in text, experiment.slug
        assert f"{municipality.name} ({municipality.province}, CBS-code {municipality.cbs_code})" in text
        assert ("Dit profiel wordt voorbereid" in text) == (experiment.status == "in voorbereiding"), experiment.slug
        assert ("Op deze site staan geen bevindingen van dit experiment." in text) == (
            not experiment.published_reports
        ), experiment.slug
        for source in experiment.sources:
            assert " ".join(source.label.split()) in text, (experiment.slug, source.label)
        assert "fictie" not in text.lower(), experiment.slug


def test_real_pages_are_dutch_and_not_marked_fictional(real_site: Path) -> None:
    for page in html_pages(real_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="nl"' in html, page
        assert "ww-demo-banner" not in html, page


def test_every_demo_page_carries_the_fictional_banner(demo_site: Path) -> None:
    pages = html_pages(demo_site)
    assert len(pages) > 20
    for page in pages:
        assert "Fictieve voorbeeldinhoud." in page.read_text(encoding="utf-8"), page


def test_demo_profile_shows_every_field(demo_site: Path) -> None:
    text = text_of(demo_site / "experimenten/wijkconcierges-demowijk/index.html")
    for expected in [
        "Wijkconciërges Demowijk",
        "Demowijk (Groningen, CBS-code GM9901)",
        "lopend",
        "vanaf 15 januari 2025",
        "werk in de wijk",
        "transitieplek",
        "Mensen die langer dan",
        "minimumloon; 32 uur per week",
        "Stichting Buurtwerk Demowijk (werkgever)",
        "Gemeente Demowijk (uitkeringsgelden): de uitkering wordt omgezet in loon",
        "gerealiseerd 9 30 september 2025 Voortgangsrapportage (fictief)",
        "kernexperiment in deze ronde",
        "1 april 2025 – 30 juni 2025",
        "interviews, observatie",
        "Negen van de twaalf plekken",
        "Betekenis voor belanghebbenden",
        "geraadpleegd 1 oktober 2025",
    ]:
        assert expected in text, expected


def test_drafts_are_left_out(demo_site: Path) -> None:
    for page in html_pages(demo_site):
        assert "Concepttekst" not in page.read_text(encoding="utf-8"), page
    assert "Concepttekst" not in (demo_site / "search/search_index.json").read_text(encoding="utf-8")


def test_template_syntax_in_content_is_shown_as_text(demo_site: Path) -> None:
    page = (demo_site / "experimenten/wijkconcierges-demowijk/index.html").read_text(encoding="utf-8")
    assert "<code>{{ config }}</code>" in page
    assert "<code>&lt;script&gt;</code>" in page


def test_overview_rows_and_filters(demo_site: Path) -> None:
    page = demo_site / "experimenten/index.html"
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-filter-item data-gemeente=\"([^\"]*)\" data-domein=\"([^\"]*)\"", html)
    assert len(rows) == 7
    assert ("demowijk", "werk-in-de-wijk zorg") in rows
    assert '<select id="ww-filter-domein" name="domein">' in html
    assert (
        '<form class="ww-filter" id="ww-filter" data-target="ww-experiments" data-noun="experimenten" hidden>' in html
    )
    facet = text_of(demo_site / "experimenten/domein/klimaattransitie/index.html")
    assert "2 van de 7 profielen" in facet
    assert "Groene Handen & Schone Straten" in facet and "Energiecoaches Testerveen" in facet
    assert "Zorgmaatjes" not in facet.split("Bladeren per kenmerk")[0]
    parels = text_of(demo_site / "experimenten/parel/ja/index.html")
    assert "4 van de 7 profielen" in parels


def test_round_page_lists_parels_and_findings(demo_site: Path) -> None:
    text = text_of(demo_site / "rondes/ronde-2/index.html")
    assert "Parels Groene Handen & Schone Straten, Herstelwerkplaats Plus" in text
    assert "Uit een verzonnen vragenlijst" in text
    assert "Een reflectiebijeenkomst per parel" in text
    assert "Het tweede openbaar college" in text


def test_matrix_links_each_theme_to_findings(demo_site: Path) -> None:
    html = (demo_site / "experimenten/matrix/index.html").read_text(encoding="utf-8")
    assert (
        'href="../wijkconcierges-demowijk/#ronde-1" aria-label="Organisatie in Wijkconciërges Demowijk, ronde 1"'
        in html
    )
    section = html.split('id="ronde-3"')[1]
    assert section.count('class="ww-matrix__hit"') == 4


def test_map_places_every_municipality_with_experiments(demo_site: Path) -> None:
    html = (demo_site / "experimenten/kaart/index.html").read_text(encoding="utf-8")
    labels = re.findall(r'class="ww-map__place" aria-label="([^"]+)"', html)
    assert labels == [
        "Demowijk: 1 experiment",
        "Oefenstad: 1 experiment",
        "Proefhoven: 3 experimenten",
        "Testerveen: 1 experiment",
        "Voorbeelddam: 1 experiment",
    ]
    assert 'href="../gemeente/proefhoven/"' in html


def test_edit_links_open_the_source_file(real_site: Path, demo_site: Path) -> None:
    for experiment in load_site(ROOT).experiments:
        assert f'edit/main/{experiment.path}"' in (real_site / f"experimenten/{experiment.slug}/index.html").read_text(
            encoding="utf-8"
        )
    assert 'edit/main/demo/experiments/wijkconcierges-demowijk/experiment.yml"' in (
        demo_site / "experimenten/wijkconcierges-demowijk/index.html"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_broken_internal_links_or_anchors(which, real_site: Path, demo_site: Path) -> None:
    assert broken_internal_links(real_site if which == "real" else demo_site) == []


@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_third_party_requests(which, real_site: Path, demo_site: Path) -> None:
    assert external_requests(real_site if which == "real" else demo_site) == []


@pytest.mark.parametrize("which", ["real", "demo"])
def test_the_preview_is_the_deployed_site(which, real_site: Path, demo_site: Path, tmp_path: Path) -> None:
    """MkDocs with the hooks (a plain `mkdocs build`; `mkdocs serve` too, but for its own address and
    live-reload script) makes the very files `python -m macros build` deploys, byte for byte, but the
    build's marker. Before, its pages were not folder pages: "Over het project" was a label above
    its page in the preview and the page itself in the deployed menu, and the search index and the
    sitemap listed the pages in another order."""
    deployed = snapshot(real_site if which == "real" else demo_site)
    assert deployed.pop(MARKER)
    result = mkdocs_build(ROOT / ("mkdocs.yml" if which == "real" else "mkdocs.demo.yml"), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    preview = snapshot(tmp_path / "site")
    assert sorted(set(preview) ^ set(deployed)) == []
    assert sorted(rel for rel in preview if preview[rel] != deployed[rel]) == []


def test_profiles_stay_out_of_the_navigation(demo_site: Path) -> None:
    html = (demo_site / "experimenten/kaart/index.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "wijkconcierges-demowijk" not in nav


PAYLOAD = '"<img src=x onerror=alert(1)> & {{ 7*7 }} {% raw %} *x* [a](javascript:b)"'


def test_injection_in_content_is_escaped_everywhere(tmp_path: Path) -> None:
    config = fixture_project(
        tmp_path,
        {
            "experiments/x/experiment.yml": f"title: {PAYLOAD}\nmunicipality: delft\nstatus: actueel\n"
            f"target_group: {PAYLOAD}\n",
            "experiments/x/ronde-1.md": "---\nround: 1\nstatus: gepubliceerd\n---\n{{ 7*7 }} {% if true %}x{% endif %}\n",
            "experiments/themas.yml": f"organisatie:\n  title: {PAYLOAD}\n  question: {PAYLOAD}\n",
            "lectures/c.md": f"---\ntitle: {PAYLOAD}\nround: 1\nstatus: gehouden\nstart: 2024-05\nsummary: {PAYLOAD}\n---\n"
            "{{ 7*7 }} {{ config }}\n",
            "publications/p.yml": f"type: rapport\ntitle: {PAYLOAD}\nauthors:\n  - family: {PAYLOAD}\ndate: 2024\n"
            "abstract: '{{ 7*7 }}'\n",
        },
    )
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "49" not in text_of(page), page
    profile = site / "experimenten/x/index.html"
    assert "{{ 7*7 }} {% if true %}x{% endif %}" in text_of(profile)
    assert "{{ 7*7 }} {{ config }}" in text_of(site / "colleges/c/index.html")
    assert "{{ 7*7 }}" in text_of(site / "publicaties/p/index.html")
    # Downloads are not HTML: there the title is kept as written, in that format's own escaping.
    import json

    assert json.loads((site / "publicaties/p/p.json").read_text(encoding="utf-8"))[0]["title"] == PAYLOAD.strip('"')
    assert "<title>&lt;img src=x onerror=alert(1)&gt; &amp; {{ 7*7 }}" in profile.read_text(encoding="utf-8")
    assert all("javascript:" not in url for _, url in parse(profile).links)


def test_content_error_stops_the_build_before_touching_the_site(tmp_path: Path) -> None:
    config = fixture_project(tmp_path, {"experiments/x/experiment.yml": EXPERIMENT})
    site = tmp_path / "site"
    assert mkdocs_build(config, site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    broken = tmp_path / "experiments/x/experiment.yml"
    broken.write_text("municipality: delft\nstatus: klaar\nstart: morgen\n", encoding="utf-8")
    result = mkdocs_build(config, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "experiments/x/experiment.yml:2: status: onbekende waarde 'klaar'" in output
    assert "experiments/x/experiment.yml:3: start: verwacht een jaar (2023)" in output
    assert "2 problemen gevonden in de inhoud; er is niets gepubliceerd." in output
    assert "Traceback" not in output
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert broken.read_text(encoding="utf-8") == "municipality: delft\nstatus: klaar\nstart: morgen\n"


def test_check_command_reports_problems_without_building(tmp_path: Path) -> None:
    write_tree(tmp_path, {"experiments/x/experiment.yml": "municipality: delft\nstatus: klaar\n"})
    result = run_macros("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2].endswith(
        "experiments/x/experiment.yml:2: status: onbekende waarde 'klaar'; kies uit 'in voorbereiding' of 'actueel'"
    )
    ok = run_macros("check")
    assert ok.returncode == 0
    site = load_site(ROOT)
    reports = sum(len(e.reports) for e in site.experiments)
    assert ok.stdout.startswith(
        f"inhoud in orde: {_n(len(site.experiments), 'experiment', 'experimenten')}, "
        f"{_n(reports, 'rondeverslag', 'rondeverslagen')}, "
        f"{_n(len(site.lectures), 'college', 'colleges')} ("
    )


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def test_build_report_notes_are_formatted_in_one_place() -> None:
    """Each report line is a structured note; a note about a file names it relative to the
    repository in the log and relative to the content root on the report page, text untouched."""
    from macros.pages.report import Note

    note = Note("lecture", "college 'A // B' is voorbij maar mist nog: verslag", "lectures/c.md")
    assert note.line("demo") == "demo/lectures/c.md: college 'A // B' is voorbij maar mist nog: verslag"
    assert note.line(".") == str(note) == "lectures/c.md: college 'A // B' is voorbij maar mist nog: verslag"
    whole_site = Note("privacy", "privacyscan: geen persoonsgegevens gevonden")
    assert whole_site.line("demo") == str(whole_site) == "privacyscan: geen persoonsgegevens gevonden"
