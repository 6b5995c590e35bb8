"""Benchmark: what growth costs, against the floor that MkDocs and Material set.

For each N (default 7, 100 and 1000): generate fictional content for N experiments
(bench/generate.py), then build three ways, RUNS times each (interleaved), each in a fresh process:

    ours    `python -m macros build`: check, export, the engine (MkDocs) in its own process, the
            output gate (verify), the atomic publish
    floor   plain MkDocs with the same theme and configuration, building the very same pages
            exported beforehand (`python -m macros export`: no checking, no rendering, no gate)
    naive   the floor with every experiment profile listed in the navigation

and time the content-only check (`python -m macros check`). Prints one table, the scaling
exponent from the smallest N >= 100 to the largest, and last `ratio <N> <ours/floor>`.

    python bench/run.py [N ...] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from macros.base.caches import ENV as CACHE_ENV  # noqa: E402

EPOCH = "1780272000"  # 2026-06-01: the same build date for every run
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}

# Runs a command and reports its wall time and the peak memory of the process tree below it.
MEASURE = textwrap.dedent("""
    import json, resource, subprocess, sys, time
    start = time.perf_counter()
    run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"wall": wall, "rss_kb": rss, "code": run.returncode, "stderr": run.stderr[-20000:]}))
""")


# The gate's time in the build, and the part of it spent beside the engine (not adding to the wall time).
VERIFY = re.compile(r"Uitvoer gecontroleerd in ([0-9.]+) s \(verify; ([0-9.]+) s")
# Reading the sources' history (content/history.py); the generated tree has none (bench/history.py has).
HISTORY = re.compile(r"Geschiedenis van de bronbestanden gelezen in ([0-9.]+) s")


def measure(cmd: list[str], cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{out.stderr[-3000:]}")
    return result


def ours_project(work: Path, n: int) -> Path:
    generate(work, n)
    shutil.copytree(ROOT / "docs", work / "docs")
    (work / "macros").symlink_to(ROOT / "macros")
    config = work / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nwatch: []\n", encoding="utf-8")
    return config


def floor_project(work: Path, ours: Path, naive: bool) -> Path:
    """The same pages, exported (`python -m macros export`), built by plain MkDocs + Material: the
    engine step of ours alone, without checking, rendering or the output gate."""
    from macros.wiring.config import SiteConfig
    from macros.wiring.export import write_export

    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    export = write_export(SiteConfig.load(ours), work)
    config = export.engine_config
    if naive:  # every profile in the navigation, under Experimenten
        import yaml

        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        section = next(item for item in settings["nav"] if isinstance(item, dict) and "Experimenten" in item)
        section["Experimenten"].append(
            {"Alle profielen": [f"experimenten/{e.slug}/index.md" for e in export.site.experiments]}
        )
        config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def site_numbers(site_dir: Path) -> dict:
    html_pages = list(site_dir.rglob("*.html"))
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    profile = site_dir / "experimenten" / "experiment-0000" / "index.html"
    html = profile.read_text(encoding="utf-8")
    loaded = [profile]
    for ref in re.findall(r'<(?:link rel="stylesheet"|script) [^>]*(?:href|src)="([^"]+\.(?:css|js))', html):
        target = (profile.parent / ref.split("?")[0]).resolve()
        if target.is_file():
            loaded.append(target)
    raw = sum(p.stat().st_size for p in loaded)
    zipped = sum(len(gzip.compress(p.read_bytes(), 9)) for p in loaded)
    index = site_dir / "search" / "search_index.json"
    return {
        "pages": len(html_pages),
        "output_mb": total / 1e6,
        "profile_html_kb": profile.stat().st_size / 1e3,
        "profile_raw_kb": raw / 1e3,
        "profile_gzip_kb": zipped / 1e3,
        "search_kb": index.stat().st_size / 1e3 if index.exists() else 0.0,
    }


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} ({min(values):.2f}–{max(values):.2f})"


def bench_size(n: int, runs: int, keep: Path | None) -> dict:
    base = Path(tempfile.mkdtemp(prefix=f"bench-{n}-", dir=keep))
    ours = ours_project(base / "ours", n)
    floor = floor_project(base / "floor", ours, naive=False)
    naive = floor_project(base / "naive", ours, naive=True)
    result: dict = {"n": n}
    # The first build of ours starts without the APA cache, as a clean CI runner does: a fresh,
    # empty cache folder for this size (outside the project, as always; macros/base/caches.py).
    ENV[CACHE_ENV] = str(base / "cache")
    builds = (("ours", ours), ("floor", floor), ("naive", naive))
    timings: dict[str, list[dict]] = {name: [] for name, _ in builds}
    # Interleaved (ours, floor, naive, ours, …): a machine that drifts in speed during the run
    # then affects every variant alike, not the one that happened to run last.
    for _ in range(runs):
        for name, config in builds:
            tool = ["macros", "build"] if name == "ours" else ["mkdocs", "build", "--strict"]
            timings[name].append(
                measure([sys.executable, "-m", *tool, "-f", str(config), "-d", str(config.parent / "site")], ROOT)
            )
    for name, config in builds:
        result[name] = {
            "wall": [t["wall"] for t in timings[name]],
            "rss_mb": max(t["rss_kb"] for t in timings[name]) / 1024,
            **site_numbers(config.parent / "site"),
        }
    gate = [VERIFY.search(t["stderr"]) for t in timings["ours"]]
    result["verify"] = [float(m.group(1)) if m else math.nan for m in gate]
    result["verify_after"] = [float(m.group(1)) - float(m.group(2)) if m else math.nan for m in gate]
    history = [HISTORY.search(t["stderr"]) for t in timings["ours"]]
    result["history"] = [float(m.group(1)) if m else math.nan for m in history]
    checks = [
        measure([sys.executable, "-m", "macros", "check", "--root", str(ours.parent)], ROOT)["wall"]
        for _ in range(runs)
    ]
    result["check"] = checks
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[7, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated projects in this folder")
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.runs} runs each; "
        "times in seconds as median (min–max)"
    )
    header = (
        f"{'N':>5} {'build':<6} {'wall s':>22} {'peak MB':>8} {'pages':>6} {'out MB':>7} "
        f"{'profile KB':>10} {'+css/js KB':>10} {'gzip KB':>8} {'search KB':>9}"
    )
    print(header)
    results = []
    for n in args.sizes:
        result = bench_size(n, args.runs, args.keep)
        results.append(result)
        for name in ("ours", "floor", "naive"):
            r = result[name]
            print(
                f"{n:>5} {name:<6} {summary(r['wall']):>22} {r['rss_mb']:8.0f} {r['pages']:6d} "
                f"{r['output_mb']:7.1f} {r['profile_html_kb']:10.1f} {r['profile_raw_kb']:10.1f} "
                f"{r['profile_gzip_kb']:8.1f} {r['search_kb']:9.0f}"
            )
        ours, floor, naive = (statistics.median(result[k]["wall"]) for k in ("ours", "floor", "naive"))
        print(f"{n:>5} check  {summary(result['check']):>22}   (python -m macros check, whole process)")
        print(f"{n:>5} verify {summary(result['verify']):>22}   (the output gate in ours: all of it)")
        print(f"{n:>5} verify {summary(result['verify_after']):>22}   (the output gate in ours: after the engine)")
        print(f"{n:>5} history{summary(result['history']):>22}   (reading the sources' history in ours)")
        print(f"{n:>5} ours/floor {ours / floor:.2f}   ours/naive {ours / naive:.2f}")
        sys.stdout.flush()
    big = [r for r in results if r["n"] >= 100]
    if len(big) >= 2:
        a, b = big[0], big[-1]
        ta, tb = statistics.median(a["ours"]["wall"]), statistics.median(b["ours"]["wall"])
        exponent = math.log(tb / ta) / math.log(b["n"] / a["n"])
        print(f"scaling {a['n']} -> {b['n']}: time x{tb / ta:.1f}, exponent {exponent:.2f}")
    last = results[-1]
    ratio = statistics.median(last["ours"]["wall"]) / statistics.median(last["floor"]["wall"])
    print(f"ratio {last['n']} {ratio:.2f}")


if __name__ == "__main__":
    main()
