"""The output gate: what readers and programs receive is checked, not only what was written.

Each class of input that becomes personal data only after rendering fails the real build
(`python -m macros build`: check -> export -> engine -> verify -> publish) with the output file and
the source line, never the value, and publishes nothing; a value planted in a built site fails
`python -m macros verify`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builders import BUILD_EPOCH, ENV, ROOT, build_in_process, fixture_project
from cases_content import EXPERIMENT, REPORT
from macros.wiring import cli

EXP = "experiments/x/experiment.yml"
ROUND = "experiments/x/ronde-1.md"
FIX = "haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
BSN = "mogelijk BSN (negen cijfers die de elfproef halen)"
EMAIL = "e-mailadres van een persoon (alleen rol-adressen van het project mogen)"
PHONE = "telefoonnummer"

# Text that the source check passes, what it becomes after rendering, and whether the open data
# (plain text: a link's address is left out) carries it too.
RENDERED_ONLY = {
    "BSN split by emphasis": ("Nummer 123**456**782 genoemd.", BSN, "123456782", True),
    "e-mail with an entity for the at sign": ("Schrijf jan.jansen&#64;gmail.com gerust.", EMAIL, "jan.jansen", True),
    "phone number inside a link": ("Stuur [een bericht](https://wa.me/31612345678).", PHONE, "612345678", False),
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def make(files: dict[str, str]) -> Path:
        return fixture_project(tmp_path / "project", {EXP: EXPERIMENT, ROUND: REPORT, **files})

    return make


@pytest.mark.parametrize("text, what, value, in_data", RENDERED_ONLY.values(), ids=RENDERED_ONLY.keys())
def test_personal_data_that_appears_only_after_rendering_fails_the_build(
    project, capsys, text, what, value, in_data
) -> None:
    config = project({ROUND: REPORT + f"\nTweede alinea.\n{text}\n"})
    assert cli.main(["check", "--root", str(config.parent)]) == 0  # the source check passes it
    site = config.parent / "site"
    code, output = build_in_process(config, site, capsys)
    assert code == 1, output
    assert not site.exists()  # nothing published
    lines = [line for line in output.splitlines() if f"← {ROUND}:10: privacy: {what}; {FIX}" in line]
    published = {line.split(" ← ")[0] for line in lines}
    assert "site/experimenten/x/index.html" in published, output
    assert any(p.startswith("site/data/") for p in published) == in_data, output
    assert value not in output.replace(" ", "")


def test_a_news_post_whose_slug_is_a_bsn_fails_on_its_address(project, capsys) -> None:
    post = "docs/actueel/posts/bericht.md"
    config = project(
        {
            "docs/actueel/index.md": "# Actueel\n",
            post: "---\ndate: 2024-05-16\nslug: nummer-123456782\n---\n# Bericht\n\nTekst.\n",
        }
    )
    code, output = build_in_process(config, config.parent / "site", capsys)
    assert code == 1, output
    assert f"site/actueel/…/index.html ← {post}:3: bestandsnaam: {BSN}" in output, output
    assert "123456782" not in output
    assert not (config.parent / "site").exists()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("gate") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "-f", "mkdocs.demo.yml", "-d", str(site)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Uitvoer gecontroleerd in" in result.stderr
    return site


def verify(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "verify", str(site), "-f", "mkdocs.demo.yml"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )


def test_the_built_demo_passes_the_gate(demo_site: Path) -> None:
    result = verify(demo_site)
    assert result.returncode == 0, result.stderr
    assert "uitvoer in orde" in result.stdout


def planted(demo_site: Path, tmp_path: Path, path: str, old: str, new: str) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    target = site / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return verify(site)


PLANTED = {
    "BSN in an HTML attribute": ("team/index.html", "<h1", '<h1 title="Nummer 123&#52;56782"', f"privacy: {BSN}"),
    "e-mail in a CSV cell": ("data/experimenten.csv", "\n", "\njan.jansen@gmail.com,", f"privacy: {EMAIL}"),
    "other-origin image": (
        "rondes/ronde-1/index.html",
        "</article>",
        '<img src="https://cdn.example.net/x.png"></article>',
        'herkomst: <img src="https://cdn.example.net/x.png">',
    ),
    "other-origin stylesheet in the theme's place": (
        "index.html",
        "</head>",
        '<link rel="stylesheet" href="//fonts.example.net/a.css"></head>',
        "herkomst: <link href=",
    ),
    "broken internal link": (
        "rondes/ronde-1/index.html",
        "</article>",
        '<a href="../nergens/">x</a></article>',
        "link: de link '../nergens/' leidt naar een pagina of bestand dat de site niet heeft",
    ),
    "missing anchor": (
        "rondes/ronde-1/index.html",
        "</article>",
        '<a href="../../team/#bestaat-niet">x</a></article>',
        "dat die pagina niet heeft",
    ),
    "BSN in an Atom feed entry": ("publicaties/feed.xml", "<title>", "<title>123 456 782 ", f"privacy: {BSN}"),
    "phone number in a calendar": (
        "colleges/colleges.ics",
        "DESCRIPTION:",
        "DESCRIPTION:Bel 06-1234\r\n 5678 ",
        f"privacy: {PHONE}",
    ),
    "demo page without its banner": (
        "team/index.html",
        "Fictieve voorbeeldinhoud.",
        "Voorbeeld.",
        "fictief: de pagina mist de band",
    ),
    "demo record without its mark": (
        "data/experimenten.json",
        '"fictief": true',
        '"echt": true',
        "fictief: zegt niet (bij elk item) dat de inhoud verzonnen is",
    ),
}


@pytest.mark.parametrize("path, old, new, expected", PLANTED.values(), ids=PLANTED.keys())
def test_a_value_planted_in_a_built_site_fails_verify(demo_site, tmp_path, path, old, new, expected) -> None:
    result = planted(demo_site, tmp_path, path, old, new)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{tmp_path / 'site'}/{path}")]
    assert any(expected in line for line in lines), result.stderr
    assert "123456782" not in result.stderr.replace(" ", "") and "jan.jansen" not in result.stderr
