"""Benchmark: the cost of reading the sources' history (content/history.py) on a repository with one.

bench/run.py builds generated trees that git does not know, so there the history costs one failed
`git log`. This makes what a real repository has: N experiments (bench/generate.py) committed, then
every record edited three more times in small commits (each commit edits one in `--spread` of
the records): a whitespace and comment edit (no change), a field change, a change of one section
of each round report. It then times, each in a fresh process, RUNS times:

    history   load the site, then `site_history` (git log + cat-file + parsing + comparing) alone
    build     `python -m macros build` (check, export, engine, gate, publish), its history line

    python bench/history.py [N] [--spread 50] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

EPOCH = "1780272000"  # 2026-06-01, as bench/run.py; the commits are dated before it
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": EPOCH,
    "PYTHONPATH": str(ROOT),
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}
HISTORY_LINE = re.compile(r"Geschiedenis van de bronbestanden gelezen in ([0-9.]+) s \(([^)]*)\)")

ALONE = """
import datetime as dt, sys, time
from pathlib import Path
from macros.content.history import site_history
from macros.content.site import load_site
site = load_site(Path(sys.argv[1]))
start = time.perf_counter()
history = site_history(site, dt.datetime.fromtimestamp(int(sys.argv[2]), tz=dt.UTC))
took = time.perf_counter() - start
edits = sum(len(history.experiment(e).edits) for e in site.experiments)
print(took, len(history.files), sum(len(h.changes) for h in history.files.values()), edits)
"""


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = dict(ENV, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when) if when else ENV
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_repository(root: Path, n: int, spread: int) -> int:
    """The generated tree, committed, and three edits of every record; returns the number of commits."""
    generate(root, n)
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "macros").symlink_to(ROOT / "macros")
    (root / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nwatch: []\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start", when="2025-01-01T10:00:00+00:00")
    folders = sorted(p for p in (root / "experiments").iterdir() if p.is_dir())
    edits = (
        ("experiment.yml", lambda text: "# Bron: verzonnen\n" + text.replace("status: actueel", "status:   actueel  ")),
        ("experiment.yml", lambda text: text.replace("phase: lopend", "phase: afgerond")),
        ("ronde-2.md", lambda text: text.replace("- Tweede punt", "- Tweede punt, anders")),
    )
    commits = 1
    for step, (name, edit) in enumerate(edits):
        for part in range(spread):
            for folder in folders[part::spread]:
                path = folder / name
                path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
            when = dt.datetime(2025, 2, 1, 10, tzinfo=dt.UTC) + dt.timedelta(days=step * spread + part)
            git(root, "commit", "-qam", f"edit {step}.{part}", when=when.isoformat())
            commits += 1
    return commits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--spread", type=int, default=50, help="commits per kind of edit")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix=f"bench-history-{args.n}-", dir=args.keep))
    root = base / "project"
    start = time.perf_counter()
    commits = make_repository(root, args.n, args.spread)
    print(f"N={args.n}: {commits} commits made in {time.perf_counter() - start:.1f} s")
    alone = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", ALONE, str(root), EPOCH], env=ENV, capture_output=True, text=True, check=True
        )
        took, files, changes, edits = out.stdout.split()
        alone.append(float(took))
    print(
        f"history alone: {statistics.median(alone):.2f} s median ({min(alone):.2f}–{max(alone):.2f}); "
        f"{files} files in git, {changes} real changes, {edits} edits on the profiles"
    )
    walls, lines = [], []
    for _ in range(args.runs):
        began = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "macros", "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
            cwd=root,
            env=ENV,
            capture_output=True,
            text=True,
        )
        walls.append(time.perf_counter() - began)
        if out.returncode != 0:
            raise SystemExit(out.stderr[-3000:])
        match = HISTORY_LINE.search(out.stderr)
        lines.append(float(match.group(1)) if match else float("nan"))
    print(
        f"build: {statistics.median(walls):.2f} s median ({min(walls):.2f}–{max(walls):.2f}); "
        f"its history step {statistics.median(lines):.2f} s median"
    )
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
