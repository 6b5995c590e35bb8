"""What a browser, a keyboard user and validators see: axe-core (WCAG 2.1 AA) in Debian's
headless Chromium, keyboard-only use of the filters, the map and the matrix, and the Nu HTML
Checker over every page. `make test` installs the tools; outside CI a missing tool skips."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from builders import ROOT, record_pages

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need(condition: bool, what: str) -> None:
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing in CI; `make test` should have installed it")
        pytest.skip(f"{what} is not installed (make test installs it)")


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM.exists(), "Debian's chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield instance
        instance.close()


def serve(folder: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def servers(real_site, demo_site):
    real, demo = serve(real_site), serve(demo_site)
    yield {"real": f"http://127.0.0.1:{real.server_port}/", "demo": f"http://127.0.0.1:{demo.server_port}/"}
    real.shutdown()
    demo.shutdown()


PAGES = {
    "real": [
        "",
        "over-het-project/",
        "experimenten/",
        *record_pages(ROOT),
        "experimenten/kaart/",
        "experimenten/matrix/",
        "rondes/",
        "colleges/",
        "publicaties/",
        "team/",
        "privacy/",
        "toegankelijkheid/",
        "actueel/",
        "open-data/",
        "bijdragen/",
        "bijdragen/velden/",
        "onderhoud/",
    ],
    "demo": [
        "",
        "experimenten/",
        "experimenten/wijkconcierges-demowijk/",
        "experimenten/domein/zorg/",
        "experimenten/kaart/",
        "experimenten/matrix/",
        "rondes/ronde-1/",
        "colleges/",
        "colleges/demo-college-ronde-1/",
        "colleges/demo-college-ronde-3/",
        "publicaties/",
        "publicaties/voorbeeld-2025-werk-en-waarde/",
        "publicaties/type/rapport/",
        "team/",
        "actueel/",
        "actueel/eerste-bevindingen/",
        "open-data/",
    ],
}


@pytest.mark.parametrize(
    "which, path",
    [(w, p) for w, paths in PAGES.items() for p in paths],
    ids=[f"{w}:/{p}" for w, paths in PAGES.items() for p in paths],
)
def test_axe_finds_no_wcag_21_aa_violations(browser, servers, which, path) -> None:
    need(AXE.exists(), "axe-core (npm)")
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(servers[which] + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    page.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]
    ]
    assert violations == []
    assert [url for url in requests if not url.startswith(servers[which])] == []


def test_keyboard_filters_the_overview_and_keeps_it_in_the_url(browser, servers) -> None:
    page = browser.new_page()
    page.goto(servers["demo"] + "experimenten/")
    select = page.locator("#ww-filter-domein")
    for _ in range(60):  # Tab through the page until the domain filter has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "ww-filter-domein":
            break
    assert select.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # first option after "Alle": zorg
    page.wait_for_function("location.search.includes('domein=')")
    assert "domein=zorg" in page.url
    visible = page.locator("#ww-experiments tbody tr:not([hidden])")
    assert visible.count() == 2
    assert page.locator(".ww-filter__status").inner_text() == "2 van 7 experimenten getoond"
    page.goto(servers["demo"] + "experimenten/?domein=zorg&werkvorm=transitieplek")
    assert page.locator("#ww-experiments tbody tr:not([hidden])").count() == 2
    page.close()


def test_keyboard_reaches_the_map_and_the_matrix(browser, servers) -> None:
    page = browser.new_page()
    page.goto(servers["demo"] + "experimenten/kaart/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ww-map__place')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Demowijk: 1 experiment"
    page.keyboard.press("Enter")
    page.wait_for_url("**/experimenten/wijkconcierges-demowijk/")
    page.goto(servers["demo"] + "experimenten/matrix/")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.ww-matrix__hit')"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/experimenten/*/#ronde-*")
    page.close()


# The Nu HTML Checker: zero errors on every page. Messages filtered below come from
# Material's own templates, not from ours; each is named with the reason.
VNU_FILTERED = {
    # Material's drawer, search and TOC toggles are checkboxes with autocomplete="off", which stops
    # Firefox from restoring them half-open after "back"; harmless, and in base.html outside any
    # block we could override.
    "Attribute “autocomplete” is only allowed when the input type is": "Material's toggles",
    # Material labels the table of contents with <label for="__toc">; the checkbox it points to is
    # hidden on wide screens by design (it only opens the TOC on phones). axe, which checks the
    # accessible name, passes.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": "Material's TOC toggle",
}


def test_nu_html_checker_reports_no_errors(real_site, demo_site) -> None:
    need(VNU.exists() and shutil.which("java") is not None, "vnu-jar (npm) and Java")
    pages = [str(p) for site in (real_site, demo_site) for p in sorted(site.rglob("*.html"))]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and not any(f in m["message"] for f in VNU_FILTERED)
    ]
    assert errors == []


def test_publication_filter_reads_the_url_and_hides_empty_years(browser, servers) -> None:
    page = browser.new_page()
    page.goto(servers["demo"] + "publicaties/?type=rapport")
    visible = page.locator("#ww-publications .ww-pub:not([hidden])")
    assert visible.count() == 1
    assert visible.first.get_attribute("id") == "eindrapport-ronde-1"
    assert page.locator("#ww-publications section:not([hidden]) h2").all_inner_texts() == ["2025"]
    assert page.locator(".ww-filter__status").inner_text() == "1 van 4 publicaties getoond"
    page.select_option("#ww-filter-thema", "stelsel")
    page.wait_for_function("location.search.includes('thema=stelsel')")
    page.close()


def test_copy_buttons_copy_the_citation_and_the_permanent_link(browser, servers) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(servers["demo"] + "publicaties/eindrapport-ronde-1/")
    link = page.locator("#vaste-link").inner_text()
    assert link.startswith("https://") and link.endswith("/publicaties/eindrapport-ronde-1/")
    page.get_by_role("button", name="Kopieer de link").click()
    page.wait_for_function(
        "document.querySelector('#vaste-link').parentNode.querySelector('[role=status]').textContent !== ''"
    )
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert page.locator("#vaste-link ~ [role=status]").inner_text() == "Link gekopieerd."
    page.get_by_role("button", name="Kopieer de citatie").click()
    page.wait_for_function("navigator.clipboard.readText().then(t => t.startsWith('Proef, B. de'))")
    assert page.evaluate("navigator.clipboard.readText()").endswith(link)
    context.close()


@pytest.mark.parametrize("width", [320, 1280], ids=["phone", "desktop"])
def test_copy_buttons_select_the_text_where_there_is_no_clipboard(browser, servers, width) -> None:
    """Issue 22: without the clipboard API (an older browser, a page not served over https) the
    button is still there and selects the text, saying how to copy it."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.goto(servers["demo"] + "publicaties/eindrapport-ronde-1/")
    page.get_by_role("button", name="Kopieer de link").click()
    status = page.locator("#vaste-link ~ [role=status]")
    assert "geselecteerd" in status.inner_text()
    assert page.evaluate("window.getSelection().toString().trim()") == page.locator("#vaste-link").inner_text()
    context.close()


DETAIL_PAGES = [
    ("experimenten/wijkconcierges-demowijk/", ["Home", "Experimenten", "Demowijk"]),
    ("rondes/ronde-1/", ["Home", "Rondes"]),
    ("colleges/demo-college-ronde-1/", ["Home", "Openbare colleges"]),
    ("publicaties/eindrapport-ronde-1/", ["Home", "Publicaties"]),
]


@pytest.mark.parametrize("width", [320, 1280], ids=["phone", "desktop"])
def test_detail_pages_say_where_you_are_without_sideways_scroll(browser, servers, width) -> None:
    """Issue 22: every detail page (outside the navigation) has a breadcrumb whose links lead up, and
    no page scrolls sideways at 320 px, the experiments overview with its filter included."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path, crumbs in DETAIL_PAGES:
        page.goto(servers["demo"] + path)
        trail = page.locator("nav.ww-crumbs")
        assert trail.get_attribute("aria-label") == "Kruimelpad"
        assert trail.locator("a").all_inner_texts() == crumbs, path
        assert trail.locator("[aria-current=page]").is_visible(), path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (path, width)
    page.goto(servers["demo"] + "experimenten/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width
    page.goto(servers["demo"] + "experimenten/wijkconcierges-demowijk/")
    page.locator("nav.ww-crumbs a", has_text="Experimenten").click()
    page.wait_for_url("**/experimenten/")
    page.close()
