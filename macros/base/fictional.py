"""The fence around the fictional demo site (`extra.demo: true`, `Settings.demo`).

Everything the demo publishes can travel on its own: a BibTeX entry pasted into a reference
manager, an event in someone's calendar, a feed item in a reader, a CSV row in a spreadsheet.
So each output format carries the fictional mark in its own field, and the demo uses its own
identifiers (feed ids, calendar UIDs), never the real site's: a client that knows the real
calendar or feed never mixes the two up.

    BibTeX       note = {…}                   RIS        N1  - …
    CSL-JSON     "note": "…"                  CSV/JSON   a `fictief` field on every record
    iCalendar    X-WR-CALNAME, SUMMARY and DESCRIPTION marked; own PRODID and UID domain
    Atom         feed and entry titles marked; ids under urn:waardevol-werk-demo:
    HTML         the banner and `noindex, nofollow` (theme); no Google Scholar tags
    Share card   og:image is assets/card-demo.png, "FICTIEF VOORBEELD" (tools/make_card.py)
    robots.txt   disallows everything (demo only)
"""

from __future__ import annotations

from . import identity

NOTE = "Fictief voorbeeld: verzonnen voor de voorbeeldsite van de generator; deze publicatie bestaat niet."
EVENT_NOTE = "Fictief voorbeeld: dit college is verzonnen voor de voorbeeldsite van de generator; het bestaat niet."
TITLE_MARK = "[FICTIEF] "
FIELD = "fictief"  # the field (JSON) and column (CSV) that marks every open-data record of the demo

URN = identity.URN
DEMO_URN = identity.DEMO_URN

# The real calendar's PRODID and UID domain are in ical.py.
DEMO_PRODID = "-//Voorbeeldsite met fictieve inhoud//Verzonnen colleges//NL"
DEMO_UID_DOMAIN = f"colleges.demo.{identity.ID}.example"

FEED_AUTHOR = "Voorbeeldsite met fictieve inhoud"

ROBOTS_TXT = "# Fictieve voorbeeldsite: niets hiervan hoort in een zoekmachine.\nUser-agent: *\nDisallow: /\n"


def urn(demo: bool, *parts: object) -> str:
    """A stable id: urn:waardevol-werk:college:x on the real site, urn:waardevol-werk-demo:… on the demo."""
    return (DEMO_URN if demo else URN) + ":".join(str(p) for p in parts)


def title(demo: bool, text: str) -> str:
    """A title as it travels (feed, calendar): marked on the demo."""
    return TITLE_MARK + text if demo else text
