"""The project's name and the prefix of its identifiers, in one place.

Feeds, calendars, the data package and the stable ids (`urn:waardevol-werk:…`) all name the
project; they take the words from here. The identifiers must never change once published (a
feed reader or calendar that knows an id would see a new item), so `ID` is fixed whatever the
site's title or host. It sits in the base layer because `fictional.urn`, also in base, uses it.
"""

from __future__ import annotations

NAME = "lerende evaluatie maatschappelijk waardevol werk"  # in running text and after a dash
TITLE = NAME[0].upper() + NAME[1:]  # at the start of a title: "Lerende evaluatie …"
ID = "waardevol-werk"  # the prefix of stable ids (urn, calendar UIDs, data package name)
DEMO_ID = f"{ID}-demo"  # the demo's own: a client never mixes it up with the real site
URN = f"urn:{ID}:"
DEMO_URN = f"urn:{DEMO_ID}:"


def feed_title(part: str) -> str:
    """A feed's title: 'Publicaties – lerende evaluatie maatschappelijk waardevol werk'."""
    return f"{part} – {NAME}"
