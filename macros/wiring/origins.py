"""Every page loads from the site's own origin only: a check of the HTML the build writes.

The privacy statement promises that a reader's browser contacts no other party. Material's own
requests to other origins are switched off in the theme (theme/partials/source.html: no
repository facts from the code host's API; theme/main.html: no ResizeObserver polyfill from
unpkg.com). What is left is the pages themselves: researcher Markdown is sanitised (no images,
no classes), but the hand-written pages in docs/ are plain MkDocs Markdown, where
`![](https://…)`, raw HTML or `{ .mermaid }` would make every reader's browser fetch from
elsewhere (Material loads mermaid from unpkg.com for any `pre.mermaid`). This module finds such
references in the final HTML, so the build can refuse them, every one listed at once.

What counts as a request: the attributes a browser fetches without a click (src, srcset,
poster, data, ping, and href on <link>, <base>, a <meta> refresh, SVG <image> and <use>, and what an
SVG animation sets an href to; Material also fetches a sitemap.xml next to every <link rel="alternate">),
url(...) and @import in inline styles (as plainly written: CSS escapes such as `\75 rl(`, image-set()
and url() in SVG attributes such as filter= are not read), and any element with the class "mermaid".
Plain links (<a href>) are clicks, not requests. Tags are read as a browser reads them (tags.py).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from ..base.markup import BROWSER_STRIPS
from .tags import attributes as tag_attributes
from .tags import first, start_tags

STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
STYLE_URL = re.compile(r"url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)", re.I)  # CSS: any case
# "5;url=…", "5; URL = '…'", "5, url=…", "5;…": a browser reads all of them (the HTML Standard's refresh)
REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"\s]+)", re.I)
FETCHED = {"src", "poster", "data", "ping", "background"}
FETCHED_HREF = {"link", "image", "use", "feimage", "base"}  # href fetched, not clicked (base: every relative URL)
MAY_FETCH = re.compile(r"(?:src|srcset|poster|data|ping|background|style)\s*=|mermaid|attributename", re.I)
ANIMATED = ("to", "from", "by", "values")  # what an SVG <animate> or <set> gives its attributeName (href)
XML_STYLESHEET = re.compile(r"<\?xml-stylesheet\b(.*?)\?>", re.S | re.I)  # an .svg's: fetched
ENDS = "".join(map(chr, range(0x21)))  # C0 controls and space: a browser strips them from a URL's ends


SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def cleaned(url: str) -> str:
    """A URL as a browser reads it first: tabs and line breaks out, control characters and spaces
    off both ends."""
    return BROWSER_STRIPS.sub("", url).strip(ENDS)


UNREADABLE = "ongeldig adres"  # an address Python cannot take apart (`//[x/`): a browser may still try it


def origin(url: str) -> str | None:
    """scheme://host[:port] of an absolute or protocol-relative URL; None for a relative one.

    The host as a browser compares it: lower case, without a trailing dot or the scheme's default port.
    Read as a browser reads a web address: a backslash is a slash (`/\\evil.example`, `https:\\\\evil`),
    and `http:evil.example` on an https page, with or without slashes, is that host (`https:x` on an https
    page is a path, but counts as a host here: more, never less)."""
    url = cleaned(url)
    written = SCHEME.match(url)
    if written and written.group(1).lower() in ("http", "https"):
        url = written.group(0) + "//" + url[written.end() :].replace("\\", "/").lstrip("/")
    elif not written and url.replace("\\", "/").startswith("//"):
        url = "https://" + url.replace("\\", "/").lstrip("/")
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return UNREADABLE
    if scheme in ("http", "https") and parts.netloc:
        default = {"http": 80, "https": 443}[scheme]
        return f"{scheme}://{host}" + (f":{port}" if port and port != default else "")
    return None


def animated(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(attribute, address) for what an SVG <animate> or <set> (a tag with attributeName) gives the
    attribute it animates, which may be an href: each ';'-separated item, as `values` lists them."""
    if not any(name == "attributename" for name, _ in pairs):
        return []
    return [(name, url.strip()) for name, value in pairs if name in ANIMATED for url in value.split(";") if url.strip()]


def _fetched_urls(element: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(attribute, URL) for every URL this element makes the browser fetch on its own. Every attribute
    is read, also the second of one name, and both of href and xlink:href, of which a browser uses one."""
    urls = animated(pairs)  # may set an <image>'s href: fetched
    for name, value in pairs:
        if name in FETCHED or (name == "href" and element in FETCHED_HREF):
            urls.append((name, value))
        elif name in ("srcset", "imagesrcset"):
            urls += [(name, c.split()[0]) for c in value.split(",") if c.strip()]
        elif name == "style":
            urls += [(name, a or b) for a, b in STYLE_URL.findall(value)]
    attributes = first(pairs)
    if element == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
        urls += [("content", u) for u in REFRESH_URL.findall(attributes.get("content", ""))]
    return urls


def foreign_requests(page_html: str, own_origin: str | None, xml: bool = False) -> list[tuple[str, str]]:
    """What in a page makes a browser contact an origin other than own_origin, in page order.

    `xml`: the page is XML (an .svg), whose element names may start with "_" or any letter.
    Each item is (URL, or "mermaid"; what asks for it), e.g.
    ("https://cdn.example/x.png", "<img src=\"https://cdn.example/x.png\">")."""
    found: list[tuple[str, str]] = []
    for block in STYLE_BLOCK.findall(page_html):
        urls = [html.unescape(a or b) for a, b in STYLE_URL.findall(block)]
        found += [(url, f"<style> met url({url})") for url in urls if origin(url) not in (None, own_origin)]
    for written in XML_STYLESHEET.findall(page_html):
        urls = [value for name, value in tag_attributes(written) if name == "href" and value]
        found += [(url, f"<?xml-stylesheet href={url}?>") for url in urls if origin(url) not in (None, own_origin)]
    for element, written in start_tags(page_html, xml=xml):
        if element not in FETCHED_HREF and element != "meta" and not MAY_FETCH.search(written):
            continue  # no attribute this element could fetch with, and no mermaid class: most tags
        pairs = [(name.removeprefix("xlink:"), value or "") for name, value in tag_attributes(written)]
        attributes = first(pairs)
        if "mermaid" in attributes.get("class", "").split():
            found.append(
                ("mermaid", f'<{element} class="{attributes["class"]}"> laat Material mermaid van unpkg.com laden')
            )
        found += [
            (url, f'<{element} {name}="{url}">')
            for name, url in _fetched_urls(element, pairs)
            if origin(url) not in (None, own_origin)
        ]
    return found
