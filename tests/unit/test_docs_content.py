"""Hand-written pages and news posts (`docs/`) are content: every rule that holds for
experiments, lectures and publications holds for them, in `make check` and in the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builders import ROOT, build_in_process, write_tree
from cases_content import EXPERIMENT, REPORT
from test_loader import EXP, ROUND
from test_trust import built, tree_bytes  # noqa: F401  (the fixture project with one good build)

POST = "docs/actueel/posts/bericht.md"
POST_HEAD = "---\ndate: 2025-10-06\nslug: bericht\n---\n\n# Bericht\n\n"
PAGE = "docs/over.md"
# Hand-written pages and news posts: the same rules as every other content file.
BAD_DOCS = {
    "page: raw script": (
        {PAGE: "# Over\n\n<script>alert(1)</script>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: img onerror": (
        {PAGE: "# Over\n\nTekst <img src=x onerror=alert(1)>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<img'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: iframe": (
        {PAGE: "# Over\n\n<iframe src=https://evil.example/></iframe>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<iframe'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: javascript link": (
        {PAGE: "# Over\n\n[klik](javascript:alert(1))\n"},
        [
            "docs/over.md:3: tekst: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: (link: 'javascript:alert(1')"
        ],
    ),
    "page: entity javascript link": (
        {PAGE: "# Over\n\n[klik](javascript&colon;alert(1))\n"},
        [
            "docs/over.md:3: tekst: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: (link: 'javascript&colon;alert(1')"
        ],
    ),
    "page: slash backslash link": (
        {PAGE: "# Over\n\n[x](/\\evil.example/pad)\n"},
        ["docs/over.md:3: tekst: link zonder schema ('//host'); begin met https:// (link: '/\\\\evil.example/pad')"],
    ),
    "page: backslash slash link": (
        {PAGE: "# Over\n\n[x](\\/evil.example)\n"},
        ["docs/over.md:3: tekst: link zonder schema ('//host'); begin met https:// (link: '\\\\/evil.example')"],
    ),
    "page: reference link off site": (
        {PAGE: "# Over\n\n[x][r]\n\n[r]: //evil.example\n"},
        ["docs/over.md:5: tekst: link zonder schema ('//host'); begin met https:// (link: '//evil.example')"],
    ),
    "page: jinja expression": (
        {PAGE: "# Over\n\n{{ config.extra }}\n"},
        [
            "docs/over.md:3: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: jinja statement": (
        {PAGE: "# Over\n\n{% include 'x' %}\n"},
        [
            "docs/over.md:3: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: unknown block": (
        {PAGE: "# Over\n\n{{ secrets() }}\n"},
        [
            "docs/over.md:3: tekst: onbekende bouwsteen 'secrets'; kies uit 'site_contact', 'site_hosting', 'project_status', 'project_plan', 'municipality_list', 'round_list', 'theme_list', 'latest_news' of 'news_status', op een eigen regel, zoals {{ round_list() }}"
        ],
    ),
    "page: attribute list": (
        {PAGE: '# Over {: onclick="alert(1)" }\n'},
        [
            "docs/over.md:1: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: brackets that make the build quadratic": (
        {PAGE: "# Over\n\n" + "[" * 24000 + "\n"},
        [
            "docs/over.md:3: tekst: de tekst heeft 24000 keer '[', meer dan 1000; zo veel haken maken de site "
            "onevenredig traag om te bouwen; haal ze weg"
        ],
    ),
    "page: render_macros": (
        {PAGE: "---\nrender_macros: true\n---\n# Over\n"},
        ["docs/over.md:2: render_macros: onbekend veld; toegestaan zijn: title, description, hide"],
    ),
    "page: template field": (
        {PAGE: "---\ntemplate: main.html\n---\n# Over\n"},
        ["docs/over.md:2: template: onbekend veld; toegestaan zijn: title, description, hide"],
    ),
    "page: bidi character": (
        {PAGE: "# Over\n\nTekst \u202e omgekeerd\n"},
        [
            "docs/over.md:3: tekst: bevat een onzichtbaar of richting-wisselend teken (U+202E); verwijder het (typ de tekst opnieuw)"
        ],
    ),
    "page: BSN": (
        {PAGE: "# Over\n\nBSN 111222333.\n"},
        [
            "docs/over.md:3: privacy: mogelijk BSN (negen cijfers die de elfproef halen); haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "page: description breaks out": (
        {PAGE: "---\ndescription: |\n  twee\n  regels\n---\n# Over\n"},
        ["docs/over.md:2: description: verwacht tekst op één regel; haal de regeleinden weg"],
    ),
    "post: raw script": (
        {POST: POST_HEAD + "<script>alert(1)</script>\n"},
        [
            "docs/actueel/posts/bericht.md:8: tekst: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "post: phone number": (
        {POST: POST_HEAD + "Bel 06-12345678.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: telefoonnummer; haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: IBAN": (
        {POST: POST_HEAD + "Rekening NL91ABNA0417164300.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: IBAN (rekeningnummer); haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: home address": (
        {POST: POST_HEAD + "Woont op Dorpsstraat 12, 1234 AB Ergens.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: adres met postcode en huisnummer; haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: no heading": (
        {POST: "---\ndate: 2025-10-06\nslug: bericht\n---\n\nTekst.\n"},
        ["docs/actueel/posts/bericht.md:6: tekst: een bericht begint met een kop: '# Titel'"],
    ),
    "page: MultiMarkdown meta instead of front matter": (
        {PAGE: "status: <img src=x onerror=alert(1)>\ntemplate: redirect.html\n\n# Over\n"},
        [
            "docs/over.md:1: tekst: de eerste regel ('status: …') leest als een instelling van de pagina (MultiMarkdown); "
            "zet instellingen tussen twee regels '---' bovenaan, of begin de pagina met een kop ('# Titel')"
        ],
    ),
    "page: lists nested hundreds deep (Markdown would fail with RecursionError)": (
        {PAGE: "# Over\n\n" + "\n".join("\t" * level + "- x" for level in range(300)) + "\n"},
        [
            "docs/over.md:14: tekst: lijsten of citaten zijn hier dieper genest dan 10 niveaus; zo diep leest "
            "niemand en Markdown kan het niet verwerken; maak de structuur platter"
        ],
    ),
    "post: unknown field": (
        {POST: "---\ndate: 2025-10-06\nslug: bericht\ndraft: true\n---\n# B\n"},
        [
            "docs/actueel/posts/bericht.md:4: draft: onbekend veld (bedoel je 'date'?); toegestaan zijn: date, slug, description, authors"
        ],
    ),
}


# Every case above runs through `make check` (below); one page and one post also through a full build.
FULL_BUILD = {
    name: BAD_DOCS[name]
    for name in ("page: jinja expression", "post: raw script", "page: MultiMarkdown meta instead of front matter")
}


@pytest.mark.parametrize("files, expected", FULL_BUILD.values(), ids=FULL_BUILD.keys())
def test_bad_docs_fail_the_build_and_keep_the_previous_site(built, capsys, files, expected) -> None:  # noqa: F811
    config, site = built
    root = config.parent
    before_site = tree_bytes(site)
    write_tree(root, files, registries=False)
    code, output = build_in_process(config, site, capsys)
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith("docs/")] == expected
    assert "Traceback" not in output
    assert tree_bytes(site) == before_site


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize("files, expected", BAD_DOCS.values(), ids=BAD_DOCS.keys())
def test_make_check_reads_pages_and_posts(tmp_path: Path, files, expected) -> None:
    write_tree(tmp_path, {"docs/index.md": "# Test\n", EXP: EXPERIMENT, ROUND: REPORT, **files})
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == expected


@pytest.mark.parametrize("name", ["x.js", "pagina.html", "logo.svg", "stijl.css"])
def test_only_markdown_images_and_pdfs_sit_in_docs(tmp_path: Path, name: str) -> None:
    write_tree(tmp_path, {"docs/index.md": "# Test\n", f"docs/{name}": "alert(1)\n", EXP: EXPERIMENT, ROUND: REPORT})
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"docs/{name}:1: -: alleen Markdown (.md), afbeeldingen")


def test_building_blocks_and_code_are_fine(tmp_path: Path) -> None:
    """Blocks on their own line, template syntax in code, and the post excerpt marker pass."""
    write_tree(
        tmp_path,
        {
            "docs/index.md": "# Test\n\n{{ round_list() }}\n\n{{ latest_news(2) }}\n\nSchrijf `{{ round_list() }}`.\n\n"
            "```\n{% include 'x' %}\n```\n",
            "docs/actueel/posts/b.md": "---\ndate: 2025-10-06\nslug: b\n---\n# B\n\nKort.\n\n<!-- more -->\n\nLang.\n",
            EXP: EXPERIMENT,
            ROUND: REPORT,
        },
    )
    result = check(tmp_path)
    assert result.returncode == 0, result.stderr


def test_an_image_name_in_docs_is_scanned_for_personal_data(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"docs/index.md": "# Test\n", "docs/pasfoto-111222333.png": b"\x89PNG\r\n", EXP: EXPERIMENT, ROUND: REPORT},
    )
    result = check(tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("docs/pasfoto-111222333.png:1: bestandsnaam: ")


def test_every_allowed_building_block_is_made_and_only_block_lines_change() -> None:
    """The names the check allows (content layer) are exactly the blocks the build makes (pages
    layer); each expands to its own Markdown, and a line that is not a known block stays as written."""
    from macros.base.clock import build_time
    from macros.content.handwritten import BLOCKS
    from macros.content.site import load_site
    from macros.pages.blocks import RENDERERS, expand_blocks
    from macros.pages.render import Settings

    assert list(RENDERERS) == list(BLOCKS)
    site = load_site(ROOT / "demo")
    settings = Settings(site_url="https://example.org/", now=build_time())
    for name, block in BLOCKS.items():
        call = f"{{{{ {name}({'2' if block.takes_count else ''}) }}}}"
        expanded = expand_blocks(f"# Kop\n\n{call}\n\nSchrijf `{call}`.", site, "index.md", settings)
        head, _, rest = expanded.partition("\n\n")
        body, _, tail = rest.rpartition("\n\n")
        assert head == "# Kop" and tail == f"Schrijf `{call}`." and body.strip() and "{{" not in body, name
    assert (
        expand_blocks("{{ secrets() }}\n{{round_list()}} tekst", site, "index.md", settings)
        == "{{ secrets() }}\n{{round_list()}} tekst"
    )


def test_news_post_fields_the_blog_would_refuse_are_checked_or_built(built, capsys) -> None:  # noqa: F811
    """A quoted date, a numeric slug, authors as text: Material's blog refuses each (with a traceback);
    the check reads them with its own kinds and the export hands the blog a date and a text slug."""
    config, site = built
    write_tree(
        config.parent,
        {
            "docs/actueel/index.md": "# Actueel\n",
            POST: '---\ndate: "2025-10-06"\nslug: 2025\nauthors: Redactie\n---\n# Bericht\n\nTekst.\n',
        },
        registries=False,
    )
    code, output = build_in_process(config, site, capsys)
    assert "Traceback" not in output
    assert code == 0, output
    assert (site / "actueel/2025/index.html").is_file()
