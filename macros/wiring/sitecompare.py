"""Two built sites compared as readers and programs receive them: the body of `report.json`.

`compare_sites(base, head)` reads every file of both trees once and sorts each difference into
what a reviewer asks about:

    records     the open data's rows (`data/<set>.json`, written from the models by each side's own
                code), field by field, under the names researchers write in their files
    pages       every HTML page: added, removed, a redirect, its text changed (with a word diff),
                or its markup only (the article's text, heading and title unchanged: the chrome
                or the HTML around the same words)
    calendar    the events of `colleges/colleges.ics`: added, removed, moved, changed
    feeds       the entries of every Atom feed
    open_data   the rows of every data set, by id
    downloads   every other file readers fetch (citations, PDFs, calendars of one lecture, schemas)
    other       what only the engine or the browser uses (search index, sitemap, theme files)

Two files are the same when they are equal after their whitespace is collapsed (outside `<pre>`):
a paragraph wrapped anew in its Markdown source, or a blank line, changes nothing a reader sees,
so it gives no line. A public address (a page, a feed, a calendar, a data file) that the base has
and the head has not is a warning: every link to it from elsewhere breaks. A publication's former
id keeps its address as a redirect page, which is listed as such and is no warning.
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from ..content import paths
from .publish import MARKER
from .verify import ARTICLE, BINARY, THEME_FILES, decoded_text

# The data sets of /data/ that hold records: name -> (record type, key columns). Each side's own
# code wrote them from its models, so they are the records as that side publishes them.
DATASETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "experimenten": ("experiment", ("slug",)),
    "bevindingen": ("bevindingen", ("experiment", "round")),
    "rondes": ("ronde", ("number",)),
    "colleges": ("college", ("id",)),
    "publicaties": ("publicatie", ("id",)),
}
RECORD_ORDER = ("experiment", "bevindingen", "ronde", "college", "publicatie")
# Columns that hold a file's Markdown body, under the name its check uses (`bevindingen`, `tekst`).
BODY_NAMES = {("bevindingen", "findings"): "bevindingen", ("colleges", "description"): "tekst"}
TITLE_COLUMNS = ("title",)
NOT_COMPARED = frozenset({"fictief"})  # the demo's mark on every row: the same on both sides

CALENDAR = paths.CALENDAR
EVENT_FIELDS = {
    "SUMMARY": "titel",
    "DTSTART": "begin",
    "DTEND": "einde",
    "LOCATION": "plaats",
    "STATUS": "status",
    "DESCRIPTION": "beschrijving",
    "URL": "adres",
    "SEQUENCE": "volgnummer",
}
ATOM = "{http://www.w3.org/2005/Atom}"
ENTRY_FIELDS = (
    ("title", "titel"),
    ("link", "adres"),
    ("updated", "datum"),
    ("summary", "samenvatting"),
    ("authors", "auteurs"),
)
# Not the site's content: the engine's search index and sitemap, the theme's and the site's own code.
OTHER = re.compile(THEME_FILES.pattern + r"|search/|sitemap\.xml|robots\.txt$|assets/|.*\.map$")
# Public addresses whose disappearance breaks links from elsewhere (pages are always public).
PUBLIC_FILES = re.compile(r"(?:.*/)?feed\.xml$|.*\.ics$|data/[^/]+\.(?:json|csv)$")

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]*)"', re.I)
EDIT_BUTTON = re.compile(r'<a href="[^"]*" title="[^"]*" class="md-content__button md-icon"[^>]*>.*?</a>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.S | re.I)
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S | re.I)
SPACE = re.compile(r"\s+")

MAX_VALUE = 300  # characters of one value shown before and after
CONTEXT = 6  # words of context around a change in a word diff
MAX_HUNKS = 8  # word-diff hunks kept per page
MAX_HUNK = 600  # characters of one side of a hunk
MAX_DIFFED_PAGES = 100  # pages whose word diff is kept; the others keep their counts
TIE_SHIFT = 60  # seconds: an entry's date moved by less is the feed's tie-breaking, not a change
INNER_LIMIT = 250_000  # words × words of one changed stretch matched word by word (about 500 × 500)
TEXT_FIELD = 80  # a value longer than this (or on several lines) is compared word by word
MAX_ROUND = 1000  # the highest round number the report holds (its schema)


def collapse(text: str) -> str:
    """Whitespace as a reader sees it: runs of it are one space; none at the ends."""
    return SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = MAX_VALUE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- reading a built tree -------------------------------------------------------------------------


def files_of(site: Path) -> dict[str, Path]:
    """Every file of a built site by its path in the site (the build's marker left out)."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            rel = path.relative_to(site).as_posix()
            if rel != MARKER:
                found[rel] = path
    return dict(sorted(found.items()))


def normalised(rel: str, data: bytes) -> bytes | str | Any:
    """A file as compared: text with its whitespace collapsed (outside <pre>), JSON parsed with
    its strings collapsed, binary files as they are; a .gz file as what it holds."""
    if rel.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return data
        rel = rel[:-3]
    if rel.lower().endswith(BINARY):
        return data
    text = data.decode("utf-8", errors="replace")
    if rel.endswith(".json"):
        try:
            return _collapsed(json.loads(text))
        except ValueError:
            pass
    if rel.endswith(".html"):
        return "".join(part if PRE.fullmatch(part) else SPACE.sub(" ", part) for part in PRE.split(text)).strip()
    return collapse(text)


def _collapsed(value: Any) -> Any:
    if isinstance(value, str):
        return collapse(value)
    if isinstance(value, list):
        return [_collapsed(v) for v in value]
    if isinstance(value, dict):
        return {k: _collapsed(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Page:
    """What a reader gets from one HTML page."""

    title: str  # the article's heading (else the document's title)
    head_title: str  # <title>: the browser tab, search results, bookmarks
    blocks: tuple[str, ...]  # the article's text (else the body's) by block, whitespace collapsed
    redirect: str | None  # the site path a redirect page sends readers to

    @property
    def text(self) -> str:
        return " ".join(self.blocks)


def read_page(rel: str, data: bytes) -> Page:
    """The heading, title, text and redirect of a built page."""
    markup = data.decode("utf-8", errors="replace")
    refresh = REFRESH.search(markup)
    redirect = None
    target = html.unescape(refresh.group(1)).split("#")[0] if refresh else ""
    if refresh and not (urlsplit(target).scheme or urlsplit(target).netloc):  # a redirect within the site
        redirect = url_path(posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(target))))
        if target.endswith("/") and not redirect.endswith("/"):
            redirect += "/"
    start = markup.find(ARTICLE)
    if start >= 0:
        end = markup.find("</article>", start)
        body = markup[start + len(ARTICLE) : end if end >= 0 else len(markup)]
    else:
        match = BODY.search(markup)
        body = match.group(1) if match else markup
    # Structured data (JSON-LD) is no text a reader sees: it follows the record, which the report shows.
    body = SCRIPT.sub(" ", HEADERLINK.sub("", EDIT_BUTTON.sub("", body)))
    heading = H1.search(body)
    head_title = TITLE.search(markup)
    return Page(
        title=collapse(decoded_text(heading.group(1))) if heading else "",
        head_title=collapse(html.unescape(head_title.group(1))) if head_title else "",
        blocks=tuple(blocks_of(decoded_text(body).replace("¶", ""))),
        redirect=redirect,
    )


def url_path(rel: str) -> str:
    """The address of a file in the site: `x/index.html` is `x/`, the home page ''; percent-encoded
    where a name holds more than letters, digits and `-._~` (the report's schema allows no more)."""
    if rel in ("index.html", "."):
        rel = ""
    elif rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return quote(rel, safe="/-._~")


# --- word diff ------------------------------------------------------------------------------------


def blocks_of(text: str) -> list[str]:
    """Text as its blocks (lines), each with its whitespace collapsed; empty ones left out."""
    return [block for block in (collapse(line) for line in text.split("\n")) if block]


def word_diff(before: list[str], after: list[str], keep: bool = True) -> dict[str, Any]:
    """Words added and removed between two texts given as blocks, and (with `keep`) the changed
    places with a little context: removed words marked [-so-], added ones {+so+}.

    Blocks are matched first, then the words of each changed stretch: a word-by-word match of two
    whole pages takes quadratic time on the words they share (`de`, `het`), a stretch is small. A
    stretch too long to match word by word (INNER_LIMIT) counts as removed and added whole."""
    outer = difflib.SequenceMatcher(None, before, after)
    added = removed = 0
    hunks: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in outer.get_opcodes():
        if op == "equal":
            continue
        old, new = " ".join(before[i1:i2]).split(), " ".join(after[j1:j2]).split()
        # Context from the blocks around the stretch, with "…" where the text goes on beyond it.
        previous = before[i1 - 1].split() if i1 > 0 else []
        following = before[i2].split() if i2 < len(before) else []
        lead = (["…"] if i1 > 1 or len(previous) > CONTEXT else []) + previous[-CONTEXT:]
        tail = following[:CONTEXT] + (["…"] if i2 + 1 < len(before) or len(following) > CONTEXT else [])
        if old and new and len(old) * len(new) <= INNER_LIMIT:
            inner = difflib.SequenceMatcher(None, old, new, autojunk=False)
            for tag, x1, x2, y1, y2 in inner.get_opcodes():
                if tag != "equal":
                    removed += x2 - x1
                    added += y2 - y1
            groups = list(inner.get_grouped_opcodes(CONTEXT)) if keep else []
        else:
            removed += len(old)
            added += len(new)
            groups = [[("replace", 0, len(old), 0, len(new))]] if keep else []
        for group in groups:
            if len(hunks) < MAX_HUNKS:
                hunks.append(_hunk(old, new, group, lead, tail))
    result: dict[str, Any] = {"words_added": added, "words_removed": removed}
    if keep:
        result["diff"] = hunks
    return result


def _hunk(
    old: list[str], new: list[str], group: list[tuple[str, int, int, int, int]], lead: list[str], tail: list[str]
) -> dict[str, str]:
    """One changed place: both sides with their context, `…` where the text goes on."""
    left: list[str] = []
    right: list[str] = []
    for tag, x1, x2, y1, y2 in group:
        if tag == "equal":
            left += old[x1:x2]
            right += new[y1:y2]
            continue
        if x2 > x1:
            left.append("[-" + " ".join(old[x1:x2]) + "-]")
        if y2 > y1:
            right.append("{+" + " ".join(new[y1:y2]) + "+}")
    at_start = group[0][1] == 0 and group[0][3] == 0
    at_end = group[-1][2] == len(old) and group[-1][4] == len(new)
    head = lead if at_start else ["…"]
    foot = tail if at_end else ["…"]
    return {
        "before": shorten(" ".join([*head, *left, *foot]), MAX_HUNK),
        "after": shorten(" ".join([*head, *right, *foot]), MAX_HUNK),
    }


# --- records (the open data) ----------------------------------------------------------------------


def _rows(data: bytes) -> list[dict[str, Any]]:
    try:
        rows = json.loads(data.decode("utf-8", errors="replace"))
    except ValueError:
        return []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _key(row: dict[str, Any], columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("" if row.get(c) is None else str(row.get(c)) for c in columns)


def _fallback_key(row: dict[str, Any]) -> tuple[str, ...]:
    for column in ("id", "slug", "number"):
        if column in row:
            return (str(row[column]),)
    return (json.dumps(row, sort_keys=True, ensure_ascii=False),)


def _sort_key(key: tuple[str, ...]) -> tuple[Any, ...]:
    """Numbers in their order (compared as digits, so a number of any length sorts), then text."""
    return tuple((0, len(part.lstrip("0")), part.lstrip("0")) if _is_number(part) else (1, 0, part) for part in key)


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _round(text: str) -> int | None:
    """A round's number as the report holds it (0 to MAX_ROUND), else None: the label then shows the id."""
    digits = text.lstrip("0") or "0"
    if not _is_number(text) or len(digits) > len(str(MAX_ROUND)) or int(digits) > MAX_ROUND:
        return None
    return int(digits)


def shown(value: Any) -> str | None:
    """A value as one line of text: null stays null (shown as empty), a group as `key: value, …`."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):
        return shorten(collapse(", ".join(f"{k}: {shown(v)}" for k, v in value.items() if v not in (None, [], ""))))
    if isinstance(value, list):
        return shorten(collapse("; ".join(shown(v) or "" for v in value)))
    return shorten(collapse(str(value)))


def field_change(name: str, before: Any, after: Any) -> dict[str, Any] | None:
    """One field's change in researchers' terms, or None when a reader sees no difference."""
    if _collapsed(before) == _collapsed(after):
        return None
    change: dict[str, Any] = {"field": name}
    is_text = any(isinstance(v, str) and (len(v) > TEXT_FIELD or "\n" in v) for v in (before, after))
    if isinstance(before, list | None) and isinstance(after, list | None):  # not both None: they differ
        old = [shown(v) or "" for v in before or []]  # null (not known) and [] (none) both list nothing
        new = [shown(v) or "" for v in after or []]
        change["added"] = [v for v in new if v not in old]
        change["removed"] = [v for v in old if v not in new]
        if not change["added"] and not change["removed"]:
            del change["added"], change["removed"]  # the same items in another order
            change |= {"before": shown(before), "after": shown(after)}
    elif is_text and all(isinstance(v, (str, type(None))) for v in (before, after)):
        change |= word_diff(blocks_of(before or ""), blocks_of(after or ""), keep=False)
        if change["words_added"] == change["words_removed"] == 0:
            return None
    else:
        change |= {"before": shown(before), "after": shown(after)}
    return change


def compare_records(base: dict[str, bytes], head: dict[str, bytes]) -> tuple[list[dict], list[dict]]:
    """(records, open_data): every row of every data set that is added, removed or changed."""
    records: list[dict] = []
    open_data: list[dict] = []
    names = sorted({name for rel in (*base, *head) if (name := _dataset(rel))})
    for name in names:
        rel = f"data/{name}.json"
        record_type, columns = DATASETS.get(name, ("", ()))
        old_rows = _rows(base[rel]) if rel in base else []
        new_rows = _rows(head[rel]) if rel in head else []
        old = {_key(row, columns) if columns else _fallback_key(row): row for row in old_rows}
        new = {_key(row, columns) if columns else _fallback_key(row): row for row in new_rows}
        entry: dict[str, Any] = {"set": name, "added": [], "removed": [], "changed": []}
        for key in sorted(set(old) | set(new), key=_sort_key):
            label = _row_label(name, key)
            if key not in old:
                entry["added"].append(label)
                change = "added"
                fields: list[dict] = []
            elif key not in new:
                entry["removed"].append(label)
                change = "removed"
                fields = []
            else:
                fields = [
                    c
                    for column in _columns(old[key], new[key])
                    if (
                        c := field_change(
                            BODY_NAMES.get((name, column), column), old[key].get(column), new[key].get(column)
                        )
                    )
                ]
                if not fields:
                    continue
                entry["changed"].append(label)
                change = "changed"
            if record_type:
                row = new.get(key) or old[key]
                records.append(_record(record_type, key, change, row, fields))
        files = sorted(
            url_path(f"data/{name}.{ext}")
            for ext in ("json", "csv")
            if _differs(f"data/{name}.{ext}", base.get(f"data/{name}.{ext}"), head.get(f"data/{name}.{ext}"))
        )
        if entry["added"] or entry["removed"] or entry["changed"] or files:
            open_data.append({**entry, "files": files})
    records.sort(key=lambda r: (RECORD_ORDER.index(r["type"]), r["id"], r["round"] if r["round"] is not None else -1))
    return records, open_data


def _row_label(name: str, key: tuple[str, ...]) -> str:
    if name == "bevindingen" and len(key) == 2:
        return f"{key[0]}, ronde {key[1]}"
    if name == "rondes":
        return f"ronde {key[0]}"
    return ", ".join(key)


def _dataset(rel: str) -> str | None:
    match = re.fullmatch(r"data/([^/]+)\.(?:json|csv)", rel)
    return match.group(1) if match and match.group(1) != "datapackage" else None


def _columns(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [c for c in dict.fromkeys([*old, *new]) if c not in NOT_COMPARED]


def _record(kind: str, key: tuple[str, ...], change: str, row: dict[str, Any], fields: list[dict]) -> dict[str, Any]:
    title = next((row[c] for c in TITLE_COLUMNS if isinstance(row.get(c), str)), None)
    if kind == "bevindingen":
        ident, number = key[0], _round(key[1])
    elif kind == "ronde":
        ident, number = key[0], _round(key[0])
    else:
        ident, number = key[0], None
    return {
        "type": kind,
        "id": ident,
        "round": number,
        "title": shorten(collapse(title)) if title else None,
        "change": change,
        "fields": fields,
    }


def _differs(rel: str, before: bytes | None, after: bytes | None) -> bool:
    if before is None or after is None:
        return before is not after
    return before != after and normalised(rel, before) != normalised(rel, after)


# --- calendar and feeds ---------------------------------------------------------------------------


def read_events(data: bytes) -> dict[str, dict[str, str]]:
    """The events of an iCalendar file by UID: each property as a reader's calendar shows it."""
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8", errors="replace"))
    events: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events[current.get("UID", f"#{len(events)}")] = current
            current = None
        elif current is not None:
            head, value = _split_property(line)
            name, _, params = head.partition(";")
            current[name.upper()] = _event_value(name.upper(), params, value)
    return events


def _split_property(line: str) -> tuple[str, str]:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return line, ""


def _event_value(name: str, params: str, value: str) -> str:
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?", value)
    if name in ("DTSTART", "DTEND") and match:
        year, month, day, hour, minute, _, utc = match.groups()
        zone = re.search(r"TZID=([^;:]+)", params)
        when = f"{year}-{month}-{day}" + (f" {hour}:{minute}" if hour else "")
        return when + (" UTC" if utc else f" ({zone.group(1)})" if zone and hour else "")
    return collapse(re.sub(r"\\([,;\\nN])", lambda m: " " if m.group(1) in "nN" else m.group(1), value))


def _event_order(name: str) -> tuple[int, str]:
    order = list(EVENT_FIELDS)
    return (order.index(name) if name in order else len(order), name)


def compare_calendar(before: bytes | None, after: bytes | None) -> list[dict[str, Any]]:
    """The calendar's events added, removed, moved (another start or end) or otherwise changed."""
    old = read_events(before) if before is not None else {}
    new = read_events(after) if after is not None else {}
    changes = []
    for uid in sorted(set(old) | set(new)):
        event = new.get(uid) or old[uid]
        entry: dict[str, Any] = {"uid": shorten(uid), "title": shorten(event.get("SUMMARY", ""))}
        if uid not in old:
            entry |= {"change": "added", "start_after": event.get("DTSTART")}
        elif uid not in new:
            entry |= {"change": "removed", "start_before": event.get("DTSTART")}
        else:
            differ = [p for p in sorted(set(old[uid]) | set(new[uid])) if old[uid].get(p) != new[uid].get(p)]
            if not differ:
                continue
            moved = "DTSTART" in differ or "DTEND" in differ
            entry |= {
                "change": "moved" if moved else "changed",
                "start_before": old[uid].get("DTSTART"),
                "start_after": new[uid].get("DTSTART"),
                "fields": [EVENT_FIELDS.get(p, p.lower()) for p in sorted(differ, key=_event_order)],
            }
        changes.append(entry)
    return changes


def read_feed(data: bytes) -> tuple[str, dict[str, dict[str, str]]]:
    """A feed's title and its entries by id (title, link, updated, summary)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return "", {}
    entries: dict[str, dict[str, str]] = {}
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        values = {
            "title": collapse(entry.findtext(f"{ATOM}title") or ""),
            "link": link.get("href", "") if link is not None else "",
            "updated": entry.findtext(f"{ATOM}updated") or "",
            "summary": collapse(entry.findtext(f"{ATOM}summary") or ""),
            "authors": "; ".join(collapse(a.findtext(f"{ATOM}name") or "") for a in entry.iter(f"{ATOM}author")),
        }
        entries[entry.findtext(f"{ATOM}id") or f"#{len(entries)}"] = values
    return collapse(root.findtext(f"{ATOM}title") or ""), entries


def _tie_shift(before: str, after: str) -> bool:
    """Whether an entry's `updated` moved by less than a minute: entries of one commit are written a
    second apart in id order (atom.distinct_times), so adding or removing one shifts the others by
    seconds. No source changed; a feed reader gains nothing from hearing it."""
    try:
        old = dt.datetime.fromisoformat(before.replace("Z", "+00:00"))
        new = dt.datetime.fromisoformat(after.replace("Z", "+00:00"))
    except ValueError:
        return False
    return abs((new - old).total_seconds()) < TIE_SHIFT


def compare_feed(rel: str, before: bytes | None, after: bytes | None) -> dict[str, Any] | None:
    """A feed's entries added, removed or changed (and which of their parts)."""
    old_title, old = read_feed(before) if before is not None else ("", {})
    new_title, new = read_feed(after) if after is not None else ("", {})
    entries = []
    for ident in sorted(set(old) | set(new)):
        entry = new.get(ident) or old[ident]
        item: dict[str, Any] = {"id": shorten(ident), "title": shorten(entry["title"])}
        if ident not in old:
            item["change"] = "added"
        elif ident not in new:
            item["change"] = "removed"
        else:
            differ = [
                dutch
                for key, dutch in ENTRY_FIELDS
                if old[ident][key] != new[ident][key]
                and not (key == "updated" and _tie_shift(old[ident][key], new[ident][key]))
            ]
            if not differ:
                continue
            item |= {"change": "changed", "fields": differ}
            if "datum" in differ:
                item |= {"updated_before": old[ident]["updated"], "updated_after": new[ident]["updated"]}
        entries.append(item)
    change = "added" if before is None else "removed" if after is None else "changed"
    if change == "changed" and not entries and old_title == new_title:
        return None
    return {"feed": rel, "change": change, "entries": entries}


# --- the whole site -------------------------------------------------------------------------------


def kind_of(rel: str) -> str:
    """Which part of the report a file belongs to."""
    if rel.endswith(".html"):
        return "page"
    if rel == CALENDAR:
        return "calendar"
    if rel.endswith("feed.xml"):
        return "feed"
    if _dataset(rel):
        return "data"
    if OTHER.match(rel):
        return "other"
    return "download"


def compare_sites(base: Path, head: Path) -> dict[str, Any]:
    """Every difference between two built sites a reader or a program would notice."""
    base_files, head_files = files_of(base), files_of(head)
    old = {rel: path.read_bytes() for rel, path in base_files.items()}
    new = {rel: path.read_bytes() for rel, path in head_files.items()}
    changed = sorted(rel for rel in set(old) | set(new) if _differs(rel, old.get(rel), new.get(rel)))
    records, open_data = compare_records(old, new)
    report: dict[str, Any] = {
        "warnings": [],
        "records": records,
        "pages": [],
        "calendar": [],
        "feeds": [],
        "open_data": open_data,
        "downloads": [],
        "other": [],
    }
    diffed = 0
    for rel in changed:
        kind = kind_of(rel)
        if rel in old and rel not in new and (kind == "page" or PUBLIC_FILES.fullmatch(rel)):
            report["warnings"].append({"kind": "url-removed", "side": "head", "path": url_path(rel), "messages": []})
        if kind == "page":
            page = compare_page(rel, old.get(rel), new.get(rel), keep_diff=diffed < MAX_DIFFED_PAGES)
            if page is not None:
                diffed += page["change"] == "text"
                report["pages"].append(page)
        elif kind == "calendar":
            report["calendar"] = compare_calendar(old.get(rel), new.get(rel))
        elif kind == "feed":
            feed = compare_feed(rel, old.get(rel), new.get(rel))
            if feed is not None:
                report["feeds"].append(feed | {"feed": url_path(rel)})
        elif kind in ("download", "other"):
            part = "downloads" if kind == "download" else "other"
            report[part].append({"path": url_path(rel), "change": _change(old, new, rel)})
    report["pages"].sort(key=lambda p: (PAGE_ORDER.index(p["change"]), p["path"]))
    return report


PAGE_ORDER = ("removed", "redirect", "added", "text", "markup")


def _change(old: dict[str, bytes], new: dict[str, bytes], rel: str) -> str:
    return "added" if rel not in old else "removed" if rel not in new else "changed"


def compare_page(rel: str, before: bytes | None, after: bytes | None, keep_diff: bool = True) -> dict[str, Any] | None:
    """One page's change: added, removed, now a redirect, its text, or its markup only."""
    old = read_page(rel, before) if before is not None else None
    new = read_page(rel, after) if after is not None else None
    shown_page = new or old
    assert shown_page is not None
    entry: dict[str, Any] = {"path": url_path(rel), "title": shorten(shown_page.title or shown_page.head_title)}
    if old is None:
        return entry | {"change": "added", **word_diff([], list(new.blocks) if new else [], keep=False)}
    if new is None:
        return entry | {"change": "removed", **word_diff(list(old.blocks), [], keep=False)}
    if new.redirect is not None and new.redirect != old.redirect:
        return entry | {"change": "redirect", "title": shorten(old.title or old.head_title), "redirect": new.redirect}
    if (old.text, old.head_title) == (new.text, new.head_title):  # the same words, other blocks or markup
        return entry | {"change": "markup"}
    entry |= {"change": "text", **word_diff(list(old.blocks), list(new.blocks), keep=keep_diff)}
    if old.head_title != new.head_title:
        entry |= {"title_before": shorten(old.head_title), "title_after": shorten(new.head_title)}
    return entry
