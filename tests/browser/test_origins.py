"""No request to any origin but the site's own, from any page, as the deploy workflow builds it.

The real site and the demo are built like `.github/workflows/deploy.yml` does (`make site` =
`python -m macros build`, with SITE_URL on a sub-path and REPO_URL on github.com), served on
127.0.0.1 under that sub-path, and every page is opened in Debian's Chromium, with search, the
overview filters, the map and the matrix used. Every request the pages, their workers and
service workers make is recorded; anything not for 127.0.0.1 is aborted (and Chromium resolves
no other host), so nothing leaves the machine. The build-time check of hand-written pages
(macros/wiring/origins.py) is tested without a browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.wiring.origins import foreign_requests
from support import CHROMIUM, ENV, FLAGS, ROOT, StaticHost, fixture_project, need, one_page_per_type, run_macros

SITE_URL = "https://waardevol-werk.github.io/site/"
REPO_URL = "https://github.com/waardevol-werk/site"
PREFIX = urlsplit(SITE_URL).path  # "/site/", as GitHub Pages serves a project site
DEPLOY_ENV = {**ENV, "SITE_URL": SITE_URL, "REPO_URL": REPO_URL}
# Chromium resolves no host but 127.0.0.1: even a connection Playwright does not see (a
# preconnect, a DNS prefetch) cannot leave the machine.
BROWSER_FLAGS = [*FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

MISSING = "deze-pagina-bestaat-niet/"  # served with 404.html, as GitHub Pages does


def deploy_build(tmp_path_factory, config: str) -> Path:
    site = tmp_path_factory.mktemp(f"deployed-{config}") / "site"
    # The demo has an address of its own (DEMO_SITE_URL, never the real SITE_URL); here it is served
    # on the same test origin and sub-path, so "the site's own origin" means the same for both.
    env = (
        DEPLOY_ENV
        if config == "mkdocs.yml"
        else {**{k: v for k, v in DEPLOY_ENV.items() if k != "SITE_URL"}, "DEMO_SITE_URL": SITE_URL}
    )
    result = run_macros("build", "-f", config, "-d", str(site), cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def serve_under_prefix(folder: Path) -> http.server.ThreadingHTTPServer:
    """The folder at http://127.0.0.1:port/site/; elsewhere, and for missing files, 404.html."""

    class Handler(StaticHost):
        def translate_path(self, path: str) -> str:
            path = path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(PREFIX):
                return str(folder / "\0outside")  # never exists
            return super().translate_path("/" + path[len(PREFIX) :])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    sites = {
        "real": deploy_build(tmp_path_factory, "mkdocs.yml"),
        "demo": deploy_build(tmp_path_factory, "mkdocs.demo.yml"),
    }
    servers = {which: serve_under_prefix(folder) for which, folder in sites.items()}
    yield {which: (f"http://127.0.0.1:{servers[which].server_port}{PREFIX}", folder) for which, folder in sites.items()}
    for server in servers.values():
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM.exists(), "Debian's chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    # Report the network requests of service workers too (Chromium; read when the driver starts).
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    try:
        with playwright.sync_playwright() as p:
            instance = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_FLAGS)
            yield instance
            instance.close()
    finally:
        del os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"]


class Recorder:
    """A browser context that records every request, WebSocket and service worker of its pages,
    lets requests for the site's own origin through and aborts every other one."""

    def __init__(self, browser, base: str, init_script: str | None = None) -> None:
        self.own = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.seen: list[tuple[str, str]] = []  # (what, URL)
        self.context = browser.new_context()
        if init_script:
            self.context.add_init_script(init_script)
        self.context.route(
            "**/*",
            lambda route: route.continue_() if self.is_own(route.request.url) else route.abort("blockedbyclient"),
        )
        self.context.on("request", lambda request: self.seen.append((request.resource_type, request.url)))
        self.context.on("serviceworker", lambda worker: self.seen.append(("serviceworker", worker.url)))
        self.context.on("page", self.watch)

    def watch(self, page) -> None:
        page.on("websocket", lambda socket: self.seen.append(("websocket", socket.url)))
        page.on("worker", lambda worker: self.seen.append(("worker", worker.url)))

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True  # never leaves the page
        return f"{parts.scheme}://{parts.netloc}" == self.own

    def foreign(self) -> list[str]:
        return sorted({f"{what}: {url}" for what, url in self.seen if not self.is_own(url)})

    def outside_prefix(self) -> list[str]:
        """Own-origin requests outside the site's sub-path: root-relative links (/assets/…) that
        would break when Pages serves the site under /<repository>/."""
        return sorted(
            {
                url
                for _, url in self.seen
                if self.is_own(url)
                and urlsplit(url).scheme.startswith("http")
                and not urlsplit(url).path.startswith(PREFIX)
            }
        )

    def close(self) -> None:
        self.context.close()


def visit(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")


def visit_all(context, urls: list[str], at_once: int = 6) -> None:
    """Open `urls` in `at_once` tabs of `context`, each until its network has been idle (what a page
    fetches after loading, its search worker included, is recorded too): the tabs load side by side
    instead of one idle wait after another, and each tab goes on to its next address (a new tab
    per address started a renderer each time)."""
    tabs = [context.new_page() for _ in range(min(at_once, len(urls)))]
    for start in range(0, len(urls), at_once):
        batch = list(zip(tabs, urls[start : start + at_once], strict=False))  # the last batch may be shorter
        for tab, url in batch:
            tab.goto(url, wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("networkidle")
    for tab in tabs:
        tab.close()


@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_page_asks_for_anything_from_another_origin(deployed, which) -> None:
    """Every built page, read as HTML: nothing a browser fetches by itself (src, <link href>, …)
    points elsewhere (the browser test below opens one page of every type)."""
    _, folder = deployed[which]
    own = "{0.scheme}://{0.netloc}".format(urlsplit(SITE_URL))
    found = {
        p.relative_to(folder).as_posix(): foreign_requests(p.read_text(encoding="utf-8"), own)
        for p in sorted(folder.rglob("*.html"))
    }
    assert len(found) > 30
    assert {page: items for page, items in found.items() if items} == {}


@pytest.mark.parametrize("which", ["real", "demo"])
def test_no_page_contacts_another_origin(browser, deployed, which) -> None:
    base, folder = deployed[which]
    recorder = Recorder(browser, base)
    visit_all(recorder.context, [base + path for path in [*one_page_per_type(folder, which), MISSING]])
    recorder.close()
    assert recorder.foreign() == []
    assert recorder.outside_prefix() == []
    # The recording sees what Material fetches after the page has loaded, and its worker's imports.
    urls = [url for _, url in recorder.seen]
    assert base + "search/search_index.json" in urls
    assert any(url.endswith("/min/lunr.nl.min.js") for url in urls)


def test_search_filters_map_and_matrix_contact_no_other_origin(browser, deployed) -> None:
    base, _ = deployed["demo"]
    recorder = Recorder(browser, base)
    page = recorder.context.new_page()

    visit(page, base)
    page.locator("input.md-search__input").click()
    page.keyboard.type("proefhoven")
    page.locator(".md-search-result__item").first.wait_for()
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(".md-search-result__item a").first.click()
    assert "?h=proefhoven" in page.url

    visit(page, base + "experimenten/")
    page.locator("#ww-filter-domein").select_option("zorg")
    page.wait_for_function("location.search.includes('domein=zorg')")
    assert page.locator("#ww-experiments tbody tr:not([hidden])").count() == 2
    with page.expect_navigation(wait_until="networkidle"):
        page.locator("#ww-experiments tbody tr:not([hidden]) a").first.click()

    visit(page, base + "experimenten/kaart/")
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(".ww-map__place").first.click()
    assert page.url.startswith(base + "experimenten/") and not page.url.endswith("/kaart/")
    visit(page, base + "experimenten/kaart/")
    page.locator(".ww-map__place").first.focus()
    with page.expect_navigation(wait_until="networkidle"):
        page.keyboard.press("Enter")
    assert page.url.startswith(base + "experimenten/") and not page.url.endswith("/kaart/")

    visit(page, base + "experimenten/matrix/")
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(".ww-matrix__hit a").first.click()
    assert "#ronde-" in page.url
    # docs/privacy.md: nothing is stored in the browser, not even by search or the filters.
    assert page.evaluate("[document.cookie, localStorage.length, sessionStorage.length]") == ["", 0, 0]

    recorder.close()
    assert recorder.foreign() == []
    assert recorder.outside_prefix() == []


def test_links_to_the_code_host_are_plain_links(browser, deployed) -> None:
    """The repository link fetches no facts; "edit this page" still leads to the file."""
    base, _ = deployed["real"]
    recorder = Recorder(browser, base)
    page = recorder.context.new_page()
    visit(page, base + "privacy/")
    sources = page.locator("a.md-source")
    assert sources.count() == 2  # header and navigation drawer
    for i in range(2):
        assert sources.nth(i).get_attribute("href") == REPO_URL
        assert sources.nth(i).get_attribute("data-md-component") is None
    assert page.locator("[data-md-component=source], .md-source__facts").count() == 0
    assert (
        page.locator("a.md-content__button[rel=edit]").get_attribute("href") == f"{REPO_URL}/edit/main/docs/privacy.md"
    )
    visit(page, base + "experimenten/delft/")
    assert (
        page.locator("a.md-content__button[rel=edit]").get_attribute("href")
        == f"{REPO_URL}/edit/main/experiments/delft/experiment.yml"
    )
    assert page.evaluate("[document.cookie, localStorage.length, sessionStorage.length]") == ["", 0, 0]
    recorder.close()
    assert recorder.foreign() == []


def test_a_browser_without_resize_observer_loads_no_polyfill_from_elsewhere(browser, deployed) -> None:
    """Material fetches a ResizeObserver polyfill from unpkg.com when the browser has none."""
    base, _ = deployed["demo"]
    recorder = Recorder(browser, base, init_script="delete window.ResizeObserver")
    page = recorder.context.new_page()
    kinds = []
    for path in ("", "experimenten/kaart/", "experimenten/matrix/"):
        visit(page, base + path)
        kinds.append(page.evaluate("typeof ResizeObserver"))
    page.set_viewport_size({"width": 500, "height": 800})
    page.wait_for_load_state("networkidle")
    recorder.close()
    assert recorder.foreign() == []
    assert kinds == ["function"] * 3  # the theme's stand-in


# --- the build-time check of hand-written pages ---------------------------------------------


def test_foreign_requests_finds_what_a_browser_would_fetch_and_ignores_plain_links() -> None:
    page = """<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
    <link rel="canonical" href="https://site.example/x/"><style>p{background:url(//cdn.example/bg.png)}</style>
    <script>var html = '<img src="https://in.a.string/">';</script>
    <script src="https://unpkg.com/lib.js"></script></head><body>
    <p><img alt="a > b" src="https://cdn.example/x.png" srcset="x.png 1x, https://cdn.example/y.png 2x"></p>
    <pre class="mermaid">graph</pre><a href="https://github.com/x/y">a plain link</a>
    <svg><use xlink:href="https://icons.example/s.svg#i"/></svg>
    <meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
    <img/src=https://slash.example/a.png><img alt="x"src="https://glued.example/b.png">
    <image href="https://first.example/i.png" xlink:href="x.png"/>
    <a title="<script>"><img src="https://after-a-script-in-a-value.example/c.png"></a></script>
    <base href="https://base.example/"><p style="background:URL(https://caps.example/d.png)">
    <meta http-equiv="refresh" content="0;https://refresh.example/">
    <svg><image><set attributeName="href" to="https://animated.example/m.png"/></image></svg>
    <img src="https:\\\\backslash.example/e.png"><img src="http:no-slashes.example/f.png">
    <img src="https://behind-a-backslash.example\\@site.example/g.png">
    <img src="https:&#9;//tab.example/h.png"><img src="/&#10;/newline.example/i.png">
    <img src="../assets/x.png"><img src="/x/y.png"><img src="https://site.example/x/z.png"></body></html>"""
    assert foreign_requests(page, "https://site.example") == [
        ("//cdn.example/bg.png", "<style> met url(//cdn.example/bg.png)"),
        (
            "https://fonts.googleapis.com/css?family=Roboto",
            '<link href="https://fonts.googleapis.com/css?family=Roboto">',
        ),
        ("https://in.a.string/", '<img src="https://in.a.string/">'),  # script text, read as markup too
        ("https://unpkg.com/lib.js", '<script src="https://unpkg.com/lib.js">'),
        ("https://cdn.example/x.png", '<img src="https://cdn.example/x.png">'),
        ("https://cdn.example/y.png", '<img srcset="https://cdn.example/y.png">'),
        ("mermaid", '<pre class="mermaid"> laat Material mermaid van unpkg.com laden'),
        ("https://icons.example/s.svg#i", '<use href="https://icons.example/s.svg#i">'),
        ("https://elsewhere.example/", '<meta content="https://elsewhere.example/">'),
        ("https://slash.example/a.png", '<img src="https://slash.example/a.png">'),
        ("https://glued.example/b.png", '<img src="https://glued.example/b.png">'),
        ("https://first.example/i.png", '<image href="https://first.example/i.png">'),
        (
            "https://after-a-script-in-a-value.example/c.png",
            '<img src="https://after-a-script-in-a-value.example/c.png">',
        ),
        ("https://base.example/", '<base href="https://base.example/">'),
        ("https://caps.example/d.png", '<p style="https://caps.example/d.png">'),
        ("https://refresh.example/", '<meta content="https://refresh.example/">'),
        ("https://animated.example/m.png", '<set to="https://animated.example/m.png">'),
        ("https:\\\\backslash.example/e.png", '<img src="https:\\\\backslash.example/e.png">'),
        ("http:no-slashes.example/f.png", '<img src="http:no-slashes.example/f.png">'),
        (
            "https://behind-a-backslash.example\\@site.example/g.png",
            '<img src="https://behind-a-backslash.example\\@site.example/g.png">',
        ),
        ("https:\t//tab.example/h.png", '<img src="https:\t//tab.example/h.png">'),
        ("/\n/newline.example/i.png", '<img src="/\n/newline.example/i.png">'),
    ]


def test_build_refuses_a_hand_written_page_that_loads_from_elsewhere(tmp_path) -> None:
    config = fixture_project(
        tmp_path,
        {
            "experiments/proef/experiment.yml": "title: Proef\nmunicipality: delft\nstatus: actueel\n",
            "docs/index.md": "# Test\n\nTekst.\n\n![Logo](https://cdn.example/logo.png)\n\nDiagram:\n{ .mermaid }\n",
        },
    )
    result = run_macros("build", "-f", str(config), cwd=tmp_path, env=DEPLOY_ENV)
    assert result.returncode != 0
    # The content check refuses both before anything is built (origins.py checks the pages again).
    assert "docs/index.md:5: tekst: afbeelding van een andere site ('https://cdn.example/logo.png')" in result.stderr
    assert "docs/index.md:8: tekst: sjabloontaal" in result.stderr
    assert not (tmp_path / "site").exists()  # the atomic build published nothing


def test_the_404_page_is_dutch_with_a_way_home_and_to_search(demo_site: Path) -> None:
    """Issue 22: not Material's "404 - Not found", but a Dutch page that leads somewhere."""
    page = (demo_site / "404.html").read_text(encoding="utf-8")
    assert "404 - Not found" not in page and "<h1>Pagina niet gevonden</h1>" in page
    assert '<a href="https://demo.waardevol-werk.example/">Naar de startpagina</a>' in page
    assert 'for="__search"' in page and 'id="__search"' in page  # the label opens the theme's search
