"""Privacy scan of every content file and of its path, run as the file is read (so `make check`
and every build see it): personal data of participants must never reach the site.

Flagged, by file and line, never echoing the value itself (`path:line: privacy: <what>; <fix>`):

- BSN: nine digits that pass the elfproef (python-stdnum's `stdnum.nl.bsn`), written together
  or in the usual groups (3-3-3, 2-2-2-3, 4-2-3) with one kind of separator: space, dot or
  hyphen;
- e-mail addresses, also written `naam [at] domein.nl`, `naam (at) domein punt nl` or with
  spaces around the `@`, except the project's role addresses (ALLOWED_EMAILS) and reserved
  example domains;
- phone numbers, found by Google's libphonenumber (`phonenumbers`, region NL, leniency VALID)
  when written with a leading 0 or + (06-12345678, 06.12.34.56.78, (010) 123 45 67,
  06/12345678, +31 (0)6 1234 5678); numbers of organisations (0800, 0900, 0880-numbers) are not
  personal and pass;
- IBANs that pass python-stdnum's `stdnum.iban` check, in capitals or lower case, with or
  without spaces;
- home addresses: a street and house number (with a suffix such as 12a, 12-2, 12 bis, 12 A)
  followed by a postcode, on the same line or the next. A postcode with a city alone passes
  (a lecture venue is public), and so do public venue addresses written in a lecture's
  separate `street` and `postcode` fields, which this scan does not combine.

Before scanning, text is normalised: combining marks are dropped (they never carry a digit,
and long runs of them make Unicode normalisation quadratic), then NFKC (fullwidth digits and
letters become ASCII, no-break and thin spaces become spaces), then the remaining Unicode
spaces, hyphens and digits of other scripts are mapped to ASCII and invisible characters
dropped. None of these steps adds or removes a line end, so line numbers stay those of the
file.

Every pattern runs once over the text and is linear in its length, also for adversarial
input: matches only start where a run of their characters starts (look-behind), repetitions
are bounded, and the neighbourhood of a hit is only ever looked at within a fixed distance.

`INNOCENT` and `POSITIVE` below list what must pass and what must be flagged; the tests check
every entry.
"""

from __future__ import annotations

import bisect
import html
import re
import sys
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from .problems import Problems

# Role addresses of the project that may appear in content (never a person's own address).
ALLOWED_EMAILS: frozenset[str] = frozenset()
ALLOWED_EMAIL_DOMAINS = ("example.org", "example.com", "example.net", "example.nl")

FIX = "haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
FIX_FILE = "hernoem het bestand: persoonsgegevens horen niet in een bestandsnaam"
FIX_FOLDER = "hernoem de map: persoonsgegevens horen niet in een mapnaam"

WHAT_BSN = "mogelijk BSN (negen cijfers die de elfproef halen)"
WHAT_EMAIL = "e-mailadres van een persoon (alleen rol-adressen van het project mogen)"
WHAT_PHONE = "telefoonnummer"
WHAT_IBAN = "IBAN (rekeningnummer)"
WHAT_ADDRESS = "adres met postcode en huisnummer"

# Texts that must NOT be flagged (each is tested as a whole file body).
INNOCENT: tuple[str, ...] = (
    "Het budget is € 154.000.000 voor vier jaar.",
    "Het budget is €154.000.000.",
    "Kosten: € 1.234,56 per deelnemer.",
    "In totaal 154 000 000 euro.",
    "Een bedrag van 154.000.000 over tien jaar.",
    "Een bedrag van 123456782 €.",
    "EUR 123.456.782 aan subsidie.",
    "Kenteken-achtige code 2023 AB 12 in de tabel.",
    "In 2023 AB 12 gemeld.",
    "Zie https://doi.org/10.5117/TVA2023.1.002.SMIT en doi 10.1234/abcd.5678.",
    "ISBN 978-90-1234-567-8, ook als 9789012345678.",
    "ISBN 0-306-40615-2 (de tiencijferige vorm).",
    "Postbus 4030, 3006 AA Rotterdam (het postadres van de hogeschool).",
    "Antwoordnummer 123, 1000 AB Amsterdam.",
    "Zie hoofdstuk 5, 2023 EU-verordening over toegankelijkheid.",
    "ORCID 0000-0002-1825-0097.",
    "KvK 41215245.",
    "RSIN 002445335.",
    "Zie pp. 123-456 en p. 123–145.",
    "Op 2024-05-16 om 12:30 uur, of 16-05-2024 om 09.15 uur.",
    "De lezing is op 3011 AB Rotterdam.",
    "Het college is in 3011 AB Rotterdam, zaal 4.",
    "Postcode 9999 XX in Voorbeelddam.",
    "Er werken 123456 mensen; CBS-code GM0503, 12,5 procent.",
    "Mail info@example.org of de projectleiding.",
    "Volg @naam op sociale media.",
    "Bel gratis 0800-1234 of 0900-1234567.",
    "Tabel 3: 12 34 56 78 90 12 deelnemers per week.",
    "Het experiment liep van 2022 tot 2024 in drie rondes met 45 deelnemers.",
    "Werkgevers en werknemers spraken over begeleiding, loon en een vaste baan.",
    "![logo](logo@2x.png)",
    "start: 2025-10-02T15:00+02:00",
)

# Texts that MUST be flagged, with what the message names.
POSITIVE: tuple[tuple[str, str], ...] = (
    ("Deelnemer 123456782 vertelde", WHAT_BSN),
    ("nummer 123.456.782 genoemd", WHAT_BSN),
    ("nummer 123-456-782 genoemd", WHAT_BSN),
    ("nummer 123 456 782 genoemd", WHAT_BSN),
    ("nummer 12 34 56 782 genoemd", WHAT_BSN),
    ("nummer 1234 56 782 genoemd", WHAT_BSN),
    ("nummer 123\u00a0456\u00a0782 genoemd", WHAT_BSN),
    ("nummer 123\u202f456\u202f782 genoemd", WHAT_BSN),
    ("nummer １２３４５６７８２ genoemd", WHAT_BSN),
    ("nummer 123\u2011456\u2011782 genoemd", WHAT_BSN),
    ("in 2023 123456782 genoemd", WHAT_BSN),
    ("Mail jan.jansen@gmail.com gerust", WHAT_EMAIL),
    ("Mail jan.jansen @ gmail.com gerust", WHAT_EMAIL),
    ("Mail naam [at] domein.nl gerust", WHAT_EMAIL),
    ("Mail naam (at) domein punt nl gerust", WHAT_EMAIL),
    ("Mail naam(at)domein(punt)nl gerust", WHAT_EMAIL),
    ("Mail naam [AT] domein [dot] nl gerust", WHAT_EMAIL),
    ("Mail naam＠domein.nl gerust", WHAT_EMAIL),
    ("Mail " + "a" * 80 + "@domein.nl gerust", WHAT_EMAIL),
    ("Bel 06-12345678 voor", WHAT_PHONE),
    ("Bel 0612345678 voor", WHAT_PHONE),
    ("Bel 06.12.34.56.78 voor", WHAT_PHONE),
    ("Bel 06 12 34 56 78 voor", WHAT_PHONE),
    ("Bel (010) 123 45 67 voor", WHAT_PHONE),
    ("Bel 06/12345678 voor", WHAT_PHONE),
    ("Bel +31 (0)6 12345678 voor", WHAT_PHONE),
    ("Bel +31 6 1234 5678 voor", WHAT_PHONE),
    ("Bel 010 123 4567 voor", WHAT_PHONE),
    ("Bel 0031 6 12345678 voor", WHAT_PHONE),
    ("Bel ０６－１２３４５６７８ voor", WHAT_PHONE),
    ("Rekening NL91 ABNA 0417 1643 00 hier", WHAT_IBAN),
    ("Rekening NL91ABNA0417164300 hier", WHAT_IBAN),
    ("Rekening nl91abna0417164300 hier", WHAT_IBAN),
    ("Rekening nl91 abna 0417 1643 00 hier", WHAT_IBAN),
    ("Woont op Dorpsstraat 12, 1234 AB Ergens", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12a, 1234 AB Ergens", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12-2, 1234 AB Ergens", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12 bis, 1234 AB Ergens", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12 A, 1234AB Ergens", WHAT_ADDRESS),
    ("Woont op Lange Voorhout 8 2514 EA Den Haag", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12a\n1234 AB Ergens", WHAT_ADDRESS),
    ("Woont op Dorpsstraat 12a,  \n  1234 AB Ergens", WHAT_ADDRESS),
)

# --- normalisation --------------------------------------------------------------------------


class _DropCombining(dict[int, int | None]):
    """str.translate's table that drops combining marks (canonical combining class > 0; all lie in
    U+0300..U+1E94A) and the few characters whose decomposition starts with one, filled in as
    characters are met. CPython reorders a run of combining marks with an insertion sort, so
    100,000 of them take minutes to normalise; they carry no digit or letter this scan needs, so
    they are dropped first. (A table is four times faster than a regex of their character class.)"""

    DECOMPOSE_TO_ONE = frozenset((0x0F73, 0x0F75, 0x0F81, 0xFF9E, 0xFF9F))

    def __missing__(self, cp: int) -> int | None:
        drop = cp in self.DECOMPOSE_TO_ONE or (0x300 <= cp < 0x1F000 and unicodedata.combining(chr(cp)) > 0)
        result = None if drop else cp
        self[cp] = result
        return result


DROP_COMBINING = _DropCombining()


class _Translation(dict[int, str | None]):
    """str.translate's table, filled in as characters are met (the whole of Unicode would take
    a quarter of a second to build at every start)."""

    INVISIBLE = frozenset((0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))  # soft hyphen, zero-width
    HYPHENS = frozenset((0x2010, 0x2011, 0x2012, 0x2212, 0xFE63, 0xFF0D))  # not the en dash of 123–145

    def __missing__(self, cp: int) -> str | None:
        char = chr(cp)
        if cp in self.INVISIBLE:
            result = None
        elif cp in self.HYPHENS:
            result = "-"
        elif unicodedata.category(char) == "Nd":
            result = str(unicodedata.decimal(char))  # digits of every script
        elif unicodedata.category(char) == "Zs":
            result = " "  # spaces NFKC leaves alone
        else:
            result = char
        self[cp] = result
        return result


TRANSLATION = _Translation()


# What normalisation can change: a run of characters outside ASCII, with the character before it (the
# one a composition could start from). ASCII alone is left as it is by every step.
NON_ASCII_RUN = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")


def normalise(text: str) -> str:
    """The text this scan reads: ASCII digits and spaces, same number of lines.

    Only the runs outside ASCII are normalised, each with the character before it: Dutch text is
    nearly all ASCII, and the gate reads every page of a site (translating whole texts character by
    character took a second of its time at N = 1,000). The same as normalising the whole text: once
    combining marks are dropped, no composition reaches from a run into the ASCII around it."""
    if text.isascii():
        return text
    result = NON_ASCII_RUN.sub(_normalise_run, text)
    if result.count("\n") != text.count("\n"):  # pragma: no cover - NFKC never makes a line end
        return "\n".join(normalise(line) for line in text.split("\n"))
    return result


def _normalise_run(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group().translate(DROP_COMBINING)).translate(TRANSLATION)


# --- BSN ------------------------------------------------------------------------------------

# A run of at least nine digits in groups joined by single separators. Patterns start with a
# plain character class (no look-behind first), so the engine skips ahead to candidates in C; a
# greedy run that fails has fewer than nine digits left, so a match always starts a run.
DIGIT_RUN = re.compile(r"[0-9](?:[ .\-]?[0-9]){8,}")
DIGIT_GROUP = re.compile(r"[0-9]+")
BSN_SHAPES = {(9,), (3, 3, 3), (2, 2, 2, 3), (4, 2, 3)}
BSN_FIRST_SIZES = {shape[0] for shape in BSN_SHAPES}
BSN_NOT_AFTER = "0123456789.,/-"
NOT_PERSONAL_BEFORE = re.compile(r"(?:€|\$|£|\bEUR|\beuro|\bRSIN)[ :]{0,3}\Z", re.I)
AMOUNT_AFTER = re.compile(r"\A(?:,-|,00| {0,2}(?:€|(?:euro|EUR|mln|miljoen|miljard)\b))", re.I)


def _bsn_spans(text: str) -> list[int]:
    hits = []
    for run in DIGIT_RUN.finditer(text):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in DIGIT_GROUP.finditer(run.group())]
        sizes = tuple(b - a for a, b in groups)
        for i in range(len(groups)):
            if sizes[i] not in BSN_FIRST_SIZES:
                continue
            for shape in BSN_SHAPES:
                j = i + len(shape)
                if sizes[i:j] != shape:
                    continue
                start, end = groups[i][0], groups[j - 1][1]
                seps = {text[a[1]] for a in groups[i : j - 1]}
                if len(seps) > 1:
                    continue
                sep = seps.pop() if seps else None
                left = text[groups[i - 1][1]] if i else None  # separator to the group before
                right = text[end] if j < len(groups) else None  # separator to the group after
                if sep is not None and sep in (left, right):
                    continue  # part of a longer number written the same way (ISBN, phone)
                if sep is None and ({left, right} & {".", "-"}):
                    continue
                if not i and start and (text[start - 1] in BSN_NOT_AFTER or text[start - 1].isalnum()):
                    continue
                after = text[end : end + 2] if j == len(groups) else ""
                if after[:1] in ("/", "-") or after[:1] in (".", ",") and after[1:].isdigit():
                    continue  # a path, a range or a decimal fraction goes on
                if _amount(text, start, end, sep):
                    continue
                from stdnum.nl import bsn  # on first use: most text has no candidate, and the import costs more

                if bsn.is_valid(re.sub(r"[^0-9]", "", text[start:end])):
                    hits.append(start)
    return hits


def _amount(text: str, start: int, end: int, sep: str | None) -> bool:
    """An amount of money (€ 154.000.000, 154 000 000 euro), a round number (154.000.000) or an
    organisation's RSIN: nine digits that may pass the elfproef but are no one's BSN."""
    if NOT_PERSONAL_BEFORE.search(text[max(0, start - 8) : start]) or AMOUNT_AFTER.match(text[end : end + 12]):
        return True
    return sep in (".", " ") and text.endswith("000", start, end)


# --- e-mail ---------------------------------------------------------------------------------

AT = re.compile(r"@|[\[({<] ?(?:at|@|apenstaartje) ?[\])}>]", re.I)
LOCAL_TAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\Z")
_DOT = r"(?:\.|[ ]?[\[({<][ ]?(?:dot|punt)[ ]?[\])}>][ ]?|[ ](?:dot|punt)[ ])"
DOMAIN = re.compile(r"[A-Za-z0-9\-]{1,63}(?:" + _DOT + r"[A-Za-z0-9\-]{1,63}){1,8}", re.I)
DOT = re.compile(_DOT, re.I)
NOT_A_TLD = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "md", "yml", "yaml", "html", "htm"})


def _email_allowed(address: str) -> bool:
    address = address.lower()
    domain = address.rsplit("@", 1)[1]
    return address in ALLOWED_EMAILS or any(domain == d or domain.endswith("." + d) for d in ALLOWED_EMAIL_DOMAINS)


def _top_level(label: str) -> bool:
    return label.isalpha() and 2 <= len(label) <= 24 and label.lower() not in NOT_A_TLD


def _email_spans(text: str) -> list[int]:
    hits = []
    for at in AT.finditer(text):
        left = at.start()
        while left > at.start() - 2 and left and text[left - 1] in " \t":
            left -= 1
        local = LOCAL_TAIL.search(text[max(0, left - 64) : left])  # at most 64 characters back
        if local is None or not local.group().strip("."):
            continue
        right = at.end()
        while right < at.end() + 2 and text[right : right + 1] in (" ", "\t"):
            right += 1
        domain = DOMAIN.match(text, right, min(len(text), right + 300))
        if domain is None:
            continue
        labels = DOT.split(domain.group())
        while labels and not _top_level(labels[-1]):
            labels.pop()  # jan@gmail.com.pdf in a file name, logo@2x.png
        if len(labels) < 2 or not all(labels):
            continue
        if not _email_allowed(local.group().strip(".") + "@" + ".".join(labels)):
            hits.append(left - len(local.group()))
    return hits


# --- IBAN -----------------------------------------------------------------------------------

# The check digits first (the engine skips ahead to digits), then the country code behind them.
IBAN = re.compile(
    r"[0-9]{2}(?<=[A-Za-z]{2}[0-9]{2})(?<![A-Za-z0-9][A-Za-z]{2}[0-9]{2})"
    r"(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])"
)


def _iban_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in IBAN.finditer(text):
        from stdnum import iban  # on first use, as the BSN check: most text has no candidate

        if iban.is_valid(text[m.start() - 2 : m.end()].replace(" ", "").upper()):
            spans.append((m.start() - 2, m.end()))
    return spans


# --- phone ----------------------------------------------------------------------------------

# A cluster of at least nine digits with the punctuation phone numbers are written with;
# libphonenumber reads each one (with a little context for its letter checks).
PHONE_CLUSTER = re.compile(r"[0-9](?:[ ().\-/]{0,3}[0-9]){8,}")
BOOK_NUMBER = re.compile(r"ISBN(?:-1[03])?[:\s]*\Z", re.I)


def _phone_spans(text: str, skip: list[tuple[int, int]]) -> list[int]:
    hits = []
    for cluster in PHONE_CLUSTER.finditer(text):  # nine digits or more
        # Imported on first use: most text has no such cluster, and the import costs more than a scan.
        import phonenumbers
        from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

        organisation = (
            PhoneNumberType.TOLL_FREE,
            PhoneNumberType.PREMIUM_RATE,
            PhoneNumberType.SHARED_COST,
            PhoneNumberType.UAN,
        )
        offset = max(0, cluster.start() - 16)
        window = text[offset : cluster.end() + 16]
        for match in PhoneNumberMatcher(window, "NL", leniency=Leniency.VALID, max_tries=sys.maxsize):
            start = offset + match.start
            raw = match.raw_string
            before = bisect.bisect_right(skip, (start, len(text))) - 1  # the span starting at or before
            if "\n" in raw or raw[:1] not in "0+(" or before >= 0 and start < skip[before][1]:
                continue
            if phonenumbers.number_type(match.number) in organisation:
                continue
            if BOOK_NUMBER.search(text, max(0, start - 12), start):
                continue  # an ISBN-10 (0-306-40615-2) has the digits and dashes of a phone number
            hits.append(start)
    return hits


# --- home address ---------------------------------------------------------------------------

_WORD = r"[^\W\d_]"
HOME_ADDRESS = re.compile(
    rf"(?<!{_WORD}){_WORD}{{2,}}\.?[ \t]{{1,3}}"  # street (its last word)
    r"[1-9][0-9]{0,4}"  # house number
    r"(?:[ ]?-?[ ]?(?:bis|ter|hs|huis|bg|boven|beneden|zw|rd)(?![^\W\d_])"
    r"|-[0-9]{1,4}|[ ]?[A-Za-z](?![^\W\d_])|[ ](?:I{1,3}|IV)(?![^\W\d_]))?"  # suffix: 12a 12-2 12 bis 12 A
    r"(?:[ \t]{0,3}[,;]?[ \t]{0,3}\\?\n[ \t>]{0,8}|[ \t]{0,3}[,;][ \t]{0,3}|[ \t]{1,3})"  # same or next line
    r"[1-9][0-9]{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![^\W_])"
)  # postcode


POSTCODE = re.compile(r"[1-9](?<![0-9][1-9])[0-9]{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![^\W_])")
ADDRESS_REACH = 64  # street word, number, suffix and line break fit in this many characters
# Words before a number that make it no house number: an organisation's PO box or freepost number
# (public), a chapter, article or page ("hoofdstuk 5, 2023 EU-verordening").
NOT_A_STREET = frozenset(
    ("postbus", "antwoordnummer", "hoofdstuk", "artikel", "paragraaf", "bijlage", "pagina", "blz", "bladzijde")
    + ("stap", "fase", "ronde", "week", "tabel", "figuur", "lid", "versie", "nummer", "nr", "deel", "sectie")
)


def _address_spans(text: str) -> list[int]:
    """Each postcode, looked back from: is a street and house number written before it?"""
    hits = set()
    for postcode in POSTCODE.finditer(text):
        offset = max(0, postcode.start() - ADDRESS_REACH)
        for match in HOME_ADDRESS.finditer(text[offset : postcode.end()]):
            street = match.group(0).split(None, 1)[0].rstrip(".").casefold()
            if match.end() == postcode.end() - offset and street not in NOT_A_STREET:
                hits.add(offset + match.start())
    return sorted(hits)


# --- the scans ------------------------------------------------------------------------------

ANY_CANDIDATE = re.compile(r"[0-9@]|[\[({<] ?at ?[\])}>]", re.I)


def kinds_in(text: str) -> list[tuple[int, str]]:
    """(position, what) of every likely piece of personal data in any text (normalised here)."""
    return find(normalise(text))


HIDDEN = "… (niet getoond: lijkt persoonsgegevens te bevatten)"


def shown(text: str) -> str:
    """`text` for a message, or a stand-in when it holds something the scan would flag (a link, an
    address in a message must not repeat the personal data it carries)."""
    decoded = unquote(html.unescape(text))
    readings = (text, decoded, decoded.replace("/", " "))
    return HIDDEN if any(kinds_in(r) or name_kinds(r) for r in readings) else text


def find(text: str) -> list[tuple[int, str]]:
    """(position, what) of every likely piece of personal data in normalised text."""
    if not ANY_CANDIDATE.search(text):
        return []  # no digit and no @: nothing any rule could match
    found = [(p, WHAT_BSN) for p in _bsn_spans(text)]
    found += [(p, WHAT_EMAIL) for p in _email_spans(text)]
    ibans = _iban_spans(text)
    found += [(start, WHAT_IBAN) for start, _ in ibans]
    # The digits of an account number can look like a phone number: those are not counted twice.
    found += [(p, WHAT_PHONE) for p in _phone_spans(text, ibans)]
    found += [(p, WHAT_ADDRESS) for p in _address_spans(text)]
    return sorted(found)


def scan(text: str, rel: str, problems: Problems, first_line: int = 1) -> bool:
    """Record every likely piece of personal data in a text; True when none was found."""
    text = normalise(text)
    found = find(text)
    line, position, seen = first_line, 0, set()
    for start, what in found:  # sorted by position: line numbers in one pass over the text
        line += text.count("\n", position, start)
        position = start
        if (line, what) not in seen:
            seen.add((line, what))
            problems.add(rel, line, "privacy", f"{what}; {FIX}")
    return not found


NAME_SEPARATORS = re.compile(r"[\-_.]")


@lru_cache(maxsize=4096)
def name_kinds(part: str) -> tuple[str, ...]:
    """The kinds of personal data in one folder or file name (cached: every record path repeats
    its folders, and `ronde-1.md` stands in every experiment)."""
    name = normalise(part)
    spaced = NAME_SEPARATORS.sub(" ", name)
    found = [what for _, what in find(spaced) if what != WHAT_ADDRESS] + [WHAT_EMAIL for _ in _email_spans(name)]
    return tuple(dict.fromkeys(found))


def scan_name(rel_path: str, problems: Problems) -> bool:
    """Record personal data in the folder and file names of a repository-relative path (on line 1,
    field `bestandsnaam`, naming the path up to the offending name); True when none was found."""
    parts = rel_path.split("/")
    clean = True
    for index, part in enumerate(parts):
        kinds = name_kinds(part)
        if kinds:
            clean = False
            fix = FIX_FILE if index == len(parts) - 1 else FIX_FOLDER
            for what in kinds:
                problems.add("/".join(parts[: index + 1]), 1, "bestandsnaam", f"{what}; {fix}")
    return clean
