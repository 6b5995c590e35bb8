"""Pathological input: does checking and building stay linear in the size of hostile content?

For each case, adversarial text of size n and of size 4n is written into a fresh copy of the demo
content (`demo/`), and `python -m macros check --root <tree>` and a full build
(`python -m macros build -f <config> -d <out>`) are timed, each in a fresh process. One line per
case and command:

    case  command  n  t(0)  t(n)  t(4n)  ratio

t(0) is the same command on the unchanged demo; `ratio` is (t(4n) − t(0)) / (t(n) − t(0)), the
growth of the time the hostile text itself costs: about 4 is linear, about 16 quadratic. A ratio
is left out ("-") when t(n) is within 0.05 s of t(0) (nothing measurable to compare), unless
t(4n) is more than half a second above it: then it shows a lower bound (">150").

Cases (the round report's findings are capped at 60,000 characters by the content rules, and a
file at 256 KiB; the sizes stay below both so the text is really read and rendered, which also
means a linear case may cost too little next to a two-second build to give a ratio):

    a-comment     a YAML comment in experiment.yml full of near-miss privacy patterns (digits
                  with separators, `aaaa…@`, `(at)`, postcodes, IBAN prefixes) and one personal
                  e-mail at the end: both commands must stop with that privacy problem
    a-paragraph   the same near misses as a paragraph of a round report, ending in a role
                  address (allowed), so the build renders it
    b-brackets    n `[` in a round report's body: more than 1,000, so the check must refuse it
    b-brackets-allowed  n `[` in a round report's body, under the limit (4n = 960): rendered
    c-lt          a line of n `<`
    c-link        a line of `](` repeated
    c-backticks   a line of n backticks (the check's inline-code pattern was cubic; now linear)
    c-emphasis    a line of `*_` repeated
    d-lines       very many short lines (paragraphs of one word) in a round report
    d-comments    very many short comment lines in experiment.yml
    e-autolink-starts  `<a:` repeated (the check's autolink pattern looked to the end from each one)
    e-image-starts     `![` repeated on a hand-written page, over its length limit: refused, fast
    e-nested-flow      YAML flow collections nested n/2 deep in experiment.yml: refused at depth 12
    e-nested-lists     a list nested n levels deep on a hand-written page: refused at ten levels

    .venv/bin/python bench/pathological.py [case ...] [--scale 1.0] [--runs 3] [--keep DIR]
    .venv/bin/python bench/pathological.py --scan

`--scan` instead times the privacy scan alone (in this process, fastest of 3) on 25,000 and
100,000 characters of hostile text for each of its rules (SCAN_CASES), one line per input.

`--scale` multiplies every n (the defaults make the fast cases take about a second on the
project's 2-core machine). Not part of `make bench`: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1780272000"  # 2026-06-01: the same build date for every run
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}

EXPERIMENT = "demo/experiments/buurtkamer-voorbeelddam/experiment.yml"
REPORT = "demo/experiments/buurtkamer-voorbeelddam/ronde-3.md"
PAGE = "demo/docs/index.md"

# Near misses: each almost matches a privacy rule (too few digits, no domain, failed checksums,
# a postcode without a street and number, an IBAN prefix without an account) and none does.
NEAR_MISS = (
    "aaaaaaaaaaaaaaaaaaaa@ 12 34 56 78 1.234.567 06-1234 (at) x 1234 AB NL91 ABNA 12.34.56 "
    "naam [at] x bb.cc-dd 123-456-789 "
)


def near_misses(n: int) -> str:
    return (NEAR_MISS * (n // len(NEAR_MISS) + 1))[:n]


def comment(text: str) -> str:
    return "# " + text + "\n"


def paragraph(text: str) -> str:
    return "\n" + text + "\n"


# case: (file to append to, text of size n, default n, what a run must print or "" for success)
CASES: dict[str, tuple[str, Callable[[int], str], int, str]] = {
    "a-comment": (
        EXPERIMENT,
        lambda n: comment(near_misses(n) + " jan.jansen@gmail.com"),
        50_000,
        "privacy: e-mailadres",
    ),
    "a-paragraph": (REPORT, lambda n: paragraph(near_misses(n) + " info@example.org"), 14_000, ""),
    "b-brackets": (REPORT, lambda n: paragraph("x " + "[" * n), 2_000, "keer '['"),
    "b-brackets-allowed": (REPORT, lambda n: paragraph("x " + "[" * n), 240, ""),
    "c-lt": (REPORT, lambda n: paragraph("x " + "<" * n), 14_000, ""),
    "c-link": (REPORT, lambda n: paragraph("x " + "](" * (n // 2)), 14_000, ""),
    "c-backticks": (REPORT, lambda n: paragraph("x " + "`" * n), 14_000, ""),
    "c-emphasis": (REPORT, lambda n: paragraph("x " + "*_" * (n // 2)), 14_000, ""),
    "d-lines": (REPORT, lambda n: "\n" + "regel\n\n" * (n // 7), 14_000, ""),
    "d-comments": (EXPERIMENT, lambda n: "#\n" * (n // 2), 50_000, ""),
    "e-autolink-starts": (REPORT, lambda n: paragraph("x " + "<a:" * (n // 3)), 14_000, ""),
    "e-image-starts": (PAGE, lambda n: "\n" + "![" * (n // 2) + "\n", 60_000, "maximaal 50000"),
    "e-nested-flow": (EXPERIMENT, lambda n: "\nwage_note: " + "[" * (n // 2) + "]" * (n // 2) + "\n", 4_000, "genest"),
    "e-nested-lists": (
        PAGE,
        lambda n: "\n" + "\n".join("\t" * i + "- x" for i in range(n)) + "\n",
        60,
        "genest",
    ),
}


# Hostile inputs for the privacy scan alone: each aims at one rule's worst case.
SCAN_CASES: dict[str, Callable[[int], str]] = {
    "a-then-@": lambda n: "a" * n + "@",
    "local@-repeated": lambda n: ("a" * 30 + "@") * (n // 31),
    "@-only": lambda n: "@" * n,
    "(at)-tokens": lambda n: "x (at) " * (n // 7),
    "a@b.b.b…": lambda n: "a@" + "b." * (n // 2),
    "e-mails": lambda n: "jan@gmail.com\n" * (n // 14),
    "punt-domain": lambda n: "a@b" + " punt b" * (n // 7),
    "digits-spaced": lambda n: "1 " * (n // 2),
    "digits-dotted": lambda n: "12." * (n // 3),
    "bsn-like": lambda n: "123456782 " * (n // 10),
    "phones": lambda n: "06-12345678 " * (n // 12),
    "iban-and-phone": lambda n: "NL91ABNA0417164300 06-12345678 " * (n // 31),
    "open-parens": lambda n: "(" * n + "1",
    "street-then-spaces": lambda n: "straat 12" + " " * n + "x",
    "addresses": lambda n: "Straat 12, 1234 AB " * (n // 19),
    "iban-prefixes": lambda n: "NL91 " * (n // 5),
    "combining-marks": lambda n: "a" + "\u0301\u0316" * (n // 2),
    "fullwidth-digits": lambda n: "\uff11" * n,
    "no-break-digits": lambda n: "1\u00a0" * (n // 2),
    "short-lines": lambda n: "a1\n" * (n // 3),
}


def scan_growth() -> None:
    sys.path.insert(0, str(ROOT))
    from macros.base.privacy import scan
    from macros.base.problems import Problems

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            scan(text, "x.md", Problems())
            times.append(time.perf_counter() - started)
        return min(times)

    n = 25_000
    print(f"{'input':<20} {'command':<7} {'n':>7} {'t(n)':>7} {'t(4n)':>7} {'ratio':>6}")
    for name, make in SCAN_CASES.items():
        t1, t4 = best(make(n)), best(make(4 * n))
        print(f"{name:<20} {'scan':<7} {n:>7} {t1:7.3f} {t4:7.3f} {t4 / max(t1, 1e-6):6.1f}", flush=True)


def project(work: Path, target: str | None = None, text: str = "") -> Path:
    """A project with a copy of demo/ (text appended to one file) and the repository's generator."""
    shutil.copytree(ROOT / "demo", work / "demo")
    (work / "macros").symlink_to(ROOT / "macros")
    if target:
        with open(work / target, "a", encoding="utf-8") as handle:
            handle.write(text)
    config = work / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.demo.yml'}\ndocs_dir: demo/docs\nwatch: []\n", encoding="utf-8")
    return config


def timed(cmd: list[str], cwd: Path, expect: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    output = result.stdout + result.stderr
    if (result.returncode == 0) != (not expect) or (expect and expect not in output):
        raise SystemExit(f"unexpected result of {' '.join(cmd)} (exit {result.returncode}):\n{output[-3000:]}")
    return elapsed


def run(config: Path, expect: str, runs: int) -> dict[str, float]:
    """The fastest of `runs` runs of each command: other load on the machine only adds time."""
    work = config.parent
    check = [sys.executable, "-m", "macros", "check", "--root", str(work / "demo")]
    build = [sys.executable, "-m", "macros", "build", "-f", str(config), "-d", str(work / "site")]
    return {
        "check": min(timed(check, work, expect) for _ in range(runs)),
        "build": min(timed(build, work, expect) for _ in range(runs)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", metavar="case", help=f"any of {', '.join(CASES)} (default: all)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3, help="runs per command and size; the fastest counts")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated projects in this folder")
    parser.add_argument("--scan", action="store_true", help="time the privacy scan alone on hostile text")
    args = parser.parse_args()
    if args.scan:
        return scan_growth()
    unknown = [name for name in args.cases if name not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    base = Path(tempfile.mkdtemp(prefix="pathological-", dir=args.keep))
    baseline = run(project(base / "baseline"), "", args.runs)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; seconds, fastest of {args.runs} runs, "
        "each in a fresh process"
    )
    print(f"{'case':<12} {'command':<7} {'n':>7} {'t(0)':>6} {'t(n)':>7} {'t(4n)':>7} {'ratio':>6}", flush=True)
    for name in args.cases or CASES:
        target, make, default_n, expect = CASES[name]
        n = max(1, int(default_n * args.scale))
        times = [run(project(base / f"{name}-{size}", target, make(size)), expect, args.runs) for size in (n, 4 * n)]
        for command in ("check", "build"):
            t0, t1, t4 = baseline[command], times[0][command], times[1][command]
            if t1 - t0 > 0.05:
                ratio = f"{(t4 - t0) / (t1 - t0):6.1f}"
            else:  # too little to divide by; a large t(4n) still shows growth, as a lower bound
                ratio = f"{'>' + format((t4 - t0) / 0.05, '.0f'):>6}" if t4 - t0 > 0.5 else f"{'-':>6}"
            print(f"{name:<12} {command:<7} {n:>7} {t0:6.2f} {t1:7.2f} {t4:7.2f} {ratio}", flush=True)
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
