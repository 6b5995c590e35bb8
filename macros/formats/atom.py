"""Atom feeds (RFC 4287): stable ids; an entry's `updated` is when its record last changed.

That is the last commit up to the build date that changed what the record's file says (its
history, read once for all files of a build: base/history.py; a commit that only touches a
comment or whitespace is no change) or, where git does not know the file (an export without
history, a test tree, a build dated before the file's first commit), the record's own date;
either way never after the build date, so a reader never sees an entry from the future (the
W3C validator's ImplausibleDate). Every entry has a summary (its MissingTextualContent). Entries
that changed in one commit would share a time (its DuplicateUpdated): within a feed, each such
entry after the first, in id order, is written one second before the previous one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from ..base import fictional, identity
from ..base.dates import PartialDate
from ..base.history import file_histories

if TYPE_CHECKING:
    from ..content.site import Site

NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: str
    summary: str = ""
    authors: tuple[str, ...] = ()


# A record's own date, the fallback for `updated` where git does not know its file (None: the build date).
Fallback = dt.date | PartialDate | None
# `when(path, fallback)` -> `updated`, as `site_dates` makes it.
When = Callable[[str, Fallback], str]


def stamp(value: dt.date | dt.datetime | PartialDate) -> str:
    """An RFC 3339 time for a date, date-time or partial date (its first day)."""
    if isinstance(value, PartialDate):
        value = value.first_day
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def last_changed(root: Path, paths: Iterable[str], now: dt.datetime) -> dict[str, dt.datetime]:
    """When each of `paths` (relative to `root`) that git knows last really changed, up to `now`:
    a commit that changes no field of the file (a comment, whitespace, key order) does not count
    (base/history.py)."""
    found = file_histories(root, paths, now)
    return {path: last for path, history in found.items() if (last := history.last) is not None}


def updated(root: Path, path: str, fallback: Fallback, now: dt.datetime) -> str:
    """An entry's `updated`: the last real change of `path` or else `fallback` (a date from the
    record, or None for the build date), never after `now`. For a file outside the site's records;
    theirs come from the one reading of `site_dates`."""
    return entry_time(last_changed(root, (path,), now).get(path), fallback, now)


def entry_time(changed: dt.datetime | None, fallback: Fallback, now: dt.datetime) -> str:
    """`updated` from a last change (None: not known), else `fallback` (None: the build date), never after `now`."""
    value = changed if changed is not None else fallback
    if value is None:
        value = now
    if isinstance(value, PartialDate):
        value = value.first_day
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return stamp(min(value, now))


def site_dates(site: Site, now: dt.datetime) -> When:
    """`when(path, fallback)` -> `updated` for the records of `site`, from the one reading of the
    site's history (content/history.py), looked up, not rebuilt, for each entry."""
    from ..content.history import site_history, source_files

    history = site_history(site, now)
    known = frozenset(source_files(site))

    def when(path: str, fallback: Fallback) -> str:
        if path not in known:
            return updated(site.root, path, fallback, now)
        return entry_time(history.file_last(path), fallback, now)

    return when


def distinct_times(entries: list[Entry]) -> list[Entry]:
    """Entries newest first, each strictly older than the one before: a tie moves one second back."""
    result: list[Entry] = []
    for entry in entries:
        when = dt.datetime.fromisoformat(entry.updated.replace("Z", "+00:00"))
        if result:
            before = dt.datetime.fromisoformat(result[-1].updated.replace("Z", "+00:00"))
            if when >= before:
                entry = dataclasses.replace(entry, updated=stamp(before - dt.timedelta(seconds=1)))
        result.append(entry)
    return result


def render_atom(
    title: str,
    feed_id: str,
    self_url: str,
    alt_url: str,
    entries: Iterable[Entry],
    author: str = identity.TITLE,
    demo: bool = False,
    *,
    empty: str,
    style: str,
) -> bytes:
    """A feed; on the demo its title, every entry's title and its author say it is fictional (the
    ids come from `fictional.urn`, under the demo's own namespace). `empty`: the feed's `updated`
    while it has no entries (Atom requires one): the last change of the record it is about, from
    git, or the build date; never a date no source gives. `style`: the address of the CSS a
    browser shows the feed with to a person who opens it (feed readers ignore it)."""
    if demo:
        author = fictional.FEED_AUTHOR
    entries = distinct_times(sorted(entries, key=lambda e: (e.updated, e.id), reverse=True))
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
    sub(feed, "updated", max((e.updated for e in entries), default=empty))
    sub(sub(feed, "author"), "name", author)
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "title", fictional.title(demo, e.title))
        sub(entry, "id", e.id)
        sub(entry, "link", href=e.url, rel="alternate")
        sub(entry, "updated", e.updated)
        for name in e.authors:
            sub(sub(entry, "author"), "name", name)
        sub(entry, "summary", " ".join(e.summary.split()) or e.title)  # never an entry without text
    ET.indent(feed)
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet type="text/css" href={quoteattr(style)}?>\n'
    return head.encode() + ET.tostring(feed, encoding="utf-8") + b"\n"
