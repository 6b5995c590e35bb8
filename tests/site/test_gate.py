"""The output gate: what readers and programs receive is checked, not only what was written.

Each class of input that becomes personal data only after rendering fails the real build
(`python -m macros build`: check -> export -> engine -> verify -> publish) with the output file and
the source line, never the value, and publishes nothing; a value planted in a built site fails
`python -m macros verify`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cases_content import EXPERIMENT, REPORT
from macros.wiring import cli
from support import BUILD_EPOCH, ROOT, build_in_process, demo_project, edit, fixture_project, run_macros

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


def verify(site: Path) -> subprocess.CompletedProcess:
    return run_macros("verify", str(site), "-f", "mkdocs.demo.yml")


def test_the_built_demo_passes_the_gate(demo_site: Path) -> None:
    result = verify(demo_site)
    assert result.returncode == 0, result.stderr
    assert "uitvoer in orde" in result.stdout


def test_a_page_that_changed_after_it_was_read_beside_the_engine_hides_nothing(demo_site, tmp_path) -> None:
    """Beside the engine the gate reads a line of the theme's chrome once, on the first page that has
    it. If that page is written again without the line, the line still stands on the other pages,
    whose results are reused: the gate then reads every page again and still finds it."""
    from macros.wiring.verify import Reader, _digest, verify_site

    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    first, second = "rondes/ronde-1/index.html", "team/index.html"  # read in this order
    line = '<div class="md-banner" title="Nummer 123 456 782"></div>\n'
    for page in (first, second):
        edit(site / page, "<body", line + "<body", -1)
    url = "https://demo.waardevol-werk.example/"
    reader = Reader(site, frozenset(), url, True, fix_tabindex=True)
    known = {}
    for page in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        data = (site / page).read_bytes()
        known[page] = (_digest(data), reader.read(page, data, write_fix=False))
    assert [f.output for r in (known[first][1], known[second][1]) for f in r.findings] == [first]  # read once
    edit(site / first, line, "", -1)  # written again, without the line
    problems = verify_site(site, site_url=url, demo=True, known=known, fix_tabindex=True)
    assert any(p.startswith(f"site/{second}: privacy: {BSN}") for p in problems), problems


def test_the_gate_beside_the_engine_stops_waiting_when_the_engine_ends(tmp_path: Path) -> None:
    """While no page is ready the gate pauses by waiting for the engine, so it ends with the engine,
    not up to a pause later (a plain sleep of 0.2 s cost each build about 0.1 s)."""
    from macros.wiring import verify

    waits: list[float] = []

    def running(seconds: float) -> bool:  # the engine ends during the second call
        waits.append(seconds)
        return len(waits) < 2

    known: dict = {}
    verify.read_while(running, tmp_path, known, ["index.html"], site_url="https://x.example/", demo=False)
    assert waits == [0, 0.2] and known == {}  # looked, paused by waiting for the engine, which ended


def test_running_returns_as_soon_as_the_engine_ends(tmp_path: Path, monkeypatch) -> None:
    """`running(seconds)`, as the build gives it to the gate, returns as soon as the engine ends."""
    from macros.wiring import publish

    engine = "import sys, time; sys.stdin.readline(); time.sleep(0.3)"  # told "go", builds for 0.3 s
    monkeypatch.setattr(publish, "engine_command", lambda name, config: [sys.executable, "-c", engine])
    config = tmp_path / "export" / "mkdocs.yml"
    (config.parent / "site").mkdir(parents=True)

    def meanwhile(running) -> tuple[bool, bool, float]:
        started = time.monotonic()
        return running(0), running(60), time.monotonic() - started

    _, (before, after, took) = publish.Engine("mkdocs", config).run(meanwhile)
    assert before and not after and took < 30, took


def planted(demo_site: Path, tmp_path: Path, path: str, old: str, new: str) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    edit(site / path, old, new, -1)
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


# Files no page links to, which a browser still runs scripts in when they are opened.
XHTML = "http://www.w3.org/1999/xhtml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:l="http://www.w3.org/1999/xlink"'
PLANTED_FILES = {
    "logo.svg": (f'{SVG} onload="x()"/>\n', "uitvoerbaar: <… onload=…>"),
    "oud.htm": ("<p>Oud</p><script>x()</script>\n", "uitvoerbaar: <script>"),
    "GROOT.HTM": ("<p>Oud</p><script>x()</script>\n", "uitvoerbaar: <script>"),
    "assets/images/thema.svg": (f'{SVG} onload="x()"/>\n', "uitvoerbaar: <… onload=…>"),
    "xhtml.svg": (f"{SVG}><h:script>x()</h:script></svg>\n", "uitvoerbaar: <script>"),
    "xlink.svg": (f'{SVG}><a l:href="javascript:x()"><text>a</text></a></svg>\n', 'uitvoerbaar: l:href="javascript:…"'),
    "entiteit.svg": (
        f'<!DOCTYPE svg [<!ENTITY j "javascript:x()">]>{SVG}><a href="&j;"><text>a</text></a></svg>\n',
        "uitvoerbaar: <!ENTITY>",
    ),
    "beeld.svg": (f'{SVG}><image href="https://elders.example/a.png"/></svg>\n', "herkomst: <image href="),
    # XML names may start with "_": under the XHTML namespace these run and fetch as their HTML namesakes.
    "laag-script.svg": (f"{SVG} xmlns:_='{XHTML}'><_:script>x()</_:script></svg>\n", "uitvoerbaar: <script>"),
    "laag-script-rect.svg": (
        f"{SVG} xmlns:_='{XHTML}'><_:script>x()</_:script><rect/></svg>\n",
        "uitvoerbaar: <script>",
    ),
    "laag-img.svg": (f"{SVG} xmlns:_='{XHTML}'><_:img src='x' onerror='x()'/></svg>\n", "uitvoerbaar: <… onerror=…>"),
    "laag-beeld.svg": (
        f"{SVG} xmlns:_='{XHTML}'><_:img src='https://elders.example/b.png'/></svg>\n",
        "herkomst: <_:img src=",
    ),
    "stijl.svg": (f'<?xml-stylesheet href="https://elders.example/s.css"?>{SVG}/>\n', "herkomst: <?xml-stylesheet"),
    "knoop.svg": (f"{SVG} xmlns:_='{XHTML}'>" + "<_:script " * 1_000 + "</svg>\n", "opmaak: zo veel tags in tags"),
}


@pytest.fixture(scope="module")
def all_planted(demo_site, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the built demo with every value of PLANTED and PLANTED_MORE planted, verified once:
    the gate lists every problem of every file in one run, so each case finds its own line there."""
    site = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(demo_site, site)
    for path, old, new, _ in (*PLANTED.values(), *PLANTED_MORE.values()):
        edit(site / path, old, new, -1)
    for path, (text, _) in PLANTED_FILES.items():
        (site / path).write_text(text, encoding="utf-8")
    return site, verify(site)


def planted_lines(all_planted, path: str) -> list[str]:
    """The gate's lines about one output file of the planted copy (after checking how the run ended)."""
    site, result = all_planted
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith(f"{site}/{path}:")]


@pytest.mark.parametrize("path, old, new, expected", PLANTED.values(), ids=PLANTED.keys())
def test_a_value_planted_in_a_built_site_fails_verify(all_planted, path, old, new, expected) -> None:
    lines = planted_lines(all_planted, path)
    assert any(expected in line for line in lines), all_planted[1].stderr
    output = all_planted[1].stderr
    assert "123456782" not in output.replace(" ", "") and "jan.jansen" not in output


# --- found by a hostile review: each through the real build of a copy of the demo ------------------


def demo_copy(root: Path, pages: dict[str, str], files: dict[str, str] | None = None) -> tuple[int, str, Path]:
    """The demo with a hand-written page per entry of `pages` (name: Markdown), and `files` written,
    built by `python -m macros build`: (exit code, output, site folder)."""
    demo_project(root)
    for name, text in pages.items():
        (root / f"demo/docs/{name}.md").write_text(f"---\ntitle: {name}\n---\n\n# {name}\n\n{text}\n", encoding="utf-8")
    for path, text in (files or {}).items():
        (root / path).write_text(text, encoding="utf-8")
    site = root / "site"
    result = run_macros("build", "-f", "mkdocs.demo.yml", "-d", str(site), cwd=root)
    return result.returncode, result.stdout + result.stderr, site


SET_FREE = {  # text a removed tag sets free, then an engine would read as Markdown with attr_list
    "event handler by attribute list": (
        '<section\n>\n![x](actueel/index.md)&#123;: onerror="alert(document.domain)" }\n</section\n>',
        " onerror=",
    ),
    "javascript link": (
        "<section\n>\n[klik hier]&#40;javascript:alert(document.domain))\n</section\n>",
        'href="javascript',
    ),
    "style that fetches": (
        "<section\n>\nTekst\n&#123;: style=\"background-image:image-set('https://evil.example/a.png' 1x)\" }\n</section\n>",
        " style=",
    ),
}
# A title whose words stand in attribute values (the link preview, the description) like attributes
# would: "onderwijs =" and, escaped, "<svg onload=…>" are text there, not markup.
TITLE = "'Buurtkamer Voorbeelddam: werk en onderwijs = samen, <svg onload=alert(1)>'"
THEME_IDS = "## __config\n\nTekst.\n\n## search\n\nMeer."  # headings named like ids the theme uses


@pytest.fixture(scope="module")
def passing_copy(tmp_path_factory) -> tuple[int, str, Path]:
    """One build of the demo with every case that must pass the gate, each on a page of its own: the
    texts a sanitiser sets free, headings named like the theme's ids, a public venue address."""
    lecture = ROOT / "demo/lectures/demo-college-ronde-1.md"
    text = lecture.read_text(encoding="utf-8")
    venue = re.sub(r"(?m)^  postcode: .*$", "  postcode: 1234 AB  # a real-looking one", text, count=1)
    venue = venue.replace("street: Voorbeeldstraat 1", "street: Dorpsstraat 12")
    assert venue != text
    pages = {f"vrij-{i}": case for i, (case, _) in enumerate(SET_FREE.values())} | {"kopjes": THEME_IDS}
    experiment = ROOT / "demo/experiments/buurtkamer-voorbeelddam/experiment.yml"
    titled = experiment.read_text(encoding="utf-8").replace("title: Buurtkamer Voorbeelddam\n", f"title: {TITLE}\n")
    files = {
        "demo/lectures/demo-college-ronde-1.md": venue,
        "demo/experiments/buurtkamer-voorbeelddam/experiment.yml": titled,
    }
    return demo_copy(tmp_path_factory.mktemp("passing"), pages, files=files)


def article_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.parametrize(
    "index, attribute", [(i, attribute) for i, (_, attribute) in enumerate(SET_FREE.values())], ids=SET_FREE.keys()
)
def test_text_the_sanitiser_sets_free_is_never_markdown_again(passing_copy, index: int, attribute: str) -> None:
    code, output, site = passing_copy
    assert code == 0, output  # published, and only as inert text
    article = article_of(site, f"vrij-{index}")
    assert not re.search(r"<[a-zA-Z][^<>]*" + re.escape(attribute), article)  # as text, never as markup
    assert "Traceback" not in output


def test_a_heading_never_takes_an_id_of_the_theme(passing_copy) -> None:
    code, output, site = passing_copy
    assert code == 0, output
    ids = re.findall(r'<h2 id="([^"]+)"', article_of(site, "kopjes"))
    assert ids and not {"__config", "__search", "search"} & set(ids), ids


def test_a_title_that_reads_like_an_attribute_passes_the_gate(passing_copy) -> None:
    code, output, site = passing_copy
    assert code == 0, output
    profile = (site / "experimenten/buurtkamer-voorbeelddam/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<meta property="og:title" content="[^"<>]* onderwijs = samen, &lt;svg onload=alert\(1\)&gt;', profile
    )


def test_a_public_venue_address_passes_the_gate(passing_copy) -> None:
    code, output, site = passing_copy
    assert code == 0, output
    assert "Dorpsstraat 12" in (site / "colleges/demo-college-ronde-1/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def failing_copy(tmp_path_factory) -> tuple[int, str, Path]:
    """One build of the demo with the cases the gate must stop, each on a page of its own."""
    pages = {
        "regels": "Bel 06\n12345678 gerust.",
        "links": "[x](/bel/06&#45;12345678/) en [y](#jan.jansen@gmail&#46;com)",
    }
    return demo_copy(tmp_path_factory.mktemp("failing"), pages)


def test_a_number_across_a_line_break_is_caught_with_its_line(failing_copy) -> None:
    code, output, site = failing_copy
    assert code == 1 and not site.exists()
    assert "site/regels/index.html ← demo/docs/regels.md:7: privacy: telefoonnummer" in output, output
    assert "12345678" not in output


def test_messages_never_repeat_a_value_in_a_link(failing_copy) -> None:
    code, output, _ = failing_copy
    assert code == 1
    assert "12345678" not in output and "jan.jansen" not in output
    assert "site/links/index.html" in output and "niet getoond" in output


PLANTED_MORE = {
    "event handler": ("index.html", "</article>", '<p onclick="x()">a</p></article>', "uitvoerbaar: <… onclick=…>"),
    "javascript address after a tab": (
        "index.html",
        "</article>",
        '<a href="java&#9;script:alert(1)">a</a></article>',
        'uitvoerbaar: href="javascript:…"',
    ),
    "script in an article": ("index.html", "</article>", "<script>x()</script></article>", "uitvoerbaar: <script>"),
    "own host written with its default port": (
        "index.html",
        "</article>",
        '<a href="https://demo.waardevol-werk.example:443/bestaat-niet/">a</a></article>',
        "leidt naar een pagina of bestand dat de site niet heeft",
    ),
    "demo link preview without its mark": (
        "publicaties/voorbeeld-2025-werk-en-waarde/index.html",
        'og:title" content="[FICTIEF] ',
        'og:title" content="',
        "fictief: og:title (de voorvertoning van een link) zegt niet dat dit verzonnen is",
    ),
    "unreadable address": (
        "index.html",
        "</article>",
        '<a href="http://[::1/">a</a></article>',
        "is geen geldig adres",
    ),
    # Attributes a browser reads (tags.py), each its own handler: the first two a pattern over the text
    # found too, and a fix that took quoted values out of the text would not.
    "handler after a stray quote": (
        "index.html",
        "</article>",
        '<img src=a"b onmouseover=x()></article>',
        "<… onmouseover=…>",
    ),
    "handler after a slash": ("index.html", "</article>", "<svg/onload=x()></svg></article>", "<… onload=…>"),
    "handler right after a quoted value": (
        "index.html",
        "</article>",
        '<img src="x"onerror=x()></article>',
        "<… onerror=…>",
    ),
    "handler after a '>' in a quoted value": (
        "index.html",
        "</article>",
        '<img alt=">" onfocus=x() tabindex=0></article>',
        "<… onfocus=…>",
    ),
    "handler inside a comment a browser may end early": (
        "index.html",
        "</article>",
        '<!-- <a title=" --!> <b onmouseenter=x()>a</b> "> --></article>',
        "<… onmouseenter=…>",
    ),
    "an iframe's page of its own": (
        "index.html",
        "</article>",
        '<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe></article>',
        "<… srcdoc=…>",
    ),
    "unquoted javascript address": (
        "team/index.html",
        "</article>",
        "<a href=javascript:alert(1)>a</a></article>",
        'uitvoerbaar: href="javascript:…"',
    ),
    "javascript address of an object": (
        "team/index.html",
        "</article>",
        '<object data="&#106;avascript:alert(1)"></object></article>',
        'uitvoerbaar: data="javascript:…"',
    ),
    "a control character before a javascript address": (
        "team/index.html",
        "</article>",
        '<iframe src="\x01javascript:parent.x()"></iframe></article>',
        'uitvoerbaar: src="javascript:…"',
    ),
    "an SVG animation that makes a javascript link": (
        "team/index.html",
        "</article>",
        '<svg><a><animate attributeName=href values="#a;javascript:x()"/><text>a</text></a></svg></article>',
        'uitvoerbaar: values="javascript:…"',
    ),
    "a script after '</article>' in a value": (
        "rondes/ronde-1/index.html",
        "</article>",
        '<span title="</article>">a</span><script>x()</script></article>',
        "uitvoerbaar: <script>",
    ),
    "tags in tags past what the gate reads": (
        "colleges/index.html",
        "</article>",
        "<a/" * 2_000 + "<b onclick=x()>a</b></article>",
        "opmaak: zo veel tags in tags dat de controle niet kan lezen",
    ),
    "a broken link on a page too tangled to read": (
        "colleges/index.html",
        "</article>",
        '<a href="../na-de-knoop/">x</a></article>',
        "de link '../na-de-knoop/' leidt naar een pagina of bestand dat de site niet heeft",
    ),
    "scripts in scripts past what the gate reads": (
        "experimenten/index.html",
        "</article>",
        "<script/" * 1_000 + "</article>",
        "opmaak: zo veel tags in tags dat de controle niet kan lezen",
    ),
    "an object's data from elsewhere, written with spaces": (
        "contact/index.html",
        "</article>",
        '<object data = "https://elders.example/x.svg"></object></article>',
        "herkomst: <object data=",
    ),
    "an SVG animation that fetches an image from elsewhere": (
        "onderhoud/index.html",
        "</article>",
        '<svg><image><set attributeName=href to="https://elders.example/m.png"/></image></svg></article>',
        "herkomst: <set to=",
    ),
    "script that only mentions structured data": (
        "team/index.html",
        "</article>",
        '<script data-type="application/ld+json">x()</script></article>',
        "uitvoerbaar: <script>",
    ),
}


@pytest.mark.parametrize("path, old, new, expected", PLANTED_MORE.values(), ids=PLANTED_MORE.keys())
def test_more_planted_values_fail_verify(all_planted, path, old, new, expected) -> None:
    assert any(expected in line for line in planted_lines(all_planted, path)), all_planted[1].stderr


@pytest.mark.parametrize("path, expected", [(p, e) for p, (_, e) in PLANTED_FILES.items()], ids=PLANTED_FILES.keys())
def test_a_planted_file_a_browser_runs_scripts_in_fails_verify(all_planted, path, expected) -> None:
    assert any(expected in line for line in planted_lines(all_planted, path)), all_planted[1].stderr


def test_a_csv_cell_of_any_size_is_read(demo_site, tmp_path) -> None:
    result = planted(demo_site, tmp_path, "data/experimenten.csv", "\n", "\n" + "a" * 200_000 + ",")
    assert "Traceback" not in result.stderr


def test_demo_structured_data_without_its_mark_fails_verify(demo_site, tmp_path) -> None:
    from macros.base import fictional

    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    page = site / "colleges/demo-college-ronde-1/index.html"
    text = page.read_text(encoding="utf-8")
    assert fictional.EVENT_NOTE in text and '"name": "[FICTIEF] ' in text
    page.write_text(
        text.replace(fictional.EVENT_NOTE, "").replace('"name": "[FICTIEF] ', '"name": "'), encoding="utf-8"
    )
    result = verify(site)
    assert result.returncode == 1
    assert "fictief: de gestructureerde gegevens (JSON-LD) zeggen niet dat dit verzonnen is" in result.stderr


def test_the_gate_lists_the_files_rglob_would_without_following_folder_links(tmp_path: Path) -> None:
    """verify.file_sizes: every regular file, through a link to a file too; a link to a folder is
    not walked (as Path.rglob), a link to nothing is no file."""
    from macros.wiring.verify import file_sizes

    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    (site / "a/b").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "a/b/page.html").write_text("tekst", encoding="utf-8")
    (site / "a/leeg").mkdir()
    elsewhere.mkdir()
    (elsewhere / "buiten.html").write_text("buiten", encoding="utf-8")
    (site / "a/naar-map").symlink_to(elsewhere)
    (site / "a/naar-bestand.html").symlink_to(elsewhere / "buiten.html")
    (site / "a/nergens.html").symlink_to(tmp_path / "bestaat-niet")
    by_rglob = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*") if p.is_file()}
    assert file_sizes(site) == by_rglob == {"index.html": 8, "a/b/page.html": 5, "a/naar-bestand.html": 6}
