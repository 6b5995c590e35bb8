"""Atom feeds (RFC 4287): stable ids, dates from the data, never from git or the build clock."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable

from . import fictional
from .fields import PartialDate

NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EMPTY_FEED_DATE = "2022-01-01T00:00:00Z"  # the project's first year: the date of a feed with no entries


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: str
    summary: str = ""
    authors: tuple[str, ...] = ()


def stamp(value: dt.date | dt.datetime | PartialDate | None) -> str | None:
    """An RFC 3339 time for a date, date-time or partial date (its first day); None for none."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        value = value.first_day
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc).isoformat().replace("+00:00", "Z")


def render_atom(title: str, feed_id: str, self_url: str, alt_url: str, entries: Iterable[Entry],
                author: str = "Lerende evaluatie maatschappelijk waardevol werk", demo: bool = False) -> bytes:
    """A feed; on the demo its title, every entry's title and its author say it is fictional (the
    ids come from `fictional.urn`, under the demo's own namespace)."""
    if demo:
        author = fictional.FEED_AUTHOR
    entries = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    ET.register_namespace("", NS)
    feed = ET.Element(f"{{{NS}}}feed", {XML_LANG: "nl"})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "title", fictional.title(demo, title))
    sub(feed, "id", feed_id)
    sub(feed, "link", href=self_url, rel="self")
    sub(feed, "link", href=alt_url, rel="alternate")
    sub(feed, "updated", max((e.updated for e in entries), default=EMPTY_FEED_DATE))
    sub(sub(feed, "author"), "name", author)
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", fictional.title(demo, e.title))
        sub(entry, "id", e.id)
        sub(entry, "link", href=e.url, rel="alternate")
        sub(entry, "updated", e.updated)
        for name in e.authors:
            sub(sub(entry, "author"), "name", name)
        if e.summary:
            sub(entry, "summary", e.summary)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
