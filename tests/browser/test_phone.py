"""Every page type on a 390 px phone and at 200 % zoom, in Debian's headless Chromium.

200 % zoom of a 1280 px window is emulated as a 640 px CSS viewport at deviceScaleFactor 2: the
layout a browser zoomed to 200 % lays out. On both, no page scrolls sideways; wide tables scroll
inside their own focusable, labelled region with a shadow at the edge that has more; the map's
places are touch targets of at least 24 × 24 CSS px (WCAG 2.2, 2.5.8) and the map and the
matrix's links are reached with Tab; axe finds nothing on the pages these touch.
"""

from __future__ import annotations

import pytest

from support import MOVING, WCAG_21_AA, one_page_per_type

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
VIEWS = {"390px": PHONE, "zoom200": ZOOM_200}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_page_scrolls_sideways(browser, servers, real_site, demo_site, which, view) -> None:  # noqa: F811
    """Nor does any page ask for something the site does not have (issue 22: a sitemap.xml under
    every page's own path, from the feed's alternate link)."""
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    wide: list[str] = []
    failed: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    for path in [*one_page_per_type(real_site if which == "real" else demo_site, which, MOVING), "404.html"]:
        page.goto(servers[which] + path)
        page.wait_for_load_state("load")
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            wide.append(f"/{path}: {width} px wide in a {inner} px window")
    page.wait_for_timeout(300)  # requests a page makes after its load event (Material's sitemap lookup)
    context.close()
    assert wide == []
    assert failed == []


TABLE_PAGES = [
    ("real", "experimenten/"),
    ("real", "bijdragen/velden/"),
    ("demo", "experimenten/"),
    ("demo", "experimenten/matrix/"),
    ("demo", "bijdragen/velden/"),
    ("demo", "experimenten/wijkconcierges-demowijk/"),
    ("demo", "open-data/"),
]


@pytest.mark.parametrize("which, path", TABLE_PAGES, ids=[f"{w}:/{p}" for w, p in TABLE_PAGES])
def test_wide_tables_scroll_in_a_labelled_focusable_region_with_a_cue(browser, servers, which, path) -> None:  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(servers[which] + path)
    # The generator's tables; a table written in a report's Markdown gets Material's own scroll
    # wrapper (checked by the page-width test above), not a labelled region.
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')]
            .filter(t => !t.closest('.md-typeset__scrollwrap') || t.closest('.ww-table')).map(t => {
        const box = t.closest('.ww-table'), s = box && getComputedStyle(box);
        return box && {tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
                       label: box.getAttribute('aria-label'), overflow: s.overflowX,
                       right: box.getBoundingClientRect().right, cue: s.backgroundImage.includes('gradient')
                           && s.backgroundAttachment.includes('local') && s.backgroundAttachment.includes('scroll')};
    })""")
    inner = page.evaluate("innerWidth")
    assert boxes and None not in boxes, "every table sits in a .ww-table box"
    for box in boxes:
        assert (box["tabindex"], box["role"], box["overflow"], box["cue"]) == ("0", "region", "auto", True)
        assert box["label"].strip()
        assert box["right"] <= inner
    context.close()


def test_the_matrix_scrolls_sideways_from_the_keyboard(browser, servers) -> None:  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(servers["demo"] + "experimenten/matrix/")
    box = page.locator(".ww-matrix").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "at 390 px the matrix is wider than its box"
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.ww-matrix').scrollLeft > 0")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


@pytest.mark.parametrize("which", ["real", "demo"])
def test_map_places_are_24px_targets_and_reached_by_tab(browser, servers, which) -> None:  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(servers[which] + "experimenten/kaart/")
    places = page.evaluate("""() => [...document.querySelectorAll('.ww-map__place')].map(a => {
        const r = a.getBoundingClientRect();
        // what a tap at the dot's centre hits must be this place's link
        const c = a.querySelector('circle:not(.ww-map__hit)').getBoundingClientRect();
        const hit = document.elementFromPoint(c.x + c.width / 2, c.y + c.height / 2);
        return [a.getAttribute('aria-label'), r.width, r.height, !!hit && hit.closest('a') === a];
    })""")
    assert places
    small = [p for p in places if p[1] < 24 or p[2] < 24 or not p[3]]
    assert small == []
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.classList.contains('ww-map__place')"
            " && document.activeElement.getAttribute('aria-label')"
        )
        if label:
            reached.add(label)
        elif reached:
            break
    assert reached == {p[0] for p in places}
    context.close()


def test_every_matrix_link_is_reached_by_tab_and_scrolled_into_view(browser, servers) -> None:  # noqa: F811
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(servers["demo"] + "experimenten/matrix/")
    links = page.locator(".ww-matrix__hit a")
    total = links.count()
    assert total > 0
    sizes = links.evaluate_all("as => as.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height])")
    assert all(w >= 24 and h >= 24 for w, h in sizes)
    reached, hidden = set(), []
    for _ in range(400):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => { const a = document.activeElement;
            if (!a.closest('.ww-matrix__hit')) return null;
            const r = a.getBoundingClientRect(), box = a.closest('.ww-matrix').getBoundingClientRect();
            return [a.getAttribute('aria-label'), r.left >= box.left - 1 && r.right <= box.right + 1];
        }""")
        if state:
            reached.add(state[0])
            if not state[1]:
                hidden.append(state[0])
        if len(reached) == total:
            break
    assert len(reached) == total
    assert hidden == []
    context.close()


AXE_PAGES = [
    (w, p)
    for w in ("real", "demo")
    for p in (
        "experimenten/",
        "experimenten/kaart/",
        "experimenten/matrix/",
        "bijdragen/velden/",
        "open-data/",
        "onderhoud/",
    )
] + [("real", "experimenten/delft/"), ("demo", "experimenten/wijkconcierges-demowijk/")]


@pytest.mark.parametrize("which, path", AXE_PAGES, ids=[f"{w}:/{p}" for w, p in AXE_PAGES])
def test_axe_at_390px_finds_no_violations(axe, servers, which, path) -> None:
    violations, _ = axe(servers[which] + path, PHONE, (*WCAG_21_AA, "wcag22aa"))
    assert violations == []
