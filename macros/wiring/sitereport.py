"""The site diff's report: its JSON Schema, and the Dutch Markdown that GitHub shows of it.

`sitediff` writes `report.json` and renders `report.md` from it; the pull-request comment is
rendered again from `report.json` by the base repository's own code (`sitediff-comment`, in the
`workflow_run` workflow), which treats the file as hostile: it reads at most MAX_JSON bytes, validates
the data against REPORT_SCHEMA and renders it here, where every value is escaped.

Escaping, because GitHub renders the comment: every value from the report (a title, a path, an id,
words of a page) is written inside a code span or a fenced block whose backtick fence is longer than
any run of backticks in it, on one line, without control or bidirectional-format characters. Inside
code GitHub renders no Markdown and no HTML, links no @mention, #number or address, and shows no
emoji. Only this module's own words, numbers and links to the preview (a base address given on the
command line, with a path the schema limits to safe characters) are written as Markdown.

At most MAX_CHARS characters (a GitHub comment holds 65,536): long lists are folded in <details>;
a report that is still too long loses its word diffs, then the tail of each list (counted), and
says that report.json has everything.

report.json itself stays within every cap of the schema (`fit`, before it is validated): a value
longer than its cap ends in an ellipsis ("..." in a path, which allows ASCII only), a list longer
than its cap keeps its first items and counts the others in `<list>_left_out`, which the Markdown
shows as "… en N meer".
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..base import identity
from .sitecompare import ENTRY_FIELDS, MAX_ROUND

MARK = "<!-- waardevol-werk-sitediff -->"  # the first line of the comment: the one the workflow keeps up to date
MAX_CHARS = 60_000
MAX_JSON = 5_000_000  # bytes of report.json the comment reads; a larger one is refused
FOLD = 10  # a list longer than this is folded in <details>
SHORT_VALUE = 200
VERSION = 1
SCHEMA_FILE = "sitediff.schema.json"  # in schemas/, written by `python -m macros schemas`
ENTRY_WORDS = tuple(word for _, word in ENTRY_FIELDS)  # the parts of a feed entry, in Dutch

# --- the schema ------------------------------------------------------------------------------------

_TEXT = {"type": "string", "maxLength": 2000}
_NULLABLE_TEXT = {"type": ["string", "null"], "maxLength": 2000}
_COUNT = {"type": "integer", "minimum": 0, "maximum": 10_000_000}
# A path in the site, as the generator writes them (content/paths.py): no space, quote, bracket or
# character outside ASCII. A file name that has one is written percent-encoded.
PATH_MAX = 500
_PATH = {"type": "string", "maxLength": PATH_MAX, "pattern": r"^[A-Za-z0-9._~%/-]*$"}
_CHANGE = {"enum": ["added", "removed", "changed"]}
_LIST_OF_TEXT = {"type": "array", "maxItems": 5000, "items": _TEXT}
LEFT_OUT = "_left_out"  # `<list>_left_out`: how many items of <list> the report left out (its cap)


def _array(items: dict[str, Any], most: int = 20_000) -> dict[str, Any]:
    return {"type": "array", "maxItems": most, "items": items}


def _left_out(*lists: str) -> dict[str, Any]:
    """The optional counts of the items each list left out to stay within its cap."""
    return {f"{name}{LEFT_OUT}": _COUNT for name in lists}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
        "additionalProperties": False,
    }


_HUNK = _object({"before": _TEXT, "after": _TEXT})
_WORDS = {"words_added": _COUNT, "words_removed": _COUNT}
_SIDE = _object(
    {
        "label": {"type": "string", "maxLength": 300},
        "commit": {"type": ["string", "null"], "pattern": "^[0-9a-f]{40}$"},
        "built": {"type": "boolean"},
    },
    # "ref": checked out and built by sitediff; "folder": a built site read as it was given. Absent in
    # reports of before it was written: then a side with a commit is a ref.
    {"source": {"enum": ["ref", "folder"]}},
)
_FIELD = _object(
    {"field": {"type": "string", "maxLength": 100}},
    {
        "before": _NULLABLE_TEXT,
        "after": _NULLABLE_TEXT,
        "added": _LIST_OF_TEXT,
        "removed": _LIST_OF_TEXT,
        **_left_out("added", "removed"),
        **_WORDS,
    },
)
REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://{identity.ID}.example.org/schemas/{SCHEMA_FILE}",
    "title": "Verslag van python -m macros sitediff (report.json)",
    "description": "Wat een wijziging verandert aan wat lezers en programma's van de site krijgen.",
    **_object(
        {
            "version": {"const": VERSION},
            "config": {"type": "string", "maxLength": 300},
            "source_date_epoch": {"type": ["integer", "null"], "minimum": 0},
            "base": _SIDE,
            "head": _SIDE,
            "warnings": _array(
                _object(
                    {
                        "kind": {"enum": ["build-failed", "verify", "url-removed"]},
                        "side": {"enum": ["base", "head"]},
                        "path": {"anyOf": [_PATH, {"type": "null"}]},
                        "messages": _array(_TEXT, 200),
                    }
                )
            ),
            "records": _array(
                _object(
                    {
                        "type": {"enum": ["experiment", "bevindingen", "ronde", "college", "publicatie"]},
                        "id": {"type": "string", "maxLength": 300},
                        "round": {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_ROUND},
                        "title": _NULLABLE_TEXT,
                        "change": _CHANGE,
                        "fields": _array(_FIELD, 500),
                    },
                    _left_out("fields"),
                )
            ),
            "pages": _array(
                _object(
                    {
                        "path": _PATH,
                        "title": _TEXT,
                        "change": {"enum": ["added", "removed", "redirect", "text", "markup"]},
                    },
                    {
                        **_WORDS,
                        "redirect": _PATH,
                        "title_before": _TEXT,
                        "title_after": _TEXT,
                        "diff": _array(_HUNK, 50),
                    },
                )
            ),
            "calendar": _array(
                _object(
                    {"uid": _TEXT, "title": _TEXT, "change": {"enum": ["added", "removed", "moved", "changed"]}},
                    {
                        "start_before": _NULLABLE_TEXT,
                        "start_after": _NULLABLE_TEXT,
                        "fields": _LIST_OF_TEXT,
                        **_left_out("fields"),
                    },
                )
            ),
            "feeds": _array(
                _object(
                    {
                        "feed": _PATH,
                        "change": _CHANGE,
                        "entries": _array(
                            _object(
                                {"id": _TEXT, "title": _TEXT, "change": _CHANGE},
                                {
                                    "fields": {"type": "array", "maxItems": 10, "items": {"enum": list(ENTRY_WORDS)}},
                                    "updated_before": _TEXT,
                                    "updated_after": _TEXT,
                                },
                            )
                        ),
                    },
                    _left_out("entries"),
                )
            ),
            "open_data": _array(
                _object(
                    {
                        "set": {"type": "string", "maxLength": 100},
                        "added": _LIST_OF_TEXT,
                        "removed": _LIST_OF_TEXT,
                        "changed": _LIST_OF_TEXT,
                        "files": _array(_PATH, 100),
                    },
                    _left_out("added", "removed", "changed"),
                )
            ),
            "downloads": _array(_object({"path": _PATH, "change": _CHANGE})),
            "other": _array(_object({"path": _PATH, "change": _CHANGE})),
        },
        _left_out("warnings", "records", "pages", "calendar", "feeds", "open_data", "downloads", "other"),
    ),
}
SECTIONS = ("warnings", "records", "pages", "calendar", "feeds", "open_data", "downloads", "other")
SECTION_NOUNS = {
    "warnings": ("waarschuwing", "waarschuwingen"),
    "records": ("record", "records"),
    "pages": ("pagina", "pagina's"),
    "calendar": ("agenda-item", "agenda-items"),
    "feeds": ("feed", "feeds"),
    "open_data": ("dataset", "datasets"),
    "downloads": ("download", "downloads"),
    "other": ("overig bestand", "overige bestanden"),
}


def schema_text() -> str:
    """The schema as written to schemas/sitediff.schema.json."""
    return json.dumps(REPORT_SCHEMA, ensure_ascii=False, indent=2) + "\n"


class ReportError(Exception):
    """report.json cannot be used: unreadable, too large, or not what the schema describes."""


def fit(report: dict[str, Any]) -> dict[str, Any]:
    """The report within every cap of REPORT_SCHEMA: a string longer than its maxLength shortened with
    an ellipsis, a list longer than its maxItems cut to its first items, with how many it left out in
    `<list>_left_out` (added to a count already there)."""
    return _fit(report, REPORT_SCHEMA)  # type: ignore[no-any-return]


def _fit(value: Any, schema: dict[str, Any]) -> Any:
    if "anyOf" in schema:  # a path or null: the option of the value's type
        option = next((o for o in schema["anyOf"] if o.get("type") == "string"), None)
        return _fit(value, option) if isinstance(value, str) and option is not None else value
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):  # with a pattern: a path
        return shorten_path(value, schema["maxLength"]) if "pattern" in schema else _shorten(value, schema["maxLength"])
    if isinstance(value, list) and "items" in schema:
        return [_fit(item, schema["items"]) for item in value[: schema.get("maxItems", len(value))]]
    if isinstance(value, dict) and "properties" in schema:
        properties = schema["properties"]
        fitted = {key: _fit(item, properties[key]) if key in properties else item for key, item in value.items()}
        for key, item in value.items():
            count = f"{key}{LEFT_OUT}"
            most = properties.get(key, {}).get("maxItems")
            if isinstance(item, list) and most is not None and len(item) > most and count in properties:
                already = value.get(count)
                fitted[count] = (already if isinstance(already, int) else 0) + len(item) - most
        return fitted
    return value


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten_path(path: str, limit: int = PATH_MAX) -> str:
    """A site path cut to `limit` characters with "..." (a path holds ASCII only), never inside a %XX."""
    return re.sub(r"%[0-9A-Fa-f]?$", "", path[: limit - 3]) + "..."


def shortened(path: str) -> bool:
    """Whether a path of the report was cut (shorten_path): no address to link to."""
    return path.endswith("...") and len(path) >= PATH_MAX - 2


def total(container: dict[str, Any], name: str) -> int:
    """How many items a list of the report had: those it holds and those it left out."""
    return len(container.get(name, [])) + left_out(container, name)


def left_out(container: dict[str, Any], name: str) -> int:
    return int(container.get(f"{name}{LEFT_OUT}", 0))


def validate(report: Any) -> dict[str, Any]:
    """The report when it satisfies the schema; ReportError with the first problem otherwise."""
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - in requirements/test.txt, which `make setup` installs
        raise ReportError("jsonschema ontbreekt; installeer met make setup") from None
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA)
    try:
        error = jsonschema.exceptions.best_match(validator.iter_errors(report))
    except RecursionError:  # nested deeper than the validator descends
        raise ReportError("report.json is te diep genest") from None
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(het hele bestand)"
        raise ReportError(f"report.json voldoet niet aan het schema bij {where}: {error.validator}")
    return report  # type: ignore[no-any-return]


def read_report(path: Path) -> dict[str, Any]:
    """report.json, or the member report.json of an artifact's .zip, read at most MAX_JSON bytes and validated.

    Every failure is a ReportError: the artifact is hostile, and what a spoiled one raises depends on
    where it is spoiled (zipfile's BadZipFile, KeyError, NotImplementedError, zlib.error, EOFError,
    an error of bz2 or lzma, a UnicodeDecodeError of a member's name, …)."""
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive, archive.open("report.json") as member:
                data = member.read(MAX_JSON + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_JSON + 1)
    except Exception as error:  # noqa: BLE001 - whatever a spoiled file raises, it cannot be read
        raise ReportError(f"{path.name}: kan report.json niet lezen ({type(error).__name__})") from None
    if len(data) > MAX_JSON:
        raise ReportError(f"report.json is groter dan {MAX_JSON} bytes")
    try:
        report = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReportError("report.json is geen geldige JSON (UTF-8)") from None
    return validate(report)


def summary(report: dict[str, Any]) -> str:
    """One line: what the report holds (`2 records, 5 pagina's, 1 feed`), or that nothing changes."""
    parts = [
        f"{total(report, name)} {one if total(report, name) == 1 else many}"
        for name, (one, many) in SECTION_NOUNS.items()
        if total(report, name)
    ]
    return ", ".join(parts) or "geen verschil voor lezers of programma's"


def is_empty(report: dict[str, Any]) -> bool:
    """Nothing a reader or a program receives is different (and nothing to warn about)."""
    return not any(total(report, name) for name in SECTIONS)


# --- escaping ----------------------------------------------------------------------------------------

# Control and format characters (bidirectional overrides, zero-width joiners): nothing a reviewer
# should get from a report, and what makes text read otherwise than it is stored.
_HIDDEN = re.compile(r"[\x00-\x1f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")


def plain_line(value: Any, limit: int = SHORT_VALUE) -> str:
    """A value as one line of visible characters, at most `limit` long."""
    text = unicodedata.normalize("NFC", str(value))
    text = " ".join(_HIDDEN.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def code(value: Any, limit: int = SHORT_VALUE) -> str:
    """A value as an inline code span that nothing in it can end early."""
    text = plain_line(value, limit)
    if not text:
        return "(leeg)"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fenced(lines: list[str], info: str = "text", indent: str = "") -> str:
    """Lines (already one line each) in a fenced block whose fence no line can close."""
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    body = [f"{indent}{fence}{info}", *(f"{indent}{line}" for line in lines), f"{indent}{fence}"]
    return "\n".join(body)


def site_path(path: str) -> str:
    """A site path as readers type it: with a leading slash."""
    return "/" + path


def preview_link(base: str | None, path: str) -> str:
    """' · [bekijken](…)' to the page in the preview, or '' without a preview address."""
    if not base:
        return ""
    return f" · [bekijken]({base.rstrip('/')}/{quote(path, safe='/-._~%')})"  # the path is already encoded


def checked_preview(url: str | None) -> str | None:
    """The preview's base address when it is a plain https address (nothing to escape), else None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or not re.fullmatch(r"[A-Za-z0-9._~:/%-]+", url):
        return None
    return url


# --- the Markdown -------------------------------------------------------------------------------------

CHANGE_WORDS = {"added": "nieuw", "removed": "verwijderd", "changed": "gewijzigd"}
RECORD_WORDS = {
    "experiment": "experiment",
    "bevindingen": "experiment",
    "ronde": "ronde",
    "college": "college",
    "publicatie": "publicatie",
}


def _words(item: dict[str, Any]) -> str:
    added, removed = item.get("words_added", 0), item.get("words_removed", 0)
    return f"+{added} −{removed} {'woord' if added + removed == 1 else 'woorden'}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def record_label(record: dict[str, Any]) -> str:
    kind = record["type"]
    if kind == "ronde":
        return f"ronde {record['round']}" if record["round"] is not None else f"ronde {code(record['id'])}"
    label = f"{RECORD_WORDS[kind]} {code(record['id'])}"
    if kind == "bevindingen":
        label += f", ronde {record['round']}" if record["round"] is not None else ", een ronde"
    return label


def field_line(change: dict[str, Any]) -> str:
    name = code(change["field"])
    if "words_added" in change:
        return f"{name} {_words(change)}"
    if "added" in change or "removed" in change:
        parts = [f"+ {code(v)}" for v in change.get("added", [])[:FOLD]]
        parts += [f"− {code(v)}" for v in change.get("removed", [])[:FOLD]]
        more = total(change, "added") + total(change, "removed") - len(parts)
        return f"{name}: {', '.join(parts)}" + (f" en {more} meer" if more > 0 else "")
    before, after = change.get("before"), change.get("after")
    old = code(before) if before is not None else "(leeg)"
    new = code(after) if after is not None else "(leeg)"
    return f"{name}: {old} → {new}"


class Budget:
    """How much the rendering may show: word diffs or not, and how many items of one list."""

    def __init__(self, diffs: bool = True, items: int | None = None) -> None:
        self.diffs = diffs
        self.items = items

    def take(self, items: list[Any]) -> tuple[list[Any], int]:
        """The items to show and how many are left out."""
        if self.items is None or len(items) <= self.items:
            return items, 0
        return items[: self.items], len(items) - self.items


def folded(summary: str, text: str) -> str:
    """`text` under a <details> element (closed); `summary` is this module's own words and numbers."""
    return f"<details><summary>{summary}</summary>\n\n{text}\n\n</details>"


def more_line(left: int, dropped: int, indent: str = "") -> list[str]:
    """The last line of a list: how many items this rendering left out (`left`, in report.json) and
    how many the report itself left out (`dropped`, a `<list>_left_out`); none when nothing was."""
    if left and dropped:
        where = f"{left} in `report.json` in de artefacten; {dropped} te veel voor het verslag, niet in `report.json`"
    elif left:
        where = "zie `report.json` in de artefacten"
    elif dropped:
        where = "te veel voor het verslag; niet in `report.json`"
    else:
        return []
    return [f"{indent}- … en {left + dropped} meer ({where})"]


def _listing(lines: list[str], left: int, fold_as: str | None = None, dropped: int = 0) -> str:
    """A Markdown list (each entry may span lines); folded under `fold_as` when long; left-out count last."""
    if left or dropped:
        lines = [*lines, *more_line(left, dropped)]
    text = "\n".join(lines)
    if fold_as is not None and len(lines) > FOLD:
        return folded(fold_as, text)
    return text


def render_warnings(report: dict[str, Any], budget: Budget) -> list[str]:
    blocks = []
    for warning in report["warnings"]:
        side = "HEAD" if warning["side"] == "head" else "BASE"
        if warning["kind"] == "build-failed":
            lines = [plain_line(m, 300) for m in warning["messages"][:40]]
            blocks.append(
                f"- **De site van {side} bouwt niet**, dus de rest van de vergelijking ontbreekt. "
                "Wat de build meldt:\n\n" + fenced(lines or ["(geen melding)"], indent="  ")
            )
        elif warning["kind"] == "verify":
            lines = [plain_line(m, 300) for m in warning["messages"][:40]]
            blocks.append(
                f"- **De uitvoercontrole (verify) vindt problemen in {side}** (persoonsgegevens, een kapotte "
                "link, een verzoek naar een ander domein):\n\n" + fenced(lines, indent="  ")
            )
    removed = [w["path"] for w in report["warnings"] if w["kind"] == "url-removed" and w["path"] is not None]
    dropped = left_out(report, "warnings")  # the report keeps its first warnings: these are addresses
    if removed or dropped:
        shown, left = budget.take(removed)
        blocks.append(
            "- **Publieke adressen verdwijnen zonder doorverwijzing**; elke link ernaar van buiten de site "
            "breekt (een publicatie houdt haar adres met `aliases:`):\n"
            + "\n".join([*(f"  - {code(site_path(p))}" for p in shown), *more_line(left, dropped, "  ")])
        )
    return ["### ⚠️ Eerst dit", "\n".join(blocks)] if blocks else []


def render_records(report: dict[str, Any], budget: Budget) -> list[str]:
    records, left = budget.take(report["records"])
    if not records:
        return []
    lines = []
    for record in records:
        label = record_label(record)
        if record["title"] and record["type"] != "ronde":
            label += f" ({code(record['title'], 80)})"
        fields = record["fields"][: FOLD * 2]
        if record["change"] != "changed":
            lines.append(f"- {label}: {CHANGE_WORDS[record['change']]}")
        elif total(record, "fields") == 1:
            lines.append(f"- {label}: {field_line(fields[0])}")
        else:
            more = total(record, "fields") - len(fields)
            lines.append(
                f"- {label}:\n"
                + "\n".join([*(f"  - {field_line(f)}" for f in fields), *([f"  - … en {more} meer"] if more else [])])
            )
    count = total(report, "records")
    return [
        f"### Gegevens ({count})",
        _listing(lines, left, _plural(count, "record", "records"), left_out(report, "records")),
    ]


PAGE_HEADS = {
    "removed": "Verdwenen",
    "redirect": "Nu een doorverwijzing",
    "added": "Nieuw",
    "text": "Tekst gewijzigd",
    "markup": "Alleen opmaak of omlijsting (dezelfde tekst)",
}


def render_pages(report: dict[str, Any], budget: Budget, preview: str | None) -> list[str]:
    if not total(report, "pages"):
        return []
    out = [f"### Pagina's ({total(report, 'pages')})"]
    for change, head in PAGE_HEADS.items():
        pages = [p for p in report["pages"] if p["change"] == change]
        if not pages:
            continue
        shown, left = budget.take(pages)
        lines = []
        for page in shown:
            line = f"- {code(site_path(page['path']))}"
            if page["title"]:
                line += f" {code(page['title'], 80)}"
            if change == "redirect" and "redirect" in page:
                line += f" → {code(site_path(page['redirect']))}"
            if change in ("added", "text"):
                line += f": {_words(page)}" + ("" if shortened(page["path"]) else preview_link(preview, page["path"]))
            if "title_before" in page and "title_after" in page:
                line += f"\n  - titel: {code(page['title_before'], 120)} → {code(page['title_after'], 120)}"
            if budget.diffs and page.get("diff"):
                hunks = [
                    f"{sign} {plain_line(hunk[side], 700)}"
                    for hunk in page["diff"]
                    for sign, side in (("-", "before"), ("+", "after"))
                ]
                line += "\n\n" + fenced(hunks, "diff", indent="  ") + "\n"
            lines.append(line)
        fold = change == "markup" or len(pages) > FOLD
        text = _listing(lines, left, None)
        if fold:
            out.append(folded(head + ": " + _plural(len(pages), "pagina", "pagina's"), text))
        else:
            out.append(f"**{head} ({len(pages)})**\n\n{text}")
    if left_out(report, "pages"):
        out.append("\n".join(more_line(0, left_out(report, "pages"))))
    return out


OTHER_HEAD = "Overige bestanden (zoekindex, sitemap, code van het thema)"


def _entry_fields(entry: dict[str, Any]) -> str:
    """' (datum, samenvatting)': which parts of a feed entry changed, in the report's own words only."""
    words = [f for f in entry.get("fields", []) if f in ENTRY_WORDS]
    return f" ({', '.join(words)})" if words else ""


def render_derived(report: dict[str, Any], budget: Budget) -> list[str]:
    out = []
    events, left = budget.take(report["calendar"])
    if events:
        lines = []
        for event in events:
            title = code(event["title"], 100)
            if event["change"] == "added":
                lines.append(f"- nieuw: {title} op {code(event.get('start_after') or '?')}")
            elif event["change"] == "removed":
                lines.append(f"- verdwenen: {title} (was op {code(event.get('start_before') or '?')})")
            elif event["change"] == "moved":
                lines.append(
                    f"- verplaatst: {title}: {code(event.get('start_before') or '?')} → "
                    f"{code(event.get('start_after') or '?')}"
                )
            else:
                unshown = total(event, "fields") - len(event.get("fields", [])[:FOLD])
                fields = ", ".join(code(f) for f in event.get("fields", [])[:FOLD])
                fields += f" en {unshown} meer" if unshown else ""
                lines.append(f"- gewijzigd: {title}: {fields}")
        out.append(
            f"**Agenda** ({code('/colleges/colleges.ics')})\n\n"
            + _listing(lines, left, "gebeurtenissen", left_out(report, "calendar"))
        )
    feeds, left = budget.take(report["feeds"])
    if feeds:
        lines = []
        for feed in feeds:
            entries = feed["entries"]
            parts = []
            for change in ("added", "removed", "changed"):
                these = [e for e in entries if e["change"] == change]
                if these:
                    titles = ", ".join(code(e["title"], 80) + _entry_fields(e) for e in these[:5])
                    more = f" en {len(these) - 5} meer" if len(these) > 5 else ""
                    parts.append(f"{CHANGE_WORDS[change]}: {titles}{more}")
            if left_out(feed, "entries"):
                parts.append(f"… en {left_out(feed, 'entries')} meer (niet in `report.json`)")
            what = "; ".join(parts) or CHANGE_WORDS[feed["change"]]
            if feed["change"] != "changed":
                what = f"feed {CHANGE_WORDS[feed['change']]}" + (f"; {what}" if parts else "")
            lines.append(f"- {code(site_path(feed['feed']))}: {what}")
        count = total(report, "feeds")
        out.append("**Feeds**\n\n" + _listing(lines, left, _plural(count, "feed", "feeds"), left_out(report, "feeds")))
    sets, left = budget.take(report["open_data"])
    if sets:
        lines = []
        for data in sets:
            parts = []
            for change in ("added", "removed", "changed"):
                ids = data[change]
                if ids:
                    more = f" en {total(data, change) - 8} meer" if total(data, change) > 8 else ""
                    parts.append(f"{CHANGE_WORDS[change]}: {', '.join(code(i, 80) for i in ids[:8])}{more}")
            files = ", ".join(code(site_path(f)) for f in data["files"])
            what = "; ".join(parts) or "dezelfde rijen, andere opmaak"
            lines.append(f"- {code(data['set'])}: {what}" + (f" ({files})" if files else ""))
        out.append(
            "**Open data** (rijen per id)\n\n" + _listing(lines, left, "datasets", left_out(report, "open_data"))
        )
    for name, head in (("downloads", "Downloads"), ("other", OTHER_HEAD)):
        items, left = budget.take(report[name])
        if items:
            lines = [f"- {CHANGE_WORDS[i['change']]}: {code(site_path(i['path']))}" for i in items]
            count = total(report, name)
            listing = _listing(lines, left, None, left_out(report, name))
            if name == "other" or count > FOLD:
                out.append(folded(f"{head}: {_plural(count, 'bestand', 'bestanden')}", listing))
            else:
                out.append(f"**{head} ({count})**\n\n" + listing)
    return ["### Afgeleide bestanden", *out] if out else []


def _side(side: dict[str, Any]) -> str:
    commit = f" ({code(side['commit'][:12])})" if side.get("commit") else ""
    return f"{code(side['label'], 80)}{commit}"


def source_of(side: dict[str, Any]) -> str:
    """ "ref" (built by sitediff) or "folder" (read as built elsewhere)."""
    return str(side.get("source") or ("ref" if side.get("commit") else "folder"))


def provenance(report: dict[str, Any]) -> str:
    """How each side came to be: built here from git (at which date), or read from a folder."""
    base, head = source_of(report["base"]), source_of(report["head"])
    epoch = report["source_date_epoch"]
    date = f" met SOURCE_DATE_EPOCH {epoch}" if epoch is not None else ""
    if base == head == "ref":
        return f"beide gebouwd met dezelfde datum (SOURCE_DATE_EPOCH {epoch})" if epoch is not None else "beide gebouwd"
    if base == head == "folder":
        return "beide gelezen uit een map, zoals ze gebouwd zijn aangeleverd"
    built, read = ("BASE", "HEAD") if base == "ref" else ("HEAD", "BASE")
    return (
        f"{built} gebouwd uit git{date}, {read} gelezen uit een map zoals die gebouwd is aangeleverd "
        "(met welke datum is onbekend)"
    )


def render(report: dict[str, Any], preview: str | None, budget: Budget) -> str:
    head = [
        MARK,
        "## Wat deze wijziging aan de site verandert",
        "",
        f"{_side(report['base'])} → {_side(report['head'])}, {provenance(report)}; "
        f"configuratie {code(report['config'], 80)}.",
    ]
    if is_empty(report):
        return (
            "\n".join(
                [*head, "", "**Geen verschil**: niets van wat lezers of programma's van de site krijgen verandert."]
            )
            + "\n"
        )
    parts: list[str] = []
    for section in (
        render_warnings(report, budget),
        render_records(report, budget),
        render_pages(report, budget, preview),
        render_derived(report, budget),
    ):
        parts += section
    return "\n".join(head) + "\n\n" + "\n\n".join(parts) + "\n"


def render_markdown(report: dict[str, Any], preview: str | None = None, limit: int = MAX_CHARS) -> str:
    """The report as Dutch Markdown of at most `limit` characters, every value escaped."""
    preview = checked_preview(preview)
    budgets: list[Callable[[], Budget]] = [
        lambda: Budget(),
        lambda: Budget(diffs=False),
        *(lambda n=n: Budget(diffs=False, items=n) for n in (200, 100, 50, 20, 10, 5, 2)),
    ]
    for make in budgets:
        text = render(report, preview, make())
        if len(text) <= limit:
            return text
    return (
        f"{MARK}\n## Wat deze wijziging aan de site verandert\n\n"
        "Het verslag is te lang om hier te tonen; `report.md` en `report.json` staan in de artefacten "
        "van de workflow.\n"
    )


RUN_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/actions/runs/[0-9]+")


def failed_comment(commit: str, run_url: str) -> str:
    """The comment when the sitediff run failed, timed out or was cancelled: fixed words with the
    commit and the run's address, which come from GitHub's workflow_run event, never from an
    artifact, and are checked here all the same (40 hex digits; the https address of a run)."""
    if not re.fullmatch(r"[0-9a-f]{40}", commit):
        raise ReportError(f"--commit '{plain_line(commit, 60)}': geef de 40 tekens van een commit")
    if not RUN_URL.fullmatch(run_url):
        raise ReportError(f"--failed-run '{plain_line(run_url, 200)}': geef het https-adres van een run")
    return (
        f"{MARK}\n## Wat deze wijziging aan de site verandert\n\n"
        f"De sitediff van commit {commit} is mislukt; zie de run <{run_url}>.\n\n"
        "Een eerder verslag hoorde bij een eerdere commit en staat hier daarom niet meer.\n"
    )


def refused_comment() -> str:
    """The comment when report.json cannot be used: fixed words only, nothing from the file."""
    return (
        f"{MARK}\n## Wat deze wijziging aan de site verandert\n\n"
        "Het verslag van de sitediff kon niet worden gelezen (ongeldig of te groot) en wordt daarom niet "
        "getoond; zie de workflow.\n"
    )
