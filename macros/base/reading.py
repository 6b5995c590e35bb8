"""Reading one content file into a record's values: a YAML file, or Markdown with front matter.

Steps: read the text (`yamlio.read_text`: size, encoding, privacy), parse it strictly, hand the
mapping to the `Record`, and for a Markdown file check the body as `MarkdownText`. Each reader
returns a named result, or None once its problems are recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from .context import INVALID, Ctx
from .kinds import Record
from .markup import MarkdownText
from .problems import Problems
from .yamlio import parse_yaml, read_text, split_front_matter


class YamlRecord(NamedTuple):
    """A YAML file read as one record: where it was read, its values and their lines."""

    ctx: Ctx
    values: dict[str, Any]
    lines: dict[str, int]


class Document(NamedTuple):
    """A Markdown file with front matter: the record's values and lines, the body and its first line."""

    ctx: Ctx
    values: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int


def read_yaml_record(root: Path, path: Path, record: Record, problems: Problems) -> YamlRecord | None:
    """A YAML file holding one record, or None after recording its problems."""
    ctx = Ctx(path.relative_to(root).as_posix(), problems)
    text = read_text(path, ctx.rel, problems)
    if text is None:
        return None
    node = parse_yaml(text, ctx.rel, problems)
    if node is None and text.strip():
        return None
    parsed = record.parse_values(node, "", ctx)
    return None if parsed is INVALID else YamlRecord(ctx, parsed.values, parsed.lines)


def read_document(
    root: Path, path: Path, record: Record, body: MarkdownText, body_field: str, problems: Problems
) -> Document | None:
    """A Markdown file with front matter, or None after recording its problems."""
    ctx = Ctx(path.relative_to(root).as_posix(), problems)
    text = read_text(path, ctx.rel, problems)
    if text is None:
        return None
    node, text_body, body_line = split_front_matter(text, ctx.rel, problems)
    if node is None:
        return None
    parsed = record.parse_values(node, "", ctx, line=2)
    first_line = body_line + len(text_body) - len(text_body.lstrip("\n"))
    text_body = text_body.strip()
    body_ok = body.check(text_body, first_line, body_field, ctx)
    if parsed is INVALID or not body_ok:
        return None
    return Document(ctx, parsed.values, parsed.lines, text_body, first_line)
