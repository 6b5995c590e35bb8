"""Characters that never belong in content: invisible, bidi and control characters, noncharacters.

They hide text or reorder it on screen (a link that reads as one address and leads to
another), so every text field, id, link and Markdown body is checked for them.
"""

from __future__ import annotations

import re
import unicodedata

from .context import Ctx

# Characters that never belong in content: they hide text or reorder it on screen. Zero-width and
# bidi characters, the soft hyphen, the fillers that render as nothing (Hangul fillers, the Mongolian
# vowel separator) and the tag characters (U+E0000 to U+E007F, invisible text after any letter).
INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"
    "\u115f\u1160\u180e\u3164\uffa0\U000e0000-\U000e007f]"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters XML 1.0 cannot carry (a feed with one is not well-formed, and feed readers drop it) and
# the other noncharacters, which iCalendar and BibTeX readers handle no better: surrogates, U+FDD0 to
# U+FDEF, and the last two code points of every plane.
NONCHARACTER = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


# From U+D800 on, where every noncharacter lies (check_characters).
HIGH = re.compile("[\ud800-\U0010ffff]")
CHECKS = (
    (INVISIBLE, "een onzichtbaar of richting-wisselend teken"),
    (CONTROL, "een stuurteken"),
    (NONCHARACTER, "een teken dat geen tekst is (feeds, agenda's en BibTeX kunnen het niet dragen)"),
)


def check_characters(text: str, line: int, path: str, ctx: Ctx) -> bool:
    """Refuse invisible, bidi and control characters; True when the text is clean."""
    # Every noncharacter lies at U+D800 or above, and NONCHARACTER's search is slow (its class
    # reaches into every plane: 17 us for a line of text, the other two 2 us each): for a text
    # with nothing from U+D800 on (ASCII says so at once) it is left out, since it cannot match.
    checks = CHECKS[:2] if text.isascii() or HIGH.search(text) is None else CHECKS
    for pattern, what in checks:
        match = pattern.search(text)
        if match:
            code = f"U+{ord(match.group()):04X}"
            ctx.error(
                line + text.count("\n", 0, match.start()),
                path,
                f"bevat {what} ({code}); verwijder het (typ de tekst opnieuw)",
            )
            return False
    return True


def slugify(text: str) -> str:
    """'circulaire economie' -> 'circulaire-economie' (ASCII, for URLs, anchors and record ids)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
