"""Privacy scan of every content file, run as the file is read (so `make check` and every build
see it): personal data of participants must never reach the site.

Flagged, by file and line, never echoing the value itself:
- BSN-like numbers: nine digits that pass the elfproef;
- e-mail addresses, except the project's role addresses (ALLOWED_EMAILS) and reserved example
  domains;
- Dutch phone numbers (06-12345678, 010 123 4567, +31 6 1234 5678);
- IBANs that pass the mod-97 check;
- a postcode together with a house number (a home address).
Public venue addresses of lectures are written in separate `street` and `postcode` fields,
which this scan does not combine.
"""

from __future__ import annotations

import re

from .problems import Problems

# Role addresses of the project that may appear in content (never a person's own address).
ALLOWED_EMAILS: frozenset[str] = frozenset()
ALLOWED_EMAIL_DOMAINS = ("example.org", "example.com", "example.net", "example.nl")

# Patterns start with a plain character class so the regex engine can skip ahead quickly; the
# "not part of a longer number" checks on the left are done in code (see _standalone).
BSN = re.compile(r"\d(?:\d{8}|\d{2}[ .]\d{3}[ .]\d{3}|\d{3}[ .]\d{2}[ .]\d{3})(?![\d/-]|[.,]\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
PHONE = re.compile(r"[+0](?:31|031|)[ \t-]?(?:\(0\))?[ \t-]?[1-9](?:[ \t-]?\d){8}(?![\d/])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
HOME_ADDRESS = re.compile(r"[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b[ \t,]+\d{1,4}\b|"
                          r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|steeg|hof|pad)"
                          r"[ \t]+\d{1,4}[a-zA-Z]?\b[ \t,]+[1-9]\d{3} ?[A-Z]{2}\b")


def _standalone(text: str, start: int, before: str = "0123456789.,/-") -> bool:
    """True when the match does not continue a longer number or word on its left."""
    return start == 0 or text[start - 1] not in before and not text[start - 1].isalnum()


def elfproef(digits: str) -> bool:
    """The BSN check: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def iban_ok(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def _email_allowed(address: str) -> bool:
    address = address.lower()
    domain = address.rsplit("@", 1)[1]
    return address in ALLOWED_EMAILS or any(domain == d or domain.endswith("." + d) for d in ALLOWED_EMAIL_DOMAINS)


ANY_CANDIDATE = re.compile(r"[0-9@]")
POSTCODE = re.compile(r"[1-9]\d{3} ?[A-Z]{2}\b")
FIX = "haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"


def scan(text: str, rel: str, problems: Problems, first_line: int = 1) -> bool:
    """Record every likely piece of personal data in a text; True when none was found."""
    if not ANY_CANDIDATE.search(text):
        return True  # no digit and no @: nothing any rule could match
    found: dict[int, list[str]] = {}

    def at(position: int, what: str) -> None:
        found.setdefault(text.count("\n", 0, position) + first_line, []).append(what)

    # Each pattern runs over the whole text once; line numbers are worked out only for hits.
    for match in BSN.finditer(text):
        if "\n" not in match.group() and _standalone(text, match.start()) and elfproef(re.sub(r"\D", "", match.group())):
            at(match.start(), "mogelijk BSN (negen cijfers die de elfproef halen)")
    for match in EMAIL.finditer(text) if "@" in text else ():
        if not _email_allowed(match.group()):
            at(match.start(), "e-mailadres van een persoon (alleen rol-adressen van het project mogen)")
    ibans = [m.span() for m in IBAN.finditer(text) if "\n" not in m.group() and iban_ok(m.group())]
    for start, _ in ibans:
        at(start, "IBAN (rekeningnummer)")
    # The digits of an account number can look like a phone number: those are not counted twice.
    for match in PHONE.finditer(text):
        if "\n" not in match.group() and _standalone(text, match.start(), "0123456789/.") \
                and not any(a <= match.start() < b for a, b in ibans):
            at(match.start(), "telefoonnummer")
    for match in HOME_ADDRESS.finditer(text) if POSTCODE.search(text) else ():
        if "\n" not in match.group() and (match.group()[0].isalpha() or _standalone(text, match.start())):
            at(match.start(), "adres met postcode en huisnummer")
    for line in sorted(found):
        for what in dict.fromkeys(found[line]):
            problems.add(rel, line, "privacy", f"{what}; {FIX}")
    return not found
