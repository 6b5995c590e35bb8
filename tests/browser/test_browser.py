"""What a browser, a keyboard user and validators see: axe-core (WCAG 2.1 AA) in Debian's
headless Chromium, keyboard-only use of the filters, the map and the matrix, and the Nu HTML
Checker over every page. `make test` installs the tools; outside CI a missing tool skips."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from support import MOVING, VNU, need, pages_of_types

PAGES = {which: pages_of_types(which, MOVING) for which in ("real", "demo")}


@pytest.mark.parametrize(
    "which, path",
    [(w, p) for w, paths in PAGES.items() for p in paths],
    ids=[f"{w}:/{p}" for w, paths in PAGES.items() for p in paths],
)
def test_axe_finds_no_wcag_21_aa_violations(axe, servers, which, path) -> None:
    violations, requests = axe(servers[which] + path)
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


WIDTHS = pytest.mark.parametrize("width", [320, 1280], ids=["phone", "desktop"])


def search(page, query: str) -> list[str]:
    """Type `query` into Material's search as a reader does (on a phone, after opening it) and
    return the addresses of the results, without their highlight parameter."""
    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible() and not page.evaluate("document.getElementById('__search').checked"):
        opener.click()
    box = page.locator("input[data-md-component=search-query]")
    meta = page.locator(".md-search-result__meta")
    for _ in range(20):  # the index loads in a worker; until it is ready a query shows a placeholder
        box.fill("")
        box.press_sequentially(query)
        try:
            page.wait_for_function(
                "/overeenkomend/.test(document.querySelector('.md-search-result__meta').innerText)", timeout=1000
            )
            break
        except Exception:
            continue
    assert "overeenkomend" in meta.inner_text(), "the search index did not load"
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"\?h=[^#]*", "", h) for h in hrefs]


@WIDTHS
def test_search_ignores_diacritics_and_finds_word_parts(browser, servers, width) -> None:
    """Issue 22: "concierge" finds the "wijkconciërges" of the demo and the reverse; a word part finds
    the compound ("plek" in "werkplek"); the result shows the text as written, with the match marked."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    home = servers["demo"]
    profile = home + "experimenten/wijkconcierges-demowijk/"
    for query in ("concierge", "conciërges", "Wijkconcierges"):
        page.goto(home + "experimenten/")
        assert profile in search(page, query), query
    marked = page.locator(".md-search-result mark").all_inner_texts()
    assert any("conciërges" in m.lower() for m in marked), marked
    page.goto(home + "experimenten/")
    assert home + "experimenten/buurtkamer-voorbeelddam/" in search(page, "plek")  # its "werkplek"
    assert not page.locator(".md-search-result del").count()  # no query word is listed as missing
    page.goto(home + "experimenten/")
    assert search(page, "xyzzyqwerty") == []
    page.close()


@WIDTHS
def test_an_unknown_address_gets_a_dutch_page_with_a_way_home_and_search(browser, servers, width) -> None:
    """Issue 22: the 404 page is Dutch, at any depth; its home link works and its search finds pages."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    response = page.goto(servers["demo"] + "experimenten/bestaat-niet/ook-niet/")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("article h1").inner_text() == "Pagina niet gevonden"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("label.ww-404-search").click()
    assert page.evaluate("document.getElementById('__search').checked")
    assert servers["demo"] + "experimenten/wijkconcierges-demowijk/" in search(page, "concierge")
    page.goto(servers["demo"] + "bestaat-niet/")
    home = page.get_by_role("link", name="Naar de startpagina")
    assert home.get_attribute("href").startswith("http")  # absolute: this page is served at any depth
    page.close()


@WIDTHS
def test_the_empty_news_page_says_so_and_its_feed_explains_itself(browser, servers, width) -> None:
    """Issue 22: the real site has no news yet: the page says so and what a feed is; the feed, opened
    in the browser, is styled for people (the same-origin stylesheet) and says what it is."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(servers["real"] + "actueel/")
    article = page.locator(".md-content")
    assert article.get_by_text("Op deze site staan geen berichten.").is_visible()
    assert article.get_by_text("Een feed is een adres voor een feedlezer").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(servers["real"] + "actueel/feed.xml")
    assert servers["real"] + "assets/feed.css" in requests
    assert all(url.startswith(servers["real"]) for url in requests), requests
    help_text = page.evaluate("getComputedStyle(document.documentElement, '::before').content")
    assert "Dit is een feed" in help_text
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


@WIDTHS
def test_lectures_list_what_will_happen_first_with_every_status_in_words(browser, servers, width) -> None:
    """Issue 22: among the coming lectures a cancelled one comes last; a past lecture whose recorded
    status no longer holds says its date has passed; no raw value ("beide") reaches a reader."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(servers["demo"] + "colleges/")
    sections = page.evaluate(
        """() => {
            const out = {};
            let heading = null;
            for (const el of document.querySelectorAll("article h2, article .ww-lecture")) {
                if (el.tagName === "H2") out[heading = el.textContent.replace("¶", "").trim()] = [];
                else if (heading) out[heading].push((el.querySelector(".ww-status") || el).innerText);
            }
            return out;
        }"""
    )
    coming = sections["Komende colleges"]
    assert len(coming) > 2 and coming[-1] == "geannuleerd", coming
    assert "geannuleerd" not in coming[:-1], coming
    assert "online verplaatst, datum voorbij" in sections["Afgelopen colleges"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for link in page.locator("article .ww-lecture a").evaluate_all("els => els.map(e => e.href)"):
        page.goto(link)
        mode = page.locator("dt", has_text="Deelname").locator("xpath=following-sibling::dd[1]")
        if mode.count():
            words = mode.inner_text().split(":")[0]
            assert words in ("op locatie", "online", "op locatie en online"), (link, words)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), link
    page.close()


@WIDTHS
def test_an_editor_finds_the_press_route_and_a_dutch_apa_date(browser, servers, width) -> None:
    """Issue 22: from any page's footer a trade-journal editor reaches "Contact en pers", with the
    route to the publisher and how to cite; a page's APA reference writes the day first."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(servers["demo"] + "experimenten/groene-handen-oefenstad/")
    reference = page.locator("#citatie").inner_text()
    assert re.search(
        r"\(\d{4}, \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\)",
        reference,
    ), reference
    page.locator("footer").get_by_role("link", name="Contact en pers").click()
    page.wait_for_url("**/contact/")
    assert page.locator("article h1").inner_text().startswith("Contact en pers")
    assert page.locator("article a[href^='mailto:']").count() >= 1
    assert page.locator("article").get_by_role("link", name="Publicaties").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()
