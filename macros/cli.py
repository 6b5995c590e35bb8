"""Command line: `python -m macros <command>`, run from the repository root.

    check [--root DIR]   check every content file; print each problem as path:line: field: message
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Hulpmiddelen voor de inhoud van de site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="controleer alle inhoud zonder de site te bouwen")
    check_parser.add_argument("--root", type=Path, default=Path("."), help="map met experiments/ (standaard: .)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    return 2  # pragma: no cover - argparse refuses unknown commands
