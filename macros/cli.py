"""Command line: `python -m macros <command>`, run from the repository root.

    check [--root DIR]              check every content file; print each problem as path:line: field: message
    import FILE [--root DIR] [--overwrite]
                                    turn a BibTeX (.bib) or RIS (.ris) export into publication files
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .problems import ContentError
from .site import load_site


def check(root: Path) -> int:
    """The fast content check: no site build, every problem at once."""
    started = time.perf_counter()
    try:
        site = load_site(root, base=Path.cwd())
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    reports = sum(len(e.reports) for e in site.experiments)
    print(f"inhoud in orde: {len(site.experiments)} experimenten, {reports} rondeverslagen, "
          f"{len(site.lectures)} colleges ({elapsed:.2f} s)")
    return 0


def import_publications(source: Path, root: Path, overwrite: bool) -> int:
    """Write publication files from an export; every refused entry is listed."""
    from .importer import import_file

    if not source.is_file():
        print(f"{source}: bestand niet gevonden", file=sys.stderr)
        return 2
    written, messages = import_file(source, root, overwrite)
    for line in written:
        print(f"geschreven: {line}")
    for line in messages:
        print(line, file=sys.stderr)
    print(f"{len(written)} publicatie(s) geïmporteerd, {len(messages)} melding(en).")
    return 1 if messages and not written else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Hulpmiddelen voor de inhoud van de site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="controleer alle inhoud zonder de site te bouwen")
    check_parser.add_argument("--root", type=Path, default=Path("."), help="map met experiments/ (standaard: .)")
    import_parser = commands.add_parser("import", help="publicaties importeren uit BibTeX of RIS (bijv. uit Zotero)")
    import_parser.add_argument("file", type=Path, help="het .bib- of .ris-bestand")
    import_parser.add_argument("--root", type=Path, default=Path("."), help="map met publications/ (standaard: .)")
    import_parser.add_argument("--overwrite", action="store_true", help="bestaande bestanden overschrijven")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    if args.command == "import":
        return import_publications(args.file, args.root, args.overwrite)
    return 2  # pragma: no cover - argparse refuses unknown commands
