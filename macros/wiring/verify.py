"""`python -m macros verify SITE_DIR`: the output gate, over every file of a built site.

The content check reads sources; readers and programs receive the output, and Markdown, entities,
links and slugs turn one into the other (`123**456**782` is a BSN on the page; `jan&#64;x.nl` an
e-mail address). So the gate reads what a browser or a program will see, in every file:

    HTML        text (tags out, entities decoded, a line break a space), attribute values
                (decoded; URLs also percent-decoded), JSON-LD and other script text
    XML         feeds and sitemaps, element by element (an Atom entry's escaped HTML read again)
    iCalendar   unfolded, its escapes undone
    JSON, CSV   every string and cell (the search index, open data, CSL-JSON, schemas)
    others      BibTeX, RIS, text, the site's own CSS and JS as text; file names percent-decoded

and fails on:

- personal data anywhere in that (the privacy scan of `base/privacy.py`), also digits in a URL
  that are a phone number in international form (`https://wa.me/31612345678`, `tel:`);
- anything a browser would fetch from another origin (`wiring/origins.py`), on every page;
- what would run in a reader's browser and is not the theme's: an event-handler attribute, a
  javascript:/data: address (also one an SVG animation gives a link), an iframe's srcdoc, a script
  in an article, and in an .svg, .htm or .xml file (opened, a browser runs those too) any script or
  XML entity; each tag's attributes read as a browser's tokenizer reads them (`wiring/tags.py`),
  and a file with so many tags inside tags that reading them would take too long is refused;
- an internal link or anchor that resolves to nothing, and a request the theme makes that would
  (Material's sitemap.xml beside every rel="alternate");
- on the demo (`extra.demo`), a file, a record, a link preview or structured data that does not
  say it is fictional.

Public venue addresses (a lecture's `street` with its `postcode`, listed in `sources.json`) pass.

Each problem names the output file and, where the export's `sources.json` is given, the source
that produced it, with the line where the value stands after decoding:
`site/experimenten/delft/index.html ← experiments/delft/ronde-1.md:9: privacy: …`. The value
itself is never printed. Files the engine copies from its theme (Material's JavaScript, CSS and
fonts) carry no content and are read for requests to other origins only.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
import os
import posixpath
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..base import fictional
from ..base.parallel import fork_map, worth_forking
from ..base.privacy import FIX, FIX_FILE, kinds_in, name_kinds, shown
from .origins import UNREADABLE, animated, cleaned, foreign_requests, origin
from .tags import SPACE, SPACES, TANGLED, Budget, Tangled, attributes, first, start_tags, tag_at

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a cell as long as a page may be: the file size decides

# Tags whose start or end a reader sees as a break between words; every other tag joins its text.
BREAKS = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|br|hr|tr|td|th|dt|dd|dl|table|thead|tbody|section|article|header|footer|nav"
    r"|aside|main|label|title|option|pre|blockquote|figure|figcaption|details|summary|button|form|input|select"
    r"|textarea|svg|path|script|style)\b)[^>]*>",
    re.I,
)
ANY_TAG = re.compile(r"<[^>]*>")
COMMENT = re.compile(r"<!--.*?-->", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
TABINDEX = b' tabindex=""'
SETTLE = 0.1  # seconds since a page was last written before `read_while` reads it
DIGITS_IN_URL = re.compile(r"(?<![0-9])[0-9]{10,15}(?![0-9])")
ARTICLE = '<article class="md-content__inner md-typeset">'
# Links a reader follows or a browser fetches on the site itself: checked to resolve.
# (At most 2,000 characters before the address, so text of tags that never end costs no square time;
# the site's own tags have at most 91.)
LINK = re.compile(r"<(a|link|img|script|source)\b[^>]{0,2000}?\s(?:href|src)=\"([^\"]*)\"", re.I)
IDS = (re.compile(r' id="([^"]*)"'), re.compile(r' name="([^"]*)"'))  # a literal start: found at C speed
ATTRIBUTE_VALUE = re.compile(r"=\s*(?:\"([^\"]*)\"|'([^']*)')")  # every quoted attribute value
# What a browser could fetch without a click (origins.py reads these): a page part without any is skipped.
# (Lower-case substrings, looked for in the lowered text: a pattern with these alternatives took 1.5 s at
# N = 1,000. Each is in every such attribute or element however it is written, "data = …" too.)
MAY_REQUEST: tuple[str, ...] = (
    "src",
    "poster",
    "<object",  # the one element that fetches its data
    "ping",
    "background",
    "style",
    "http-equiv",
    "<link",
    "<base",
    "<image",
    "<use",
)
MAY_REQUEST += ("<feimage", "mermaid", "attributename")
# What the engine copies from its theme: code and fonts, no content.
THEME_FILES = re.compile(r"assets/(?:javascripts|stylesheets|fonts|images)/|search/(?:worker|lunr)")
BINARY = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".pdf", ".woff", ".woff2", ".ttf", ".eot")
# Files without content of their own on the demo: the engine's list of the demo's own addresses,
# and the site's stylesheet and scripts (the same code on both sites).
NO_MARK_NEEDED = re.compile(r"sitemap\.xml(?:\.gz)?|assets/[^/]+\.(?:css|js)|data/schemas/.*")
DEMO_BANNER = "Fictieve voorbeeldinhoud."  # the demo's banner (theme/main.html) and redirect pages say it
FIX_NAME = FIX_FILE.replace("hernoem het bestand", "geef het een andere naam (of slug)")
OUTSIDE = "\0outside"  # a link above the site's root
CANDIDATE = re.compile(r"[0-9@]|[\[({<] ?at ?[\])}>]", re.I)  # privacy.find's own first test
SEPARATOR = "\n\n\n\n"  # between values scanned together: no rule reaches across a blank line
ALTERNATE = re.compile(r'<link rel="alternate"[^>]*?\shref="([^"]*)"')  # exactly "alternate", as Material selects
OG_TITLE = re.compile(r'<meta property="og:title" content="([^"]*)"')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# What would run in a reader's browser: an event-handler attribute, an address to follow that runs code
# (read as a browser cleans it up), an iframe's page of its own (srcdoc).
HANDLER = re.compile(r"on[a-z]+")
FOLLOWED = frozenset({"href", "src", "action", "formaction", "data"})  # and every prefix:href (xlink:href)
RUNS = ("javascript:", "vbscript:", "data:")
# A page part holds none of those unless its lower-cased text holds one of these (found at C speed; its
# tags are then read one by one, tags.py): "on…=" after a space, a "/" or a quote; an address attribute
# whose value does not start as a plain http(s), mailto, in-page or relative address (entities, control
# characters and every other scheme do not); srcdoc; an SVG animation (attributeName).
MAY_RUN = (
    re.compile(rf"[{SPACE}/\"']on[a-z]+[{SPACE}]*="),
    re.compile(
        rf"(?:href|src|action|data)[{SPACE}]*=[{SPACE}]*(?![\"']?(?:https?://|mailto:|[#/.?]|[a-z0-9_~-]+[/.#?\"'> ]))"
    ),
    re.compile("srcdoc"),
    re.compile("attributename"),  # apart: a literal is found at C speed, an alternation is not
)
ARTICLE_SCRIPT = {False: re.compile(r"<script\b", re.I), True: re.compile(r"<(?:[^\s/>:]+:)?script\b", re.I)}
ENTITY = re.compile("<!entity")  # an XML entity can write any address: href="&j;"
# Files a browser opens as a page besides .html (the theme's: an SVG image; docs/ takes none). An .xml
# file (a feed, a sitemap) is read for code too: opened, an XHTML element in it runs.
SCRIPTABLE = (".svg", ".htm", ".xhtml", ".xht", ".shtml")
XML = (".svg", ".xhtml", ".xht", ".xml")  # XML to a browser: <h:script> under XHTML's namespace runs
DATA_BLOCK = "application/ld+json"  # the one script type an article may hold: data, not code
SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)  # the theme's icons: path data, no text
SEARCH_INDEX = re.compile(r"search/search_index\.json|search\.json")  # MkDocs's, Zensical's
FICTIONAL = re.compile(r"fictie|verzonnen", re.I)
MARK = re.compile(r"fictie(?:f|ve) voorbeeld|" + re.escape(fictional.TITLE_MARK.strip()), re.I)


@dataclass
class Found:
    """One problem in one output file (never the value that holds it); `what`: the kind of personal
    data, for finding the source line (Sources.locate)."""

    output: str
    field: str
    message: str
    what: str = ""


@dataclass
class FileResult:
    findings: list[Found] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href as written, resolved site path)
    ids: str = ""  # the page's ids, one a line (a string: quick to hand from a worker to the parent)


def decoded_text(markup: str) -> str:
    """What a reader sees of HTML: a line break in the source is a space (`Bel 06⏎12345678` reads as
    one number), a block element a new line, other tags nothing; entities decoded."""
    if "<!--" in markup:
        markup = COMMENT.sub("", markup)
    return html.unescape(ANY_TAG.sub("", BREAKS.sub("\n", markup.replace("\n", " "))))


def xml_text(markup: str) -> str:
    """What a program reads of XML: every element's text on its own line, entities decoded (an
    Atom entry's escaped HTML comes out as HTML, read again with `decoded_text`)."""
    return html.unescape(ANY_TAG.sub("\n", COMMENT.sub("", markup)))


def url_values(url: str) -> list[str]:
    """A URL as a program reads it: percent-decoded, plus the digit runs in it as international
    phone numbers (wa.me/31612345678, tel:0031…) for the scan."""
    decoded = unquote(url)
    return [decoded] + [f"+{d}" for d in DIGITS_IN_URL.findall(decoded.replace("-", ""))]


def _strings(value: object) -> Iterator[str]:
    """Every string in a JSON document: keys and values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _ics_text(text: str) -> str:
    """What a calendar shows: lines unfolded, escapes undone; the UID (the generator's identifier of
    an event, made from the lecture's checked id) is no text for people and is left out."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    unfolded = re.sub(r"(?m)^UID:.*$", "", unfolded)
    return unfolded.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")


class Reader:
    """Everything the gate needs to read one file, shared by the worker processes."""

    def __init__(
        self,
        root: Path,
        files: frozenset[str],
        site_url: str,
        demo: bool,
        known: Known | None = None,
        fix_tabindex: bool = False,
        public: tuple[str, ...] = (),
    ) -> None:
        self.root = root
        self.public = public  # text taken out before the scan: public venue addresses
        self.known = known or {}  # results of files read before (as the export wrote them), by content
        self.fix_tabindex = fix_tabindex
        self.files = files
        self.own = origin(site_url)
        self.base_path = urlsplit(site_url).path or "/"
        self.demo = demo
        self.seen: dict[str, tuple[str, ...]] = {}  # values already scanned in this process: what they hold
        self.lines: set[str] = set()  # lines of the theme's chrome already read in this process
        self.links: set[tuple[str, str]] = set()  # (folder, link) already resolved in this process

    def read(self, rel: str, data: bytes | None = None, write_fix: bool = True) -> FileResult:
        """What the gate finds in one file (`data`: its bytes, when already read). `write_fix`: write the
        tabindex correction back (not while the engine may still be writing, see `read_while`)."""
        result = FileResult()
        for part in unquote(rel).split("/"):
            for what in name_kinds(part):
                result.findings.append(Found(rel, "bestandsnaam", f"{what}; {FIX_NAME}", what))
        if rel.lower().endswith(BINARY):
            return result
        if data is None:
            data = (self.root / rel).read_bytes()
        fixed = data
        if self.fix_tabindex and rel.endswith(".html") and TABINDEX in data:
            fixed = data.replace(TABINDEX, b"")
            if write_fix:
                (self.root / rel).write_bytes(fixed)
        if rel in self.known:
            digest, earlier = self.known[rel]
            if digest == _digest(data):
                return earlier  # the very bytes the gate read before: from the export, or while the engine ran
        data = fixed
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
        kind = rel.lower()
        if kind.endswith(".html"):
            self._html(rel, text, result)
            return result
        theme = THEME_FILES.match(rel)
        if kind.endswith(SCRIPTABLE) or theme:
            self._tags(rel, result, partial(self._requests, rel, text, result))
        if kind.endswith((*SCRIPTABLE, ".xml")):  # no page of the theme: read whole, as its article
            code = partial(self._executable, rel, text, text, text.lower(), result, kind.endswith(XML))
            self._tags(rel, result, code)
        if theme:
            return result
        values = self._values(rel, text)
        self._scan(rel, values, result)
        if self.demo and not NO_MARK_NEEDED.fullmatch(rel) and not _marked(rel, text, values):
            result.findings.append(
                Found(
                    rel,
                    "fictief",
                    "zegt niet (bij elk item) dat de inhoud verzonnen is; elke download van de "
                    "voorbeeldsite zegt dat in zijn eigen veld (base/fictional.py)",
                )
            )
        return result

    def _values(self, rel: str, text: str) -> list[str]:
        suffix = rel.rsplit(".", 1)[-1].lower()
        if suffix == "json":
            try:
                # Each distinct string once: the search index repeats its keys and many titles (at
                # N = 1,000 its 112,000 strings are 30,000 distinct ones).
                strings = dict.fromkeys(_strings(json.loads(text)))
                return [decoded_text(s) if "<" in s or "&" in s else s for s in strings]
            except ValueError:
                return [text]
        if suffix == "csv":
            return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        if suffix == "ics":
            return [_ics_text(text)]
        if suffix in ("xml", "gz", "svg"):
            return [decoded_text(value) if "<" in value else value for value in xml_text(text).split("\n")]
        return [text]

    def _scan(self, rel: str, values: Iterable[str], result: FileResult) -> None:
        """The privacy scan of every value: a value seen before in this process (the theme's navigation
        and footer repeat on every page) is looked up; the new ones are scanned in one pass, and one by
        one only where that pass finds something."""
        values = [v for v in values if CANDIDATE.search(v)]
        if self.public:
            values = [_without(v, self.public) for v in values]
        new = [v for v in dict.fromkeys(values) if v not in self.seen]
        if new:
            if kinds_in(SEPARATOR.join(new)):
                self.seen.update((v, tuple(dict.fromkeys(what for _, what in kinds_in(v)))) for v in new)
            else:
                self.seen.update((v, ()) for v in new)
        for value in dict.fromkeys(values):
            for what in self.seen[value]:
                result.findings.append(Found(rel, "privacy", f"{what}; {FIX}", what))

    def _requests(self, rel: str, text: str, result: FileResult) -> None:
        kind = rel.lower()
        if kind.endswith(".css"):
            text = f"<style>{text}</style>"
        elif not kind.endswith((".html", *SCRIPTABLE)):
            return
        for url, what in foreign_requests(text, self.own, xml=kind.endswith(XML)):
            what = what if shown(what) == what else f"een verzoek aan {shown(url)}"
            result.findings.append(
                Found(
                    rel,
                    "herkomst",
                    f"{what}: de browser van elke lezer vraagt dan iets op bij een andere "
                    "partij, wat de privacyverklaring uitsluit",
                )
            )
            del url

    def _html(self, rel: str, text: str, result: FileResult) -> None:
        """A page: its article whole; of the theme's chrome around it (header, navigation, footer: the
        same lines on every page) only the lines not read before in this process. Links and ids
        are taken from the whole page, since a relative link means something else on every page."""
        start = text.find(ARTICLE)
        end = text.rfind("</article>", start) if start >= 0 else -1  # the last: "</article>" in a value ends nothing
        article = end >= 0
        if not article:  # not a page of the theme (a redirect page): read whole
            start, end = 0, len(text)
        new_lines = [line for line in (text[:start] + "\n" + text[end:]).split("\n") if line not in self.lines]
        self.lines.update(new_lines)
        pieces = (text[start:end], "\n".join(new_lines))
        lowered = [piece.lower() for piece in pieces]
        for piece, low in zip(pieces, lowered, strict=True):  # apart: every page has a new <link> line
            if any(hint in low for hint in MAY_REQUEST):
                self._tags(rel, result, partial(self._requests, rel, piece, result))
        part = "\n".join(pieces)
        self._tags(
            rel,
            result,
            partial(self._executable, rel, text[start:end] if article else "", part, "\n".join(lowered), result),
        )
        part = SVG.sub("<svg></svg>", part)
        values: list[str] = []
        for double, single in ATTRIBUTE_VALUE.findall(SCRIPT.sub("<script>", part)):
            raw = double or single
            if CANDIDATE.search(raw):  # a digit, an @ or an "at": what any rule starts from
                values += url_values(html.unescape(raw))
        values += [decoded_text(s) if "<" in s else html.unescape(s) for s in SCRIPT.findall(part)]
        # The text by block (a paragraph, a list item, a cell: no rule reaches across blocks), so a block
        # that stands on many pages (a finding on its profile and its round page) is scanned once.
        values += [block.strip() for block in decoded_text(SCRIPT.sub("", part)).split("\n\n")]
        self._scan(rel, values, result)
        ids = {html.unescape(i) for pattern in IDS for i in pattern.findall(text)}
        for alternate in ALTERNATE.findall(text):  # Material asks for sitemap.xml beside each one
            target = self._internal(rel, posixpath.join(posixpath.dirname(html.unescape(alternate)), "sitemap.xml"))
            if target is not None:
                result.links.append((f"sitemap.xml (gevraagd door het thema, naast {alternate})", target))
        folder = posixpath.dirname(rel)
        for match in LINK.finditer(text):
            value = html.unescape(match.group(2))
            # The same link from the same folder means the same target: checked once (a link that
            # climbs to the site's root, as the theme's navigation does, is the same from every folder).
            climbs = _leading_ups(value) > folder.count("/")
            key = (rel if value.startswith("#") else "" if climbs and folder else folder, value)
            if key in self.links:
                continue
            self.links.add(key)
            target = self._internal(rel, value)
            if target is None:
                continue
            path, _, anchor = target.partition("#")
            if path == rel:
                problem = _broken(target, {rel: frozenset(ids)}, frozenset({rel}))
                if problem:
                    result.findings.append(Found(rel, "link", f"de link '{shown(value[:80])}' {problem}"))
            else:
                result.links.append((value, target))  # another page's anchor: known once every page is read
        result.ids = "\n".join(sorted(ids))
        if self.demo:
            self._demo_marks(rel, text, result)

    def _demo_marks(self, rel: str, text: str, result: FileResult) -> None:
        """A demo page says it is fictional to readers (the banner) and to the programs that read only
        its link preview (og:title) or its structured data (JSON-LD)."""
        if DEMO_BANNER not in text:
            result.findings.append(
                Found(rel, "fictief", "de pagina mist de band 'Fictieve voorbeeldinhoud' (theme/main.html)")
            )
        preview = OG_TITLE.search(text)
        if preview and not FICTIONAL.search(html.unescape(preview.group(1))):
            result.findings.append(
                Found(rel, "fictief", "og:title (de voorvertoning van een link) zegt niet dat dit verzonnen is")
            )
        for block in JSON_LD.findall(text):
            try:
                data = json.loads(block)  # script text: a browser decodes no entities in it
            except ValueError:
                continue
            if not any(MARK.search(v) for v in _strings(data)):
                result.findings.append(
                    Found(rel, "fictief", "de gestructureerde gegevens (JSON-LD) zeggen niet dat dit verzonnen is")
                )

    def _tags(self, rel: str, result: FileResult, check: Callable[[], None]) -> None:
        """Run a check that reads tags (tags.py); a file too tangled to read is refused, once, and
        the file's other checks still run."""
        try:
            check()
        except Tangled:
            if not any(found.field == "opmaak" for found in result.findings):
                result.findings.append(Found(rel, "opmaak", TANGLED))

    def _executable(
        self, rel: str, article: str, part: str, lowered: str, result: FileResult, xml: bool = False
    ) -> None:
        """What would run in a reader's browser and is not the theme's: an event-handler attribute, a
        javascript:, vbscript: or data: address to follow or to animate a link to (SVG), an iframe's srcdoc,
        a script in the article (only JSON-LD data)."""
        found = []
        if any(hint.search(lowered) for hint in MAY_RUN):
            for _, written in start_tags(part, xml=xml):
                pairs = [(name, value) for name, value in attributes(written) if value is not None]
                found += [f"<… {name}=…>" for name, _ in pairs if HANDLER.fullmatch(name) or name == "srcdoc"]
                followed = [(name, url) for name, url in pairs if name in FOLLOWED or name.endswith(":href")]
                for name, url in followed + animated(pairs):
                    url = cleaned(url).lower()
                    if url.startswith(RUNS):
                        found.append(f'{name}="{url.split(":", 1)[0]}:…"')
        budget = Budget(len(article))  # one for every script: each reads on to its tag's end
        for match in ARTICLE_SCRIPT[xml].finditer(article):
            tag = tag_at(article, match.start(), budget, xml)
            if tag is None or (  # None: "<1:script", no tag to a parser, a script to this check
                tag[0].rpartition(":")[2] == "script"
                and first(attributes(tag[1])).get("type", "").strip(SPACES).lower() != DATA_BLOCK
            ):
                found.append("<script>")
        if ENTITY.search(lowered):
            found.append("<!ENTITY>")
        for what in dict.fromkeys(found):
            result.findings.append(
                Found(
                    rel,
                    "uitvoerbaar",
                    f"{what}: dit zou in de browser van elke lezer code uitvoeren; "
                    "haal het weg (de opmaak van inhoud is tekst, geen code)",
                )
            )

    def _internal(self, page: str, url: str) -> str | None:
        """The site file (with '#anchor') a same-site link points at; None for other sites and schemes.
        The site's own host counts however it is written (http or https, a default port, a final dot)."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return UNREADABLE
        if parts.scheme or parts.netloc:
            if parts.scheme.lower() not in ("http", "https", ""):
                return None
            there = origin(url)
            if there == UNREADABLE:
                return UNREADABLE
            if not self.own or (there or "").split("://")[-1] != self.own.split("://")[-1]:
                return None
        path = unquote(parts.path)
        if not path:
            return f"{page}#{parts.fragment}" if parts.fragment else None
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return OUTSIDE
            resolved = posixpath.normpath(path[len(self.base_path) :]) + ("/" if path.endswith("/") else "")
            resolved = "" if resolved in (".", "./") else resolved
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            if resolved == ".." or resolved.startswith("../"):
                return OUTSIDE
            resolved = "" if resolved == "." else resolved + ("/" if path.endswith("/") else "")
        if resolved == "" or resolved.endswith("/"):
            resolved += "index.html"
        return resolved + (f"#{parts.fragment}" if parts.fragment else "")


def _marked(rel: str, text: str, values: list[str]) -> bool:
    """Whether a file of the demo says it is fictional: every record of a data list (`fictief` or a
    note), every CSV row (the `fictief` column), the mark of its format anywhere else; the search
    index, made by the engine from the pages, in the text of some page."""
    if SEARCH_INDEX.fullmatch(rel):
        return any(FICTIONAL.search(v) for v in values)
    if rel.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            return False
        if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
            if any(fictional.FIELD in item for item in data):  # open data: the field on every record
                return all(item.get(fictional.FIELD) is True for item in data)
            return all(any(MARK.search(v) for v in _strings(item)) for item in data)  # CSL-JSON: a note each
    if rel.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        return bool(rows) and all(
            (row.get(fictional.FIELD) or "").strip().lower() in ("true", "ja", "1") for row in rows
        )
    return any(MARK.search(v) for v in values)


def _without(value: str, public: tuple[str, ...]) -> str:
    for text in public:
        if text in value:
            value = value.replace(text, "")
    return value


def _leading_ups(link: str) -> int:
    """How many folders a relative link climbs before anything else ('../../a' climbs two)."""
    count = 0
    while link.startswith("../", 3 * count):
        count += 1
    return count


def _read_one(reader: Reader, rel: str) -> FileResult | None:
    """What the gate finds in one file; None when that is what it found before (`known`): the
    caller has that result already, and a worker need not pickle it back (at N = 1,000 sending the
    results of the pages read beside the engine took about a tenth of a second)."""
    result = reader.read(rel)
    return None if rel in reader.known and result is reader.known[rel][1] else result


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


Known = dict[str, tuple[bytes, FileResult]]


def read_ahead(folder: Path, files: Iterable[str], *, site_url: str, demo: bool, public: tuple[str, ...] = ()) -> Known:
    """The gate over files the engine will copy as they are (feeds, calendars, downloads, open data),
    read from the export in this process while the engine builds: `verify_site(known=…)` then only
    checks that the site holds the same bytes."""
    reader = Reader(folder, frozenset(), site_url, demo, public=public)
    return {rel: (_digest((folder / rel).read_bytes()), reader.read(rel)) for rel in files}


def read_while(
    running: Callable[[float], bool],
    site_dir: Path,
    known: Known,
    pages: Iterable[str],
    *,
    site_url: str,
    demo: bool,
    public: tuple[str, ...] = (),
) -> None:
    """The gate over the `pages` (paths in the site) the engine has written, while it is `running(s)`
    (which waits up to s seconds for the engine to end and tells whether it still runs; the engine
    writes the pages one by one in the second half of its build, on one core; this runs on the other).
    Each result goes into `known` with the digest of the bytes read: `verify_site` reuses it only for
    a page whose bytes are the same at the end, and reads any other file (a page still being written,
    one not in `pages`) again.

    Only the pages not read yet are looked at, one `stat` each, every 0.2 s, a pause that ends when
    the engine does (a plain sleep cost each build about 0.1 s): walking the whole growing tree
    on each round (as the first version did) cost seconds of CPU at N = 1,000, taken from the engine."""
    reader = Reader(site_dir, frozenset(), site_url, demo, fix_tabindex=True, public=public)
    waiting = {rel: os.path.join(site_dir, rel) for rel in pages}
    while waiting and running(0):
        now, settled = time.time(), []
        for rel, path in waiting.items():
            try:
                if now - os.stat(path).st_mtime > SETTLE:
                    settled.append(rel)
            except OSError:  # not written yet
                continue
        if not settled:
            if not running(0.2):  # a pause that ends when the engine does (within 50 ms)
                return
            continue
        for rel in sorted(settled):
            if not running(0):
                return
            data = Path(waiting.pop(rel)).read_bytes()
            known[rel] = (_digest(data), reader.read(rel, data, write_fix=False))


@dataclass(frozen=True)
class Sources:
    """Where each output came from (the export's sources.json) and how to find the line of a value."""

    project: Path | None
    by_output: dict[str, list[str]]
    content_root: str = "."
    public: tuple[str, ...] = ()  # public venue addresses (street and number), which are no personal data

    @classmethod
    def load(cls, manifest: Path | None, project: Path | None, content_root: str = ".") -> Sources:
        data: dict = {}
        if manifest is not None and manifest.is_file():
            data = json.loads(manifest.read_text(encoding="utf-8"))
        return cls(project, data.get("outputs", {}), content_root, tuple(data.get("public", ())))

    def candidates(self, output: str) -> list[str]:
        listed = list(self.by_output.get(output, ()))
        if self.project is None:
            return listed
        more = []
        for source in listed:  # an experiment's record and its round reports make one profile
            folder = posixpath.dirname(source)
            if posixpath.basename(posixpath.dirname(folder)) == "experiments":
                more += sorted(p.relative_to(self.project).as_posix() for p in (self.project / folder).glob("*.md"))
        if listed:
            return list(dict.fromkeys(listed + more))
        roots = [self.project / self.content_root / d for d in ("experiments", "lectures", "publications", "docs")]
        return [
            p.relative_to(self.project).as_posix()
            for root in roots
            if root.is_dir()
            for p in sorted(root.rglob("*"))
            if p.suffix in (".yml", ".yaml", ".md", ".bib") and p.is_file()
        ]

    def locate(self, found: Found) -> str:
        """'source:line' of the value behind a finding, or the listed source, or ''."""
        candidates = self.candidates(found.output)
        if self.project is None or not found.what:
            return candidates[0] if len(candidates) == 1 else ""
        for source in candidates:
            try:
                lines = (self.project / source).read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                continue
            if found.field == "bestandsnaam" and found.what in name_kinds(posixpath.basename(source)):
                return f"{source}:1"
            for number, line in enumerate(lines, 1):
                if found.field == "bestandsnaam" and found.what in name_kinds(line.strip()):
                    return f"{source}:{number}"  # a slug or id that names a published file
                for reading in _readings(line):
                    if any(what == found.what for _, what in kinds_in(reading)):
                        return f"{source}:{number}"
            for number, (line, after) in enumerate(zip(lines, lines[1:], strict=False), 1):
                for reading in _readings(f"{line} {after}"):  # a value across a line break
                    if any(what == found.what for _, what in kinds_in(reading)):
                        return f"{source}:{number}"
        return candidates[0] if len(candidates) == 1 else ""


def _readings(line: str) -> list[str]:
    """A source line as the output may show it: as written, with Markdown emphasis and escapes
    removed, entities decoded, URLs percent-decoded (and their digit runs as phone numbers)."""
    plain = re.sub(r"[*_`~\\]", "", line)
    decoded = html.unescape(plain)
    return [line, plain, decoded, decoded.replace("|", ","), *url_values(decoded)]  # a table row read as one


def verify_site(
    site_dir: Path,
    *,
    site_url: str,
    demo: bool,
    sources: Sources | None = None,
    label: str | None = None,
    parallel: bool = True,
    known: Known | None = None,
    fix_tabindex: bool = False,
) -> list[str]:
    """Every problem of the built site in `site_dir`, as `label/file ← source:line: field: message`.

    `known`: files read ahead (`read_ahead`); `fix_tabindex`: the build's correction of what
    Material writes wrongly (tabindex="" on navigation labels: invalid HTML, the same as none),
    made in the same reading of each page."""
    sizes = file_sizes(site_dir)
    files = sorted(f for f in sizes if not f.startswith(".waardevol-werk-build"))
    reader = Reader(site_dir, frozenset(files), site_url, demo, known, fix_tabindex, sources.public if sources else ())
    # A file read before (`known`) costs a digest of its bytes; one read now costs its scan, about
    # twenty times as much a byte (the search index alone is a fifth of the work after the engine).
    found_in = fork_map(
        _read_one,
        files,
        reader,
        parallel=parallel and worth_forking(len(files) // 2),
        cost=lambda rel: sizes[rel] * (1 if rel in reader.known else 20),
    )
    changed = [rel for rel, result in zip(files, found_in, strict=True) if rel in reader.known and result is not None]
    if any(rel.endswith(".html") for rel in changed):
        # A page read before changed since. What that reading saw once for all pages (a line of the
        # theme's chrome, a link from a folder) was recorded on the first page that had it, maybe on
        # this one only: every page read before is read again, by one reader that sees them all.
        again = [rel for rel in files if rel in reader.known and rel.endswith(".html")]
        fresh = Reader(site_dir, frozenset(files), site_url, demo, None, fix_tabindex, reader.public)
        read_again = fork_map(_read_one, again, fresh, parallel=parallel and worth_forking(len(again) // 2))
        redone = dict(zip(again, read_again, strict=True))
        found_in = [redone.get(rel, result) for rel, result in zip(files, found_in, strict=True)]
    results = [reader.known[rel][1] if result is None else result for rel, result in zip(files, found_in, strict=True)]
    ids = {rel: frozenset(result.ids.split("\n")) for rel, result in zip(files, results, strict=True) if result.ids}
    findings: list[Found] = []
    for rel, result in zip(files, results, strict=True):
        findings += result.findings
        for href, target in result.links:
            problem = _broken(target, ids, reader.files)
            if problem:
                findings.append(Found(rel, "link", f"de link '{shown(href[:80])}' {problem}"))
    label = label or site_dir.name
    sources = sources or Sources(None, {})
    lines = []
    for found in findings:
        where = sources.locate(found)
        output = "/".join("…" if name_kinds(part) else part for part in unquote(found.output).split("/"))
        source = "/".join("…" if name_kinds(part) else part for part in where.split("/"))  # a name may hold it too
        lines.append(f"{label}/{output}" + (f" ← {source}" if where else "") + f": {found.field}: {found.message}")
    return list(dict.fromkeys(lines))


def file_sizes(folder: Path) -> dict[str, int]:
    """The size of every regular file under `folder` (through a link to one too), by its path there;
    links to folders are not followed, as `Path.rglob` does not. One `stat` per file and no Path
    objects: at N = 1,000 (5,152 files) 0.03 s, where rglob, is_file and stat took 0.12 s. A folder
    that cannot be read raises OSError (rglob skipped it, and the gate would not have seen its files)."""
    sizes: dict[str, int] = {}
    stack = [("", os.fspath(folder))]
    while stack:
        prefix, current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                try:
                    info = entry.stat()
                except OSError:  # a link to nothing
                    continue
                if stat.S_ISREG(info.st_mode):
                    sizes[prefix + entry.name] = info.st_size
    return sizes


def _broken(target: str, ids: dict[str, frozenset[str]], files: frozenset[str]) -> str:
    if target == OUTSIDE:
        return "wijst buiten de site (een pad buiten het adres van de site)"
    if target == UNREADABLE:
        return "is geen geldig adres"
    path, _, anchor = target.partition("#")
    if path not in files and f"{path}/index.html" in files:
        path += "/index.html"  # a folder without its slash: the server adds it
    if path not in files:
        return "leidt naar een pagina of bestand dat de site niet heeft"
    if anchor and path.endswith(".html") and unquote(anchor) not in ids.get(path, frozenset()):
        return f"leidt naar een kopje (#{shown(anchor[:40])}) dat die pagina niet heeft"
    return ""
