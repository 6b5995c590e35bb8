"""Markdown written by researchers: validated at load time, rendered and sanitised at build time.

Validation is a fast line scan (it runs in `make check`, which must answer within a second
for a thousand experiments): raw HTML is refused with a clear message, and every link target
must be http(s), mailto or relative. Rendering then runs Python-Markdown and passes the
result through nh3's allow-list sanitiser, so that even a case the scan missed cannot reach
a reader's browser.

`MarkdownText` is the field kind for such text (and `check` validates a file's body).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markupsafe import Markup

from .context import INVALID, Ctx, Invalid
from .kinds import Text
from .links import url_problem
from .privacy import shown
from .text import check_characters
from .yamlio import Node, Scalar

FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
BACKTICKS = re.compile(r"`+")


def code_spans(line: str) -> list[tuple[int, int]]:
    """Where inline code lies in a line: a run of backticks opens a span that the next run of the
    same length closes (CommonMark). Linear time: a regex with a backreference, as used before,
    took minutes on a line of a few thousand backticks."""
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans, index = [], 0
    while index < len(runs):
        close = following[index]
        if close is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[close][1]))
        index = close + 1
    return spans


def without_code(line: str) -> str:
    """The line with its inline code removed (for checks that do not apply to code)."""
    if "`" not in line:
        return line
    kept, position = [], 0
    for start, end in code_spans(line):
        kept.append(line[position:start])
        position = end
    kept.append(line[position:])
    return "".join(kept)


RAW_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])|<!--|<\?|<!\[CDATA\[")
INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")  # no '<' inside: `<a:` repeated stays linear
MD_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])")


def _levels(lead: str) -> int:
    """How deep a line's lead nests it: one level a quote marker or four columns of indentation."""
    return lead.count(">") + len(lead.replace(">", "").expandtabs(4)) // 4


def link_target(raw: str) -> str:
    """The URL a browser will follow: Markdown backslash escapes and HTML entities resolved."""
    return html.unescape(MD_BACKSLASH.sub(r"\1", raw))


MAX_BRACKETS = 1000  # far beyond any real text; rendering time grows faster than their number
# Lists and quotes nested hundreds deep make Python-Markdown recurse until it fails (RecursionError):
# the leading indentation (four columns a level) and quote markers of a line.
NESTED = re.compile(r"[ \t>]{11,}")  # a lead long enough to be more than MAX_NESTING levels
MAX_NESTING = 10


def validate_markdown(text: str, first_line: int, path: str, ctx: Ctx) -> bool:
    """Record raw HTML and unsafe links in a Markdown text; True when it is clean."""
    ok = True
    if text.count("[") > MAX_BRACKETS:
        beyond = -1
        for _ in range(MAX_BRACKETS + 1):
            beyond = text.index("[", beyond + 1)
        ctx.error(
            first_line + text.count("\n", 0, beyond),
            path,
            f"de tekst heeft {text.count('[')} keer '[', meer dan {MAX_BRACKETS}; zo veel "
            "haken maken de site onevenredig traag om te bouwen; haal ze weg",
        )
        return False
    in_fence = ""
    # With code in it, what is code (and so not HTML or a link) is Python-Markdown's call, not this
    # scan's: the text is read as the renderer reads it (`_rendered_reading`), after the line checks.
    rendered = bool(CODE_MARKS.search(text))
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        nesting = NESTED.match(line)
        if nesting and _levels(nesting.group(0)) > MAX_NESTING:
            ctx.error(
                number,
                path,
                f"lijsten of citaten zijn hier dieper genest dan {MAX_NESTING} niveaus; zo diep leest niemand en "
                "Markdown kan het niet verwerken; maak de structuur platter",
            )
            return False
        if rendered:
            continue
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if not in_fence:
                in_fence = marker[0] * 3
            elif marker.startswith(in_fence):
                in_fence = ""
            continue
        if in_fence:
            continue
        visible = without_code(line)
        for match in AUTOLINK.finditer(visible):
            ok &= _check_link(match.group(1), number, path, ctx)
        without_autolinks = AUTOLINK.sub("", visible)
        html_match = RAW_HTML.search(without_autolinks)
        if html_match:
            ctx.error(
                number,
                path,
                f"ruwe HTML ({html_match.group(0)!r}…) is niet toegestaan; gebruik "
                "Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`",
            )
            ok = False
        for pattern in (INLINE_LINK, REFERENCE_LINK):
            for match in pattern.finditer(without_autolinks):
                ok &= _check_link(match.group(1), number, path, ctx)
    if rendered:
        ok &= _rendered_reading(text, first_line, path, ctx)
    return ok


CODE_MARKS = re.compile(r"`|~~~")
RENDERED_URL = re.compile(r'\s(href|src)="([^"]*)"')
BROWSER_STRIPS = re.compile(r"[\t\n\r]")  # a browser removes these from a URL before it reads it


class _Reading:
    """Python-Markdown as the renderer runs it, without the sanitiser: what it takes for raw HTML (it
    keeps that in its stash, after the fenced code blocks) and which links it makes."""

    def __init__(self) -> None:
        from . import mdengine  # on first use: most text is checked by the line scan alone

        self.md, self.fences = mdengine.reader(EXTENSIONS)

    def read(self, text: str) -> tuple[str, list[str]]:
        output = self.md.reset().convert(defuse_brackets(text))
        raw = [str(piece).strip() for piece in self.md.htmlStash.rawHtmlBlocks[self.fences.fenced :]]
        return output, [piece for piece in raw if piece.startswith("<")]  # entities (&amp;) are stashed too


_reading: _Reading | None = None


def line_of(text: str, first_line: int, needle: str) -> int:
    """The line of `text` (which starts on `first_line`) where `needle` first stands; `first_line` if nowhere."""
    at = text.find(needle) if needle else -1
    return first_line + text.count("\n", 0, at) if at >= 0 else first_line


def _rendered_reading(text: str, first_line: int, path: str, ctx: Ctx) -> bool:
    """Raw HTML and unsafe links as Python-Markdown reads the text (code spans and fences by its own
    rules: an escaped backtick, a fence closed by another marker); URLs after a browser's clean-up."""
    global _reading
    if _reading is None:
        _reading = _Reading()
    output, raw_html = _reading.read(text)
    ok = True
    for piece in raw_html:
        tag = RAW_HTML.search(piece)
        opening = tag.group(0) if tag else piece[:10]
        ctx.error(
            line_of(text, first_line, piece[:40].split("\n")[0]),
            path,
            f"ruwe HTML ({opening!r}…) is niet toegestaan; gebruik "
            "Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`",
        )
        ok = False
    for match in RENDERED_URL.finditer(output):
        written = match.group(2)
        url = BROWSER_STRIPS.sub("", html.unescape(written)).strip()
        problem = url_problem(url)
        if problem:
            ctx.error(line_of(text, first_line, url[:20]), path, f"{problem} (link: {shown(url[:60])!r})")
            ok = False
    return ok


def _check_link(raw: str, line: int, path: str, ctx: Ctx) -> bool:
    # Markdown renderers differ in which backslashes they treat as escapes (Python-Markdown keeps
    # `\/`, CommonMark drops it): the link must be safe read either way.
    problem = url_problem(link_target(raw)) or url_problem(html.unescape(raw))
    if problem:
        ctx.error(line, path, f"{problem} (link: {shown(raw[:60])!r})")
        return False
    return True


@dataclass
class MarkdownText(Text):
    """Markdown text (no raw HTML, safe links); checked by `validate_markdown`."""

    max_length: int = 20_000
    multiline: bool = True
    doc: str = "Markdown-tekst"

    def parse(self, node: Node, path: str, ctx: Ctx) -> str | Invalid:
        text = super().parse(node, path, ctx)
        if text is INVALID:
            return INVALID
        # A block scalar (`|`) starts on the line after its indicator.
        first = node.line + (0 if isinstance(node, Scalar) and node.plain else 1)
        return text if self.check(text, first, path, ctx) else INVALID

    def check(self, text: str, first_line: int, path: str, ctx: Ctx) -> bool:
        """Validate Markdown that did not come from a YAML node (a file's body)."""
        if len(text) > self.max_length:
            ctx.error(first_line, path, f"tekst is {len(text)} tekens, maximaal {self.max_length}; splits hem op")
            return False
        return check_characters(text, first_line, path, ctx) and validate_markdown(text, first_line, path, ctx)


ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}


MAX_BRACKET_DEPTH = 3  # a link holds at most an image: [![alt](img)](url)
EXTENSIONS = ("tables", "sane_lists", "fenced_code")  # how researcher Markdown is read and rendered


def defuse_brackets(text: str) -> str:
    """Escape every `[` that cannot open a link: unmatched, or nested deeper than a link can be.

    Python-Markdown looks for the end of a link from every `[`, which takes time quadratic in
    their number (24,000 `[` in one text took over a minute). A bracket that cannot start a link
    renders the same escaped, so the output is unchanged and the time stays linear. The same for
    `<`: Python-Markdown's inline patterns take time quadratic in the number of `<` that start no
    tag (48,000 characters of `<a:` took 15 s); every `<` but an autolink's is written `&lt;` (raw HTML
    is refused by the check, so it renders as the text it is). Code (fenced blocks and inline code)
    is left as written."""
    if text.count("[") < 64 and text.count("<") < 64:
        return text
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = FENCE.match(line)
        if opening:
            marker = opening.group(1)
            fence = marker[0] * 3 if not fence else ("" if marker.startswith(fence) else fence)
        out.append(line if fence or opening else _defuse_line(line))
    return "\n".join(out)


def _defuse_line(line: str) -> str:
    spans = code_spans(line) if "`" in line else []
    in_code = [False] * len(line)
    for start, end in spans:
        in_code[start:end] = [True] * (end - start)
    chars = list(line)
    stack: list[int] = []
    escape: set[int] = set()
    previous = ""
    for i, char in enumerate(line):
        if in_code[i]:
            previous = ""
            continue
        if previous == "\\":
            previous = ""
            continue
        if char == "[":
            if len(stack) >= MAX_BRACKET_DEPTH:
                escape.add(i)
            else:
                stack.append(i)
        elif char == "]" and stack:
            stack.pop()
        elif char == "<" and not AUTOLINK.match(line, i):
            chars[i] = "&lt;"
        previous = char
    escape.update(stack)
    for i in escape:
        chars[i] = "\\["
    return "".join(chars)


class _Renderer:
    """One reusable Python-Markdown instance (building one per call costs more than rendering)."""

    def __init__(self) -> None:
        from . import mdengine  # on first use: `make check` renders nothing

        self.md, self.shift = mdengine.renderer(EXTENSIONS)

    def render(self, text: str, heading_base: int) -> Markup:
        self.shift.base = heading_base
        raw = self.md.reset().convert(defuse_brackets(text))
        clean = nh3.clean(
            raw,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener",
        )
        return Markup(clean)


_renderer: _Renderer | None = None

# Hand-written pages are rendered before any engine sees them (pages/handwritten_pages.py); their
# checked Markdown passes this allow-list too, so a case the check missed still cannot reach a reader.
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2", "div", "span", "img"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "*": {"id", "class"}, "img": {"src", "alt", "title"}}


@lru_cache(maxsize=16384)
def render_markdown(text: str, heading_base: int = 3) -> Markup:
    """Researcher Markdown as sanitised HTML, its headings starting at h{heading_base}.

    Cached: findings appear on a profile and on a round page, and `make serve` rebuilds often."""
    global _renderer
    if _renderer is None:
        _renderer = _Renderer()
    return _renderer.render(text, heading_base)


class _TextOf(HTMLParser):
    """The text a reader sees in sanitised HTML: blocks apart, list items and table rows on a line."""

    BLOCKS = {"p", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pre += tag == "pre"
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in ("li", "tr", "br"):
            self.parts.append("\n- " if tag == "li" else "\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        self.pre -= tag == "pre"
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.pre else data.replace("\n", " "))


@lru_cache(maxsize=16384)
def markdown_text(text: str) -> str:
    """Researcher Markdown as the plain text a reader sees on the page (sanitised like the page):
    for exports, where Markdown syntax or anything the sanitiser removed must not travel.

    Cached like `render_markdown`: a finding travels to two feeds and the open data."""
    parser = _TextOf()
    parser.feed(str(render_markdown(text)))
    parser.close()
    lines = [" ".join(line.split()).removeprefix("| ") for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_line(text: str) -> str:
    """Researcher Markdown as one line of the text a reader sees: descriptions, feeds, abstracts in exports."""
    return " ".join(markdown_text(text).split())


MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def md_escape(text: str) -> str:
    """Plain text placed in generated Markdown: no markup, no HTML, shown as written."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
