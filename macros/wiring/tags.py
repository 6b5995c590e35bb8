"""Start tags and their attributes as a browser's tokenizer reads them (the HTML Standard, 13.2.5).

The output gate judges what a browser does with a page (what it runs, what it fetches), so it has to
find the attributes a browser finds:

- a tag's name runs to a space, "/" or ">": `<svg/onload=…>` is an svg with an onload attribute;
- an attribute starts after a space, a "/" or a quoted value: `<img src="x"onerror=…>` has two;
- an attribute's name runs to a space, "/", ">" or "=" (quotes and "<" are part of it);
- a quoted value runs to its closing quote, ">" and line breaks included, so `<img alt=">" onerror=…>`
  is one tag and `<meta content="Werk en onderwijs = samen">` has no attribute `onderwijs`;
- an unquoted value runs to a space or ">".

Every "<" followed by a letter starts a tag here, wherever it stands: in text, in a comment, in a
script, inside another tag's quoted value. A browser reads some of those as text, so this finds every
tag a browser finds, each read as the browser reads it, and perhaps more; never fewer, whatever a
comment or a stray quote before it does to the browser's reading.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

SPACES = "\t\n\f\r "  # the HTML Standard's ASCII whitespace
SPACE = re.escape(SPACES)  # the same, inside a regular expression's [character class]
NAME = rf"[^{SPACE}/>][^{SPACE}/>=]*"  # a first "=" belongs to the name
VALUE = rf"\"[^\"]*\"|'[^']*'|[^{SPACE}>]*"
ATTRIBUTES = rf"(?:[{SPACE}/]*{NAME}(?:[{SPACE}]*=[{SPACE}]*(?:{VALUE}))?)*"
# A tag's name starts with an ASCII letter in HTML; in XML (an .svg, an .xml file) with any name
# character, "_" and ":" too (`<_:img …>` under the XHTML namespace is an img). A look-ahead: tags overlap.
NAME_START = {False: "a-zA-Z", True: "a-zA-Z_:\u00c0-\U0010ffff"}
START_TAG = {xml: re.compile(rf"(?=<([{first}][^{SPACE}/>]*)({ATTRIBUTES}))") for xml, first in NAME_START.items()}
ATTRIBUTE = re.compile(rf"[{SPACE}/]*({NAME})(?:[{SPACE}]*(=)[{SPACE}]*({VALUE}))?")
LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # as a browser: ASCII only
TANGLED = (
    "zo veel tags in tags dat de controle niet kan lezen wat een browser ermee doet (de sjablonen "
    "schrijven dat nooit); haal de ruwe HTML weg"
)


class Tangled(ValueError):
    """Tags inside tags, more than a Budget allows: no page the site's templates write comes near."""


class Budget:
    """How much tag text `start_tags` may read in one text: four times its length and 100,000
    characters more. A tag starting inside another is read again from its own start, so text made of
    tags that never end (`<a/<a/<a/…`) would take time that grows with the square of its length; the
    pages the site writes read at most once their length (Material's inlined search worker: 2.75)."""

    def __init__(self, length: int) -> None:
        self.left = 4 * length + 100_000

    def spend(self, characters: int, at: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise Tangled(f"tags in tags vanaf teken {at}")


def start_tags(markup: str, at: int = 0, budget: Budget | None = None, xml: bool = False) -> Iterator[tuple[str, str]]:
    """(element, its attributes as written) for every start tag from `at` on; the element in lower case.
    Raises Tangled once the tags read overspend `budget` (by default one for the text from `at` on);
    the caller refuses the page. Callers that start at many places share one budget."""
    budget = budget or Budget(len(markup) - at)
    for match in START_TAG[xml].finditer(markup, at):
        yield _read(match, budget)


def tag_at(markup: str, at: int, budget: Budget, xml: bool = False) -> tuple[str, str] | None:
    """The start tag that begins at `at` exactly, as `start_tags` gives it; None where none does."""
    match = START_TAG[xml].match(markup, at)
    return _read(match, budget) if match else None


def _read(match: re.Match[str], budget: Budget) -> tuple[str, str]:
    budget.spend(match.end(2) - match.start(), match.start())
    return match.group(1).translate(LOWER), match.group(2)


def attributes(written: str) -> list[tuple[str, str | None]]:
    """(name, value) for every attribute in a start tag's attribute text (`start_tags`' second part):
    the name in lower case, the value decoded (html.unescape decodes a little more than a browser does
    in a value, `&ltb` too, never less), None for a name without "=".
    A browser keeps the first of two attributes of one name; both are listed here."""
    found: list[tuple[str, str | None]] = []
    for match in ATTRIBUTE.finditer(written):
        name, equals, value = match.groups()
        if equals and value[:1] in ('"', "'") and len(value) > 1 and value[-1] == value[0]:
            value = value[1:-1]
        found.append((name.translate(LOWER), html.unescape(value) if equals else None))
    return found


def first(pairs: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The attributes a browser keeps: the first of each name, a name without a value as ""."""
    kept: dict[str, str] = {}
    for name, value in pairs:
        kept.setdefault(name, value or "")
    return kept
