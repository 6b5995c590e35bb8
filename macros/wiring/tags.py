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
SPACE = r"\t\n\f\r "  # the same, in a regular expression's [character class]
NAME = rf"[^{SPACE}/>][^{SPACE}/>=]*"  # a first "=" belongs to the name
VALUE = rf"\"[^\"]*\"|'[^']*'|[^{SPACE}>]*"
ATTRIBUTES = rf"(?:[{SPACE}/]*{NAME}(?:[{SPACE}]*=[{SPACE}]*(?:{VALUE}))?)*"
START_TAG = re.compile(rf"(?=<([a-zA-Z][^{SPACE}/>]*)({ATTRIBUTES}))")  # a look-ahead: tags may overlap
ATTRIBUTE = re.compile(rf"[{SPACE}/]*({NAME})(?:[{SPACE}]*(=)[{SPACE}]*({VALUE}))?")


class Tangled(ValueError):
    """Tags inside tags, more than `start_tags` reads: no page the site's templates write comes near."""


LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # as a browser: ASCII only


def start_tags(markup: str, at: int = 0) -> Iterator[tuple[str, str]]:
    """(element, its attributes as written) for every start tag from `at` on; the element in lower case.

    A tag starting inside another is read again from its own start, so text made of tags that never
    end (`<a/<a/<a/…`) would take time that grows with the square of its length. Once the tags read
    add up to four times the text, this raises Tangled: the caller refuses the page."""
    budget = 4 * (len(markup) - at) + 100_000
    for match in START_TAG.finditer(markup, at):
        budget -= match.end(2) - match.start()
        if budget < 0:
            raise Tangled(f"tags in tags vanaf teken {match.start()}")
        yield match.group(1).translate(LOWER), match.group(2)


def attributes(written: str) -> list[tuple[str, str | None]]:
    """(name, value) for every attribute in a start tag's attribute text (`start_tags`' second part):
    the name in lower case, the value decoded as a browser decodes it, None for a name without "=".
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
