"""Time `mkdocs serve` from saving a file to the changed page being served.

Serves a copy of the repository (as `make serve` does, livereload on), then for each kind of edit
(a content file, a template, the CSS, a Python module under macros/, and a content error and its
fix) saves the file and polls the affected URL every 20 ms until the answer changes. The time
includes MkDocs' file watcher (it polls every 0.5 s and waits 0.1 s for writes to settle) and the
rebuild; the browser's own reload (livereload answers it as soon as the build is done) adds a
page load on top. Usage: .venv/bin/python bench/reload.py [runs]
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("docs", "experiments", "lectures", "publications", "macros", "mkdocs.yml")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def until(url: str, needle: str, present: bool = True, limit: float = 60.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if (needle in fetch(url)) == present:
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"{url}: {needle!r} {'never appeared' if present else 'never went'} within {limit} s")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    work = Path(tempfile.mkdtemp(prefix="reload-bench-"))
    for part in PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, work / part)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    profile, overview = base + "experimenten/delft/", base + "experimenten/"
    experiment = work / "experiments/delft/experiment.yml"
    template = work / "macros/templates/profile.md.j2"
    css = work / "macros/assets/site.css"
    module = work / "macros/pages/experiment_pages.py"
    results: dict[str, list[float]] = {}
    try:
        until(base, "Maatschappelijk", limit=120)
        for run in range(runs):
            mark = f"m{run}x"
            cases = [
                (
                    "content (experiment.yml)",
                    experiment,
                    "municipality: delft",
                    f"municipality: delft\ntitle: Proef {mark}",
                    profile,
                    f"Proef {mark}",
                ),
                ("template (profile.md.j2)", template, "Kerngegevens", f"Kerngegevens {mark}", profile, mark),
                ("css (site.css)", css, "", f"/* {mark} */\n", base + "assets/site.css", mark),
                ("python (experiment_pages.py)", module, '"Gemeente"', f'"Gemeente {mark}"', overview, mark),
                (
                    "content error shown",
                    experiment,
                    "status: in voorbereiding",
                    "status: in voorbereidng",
                    profile,
                    "bouwfout",
                ),
            ]
            for name, path, old, new, url, needle in cases:
                original = path.read_text(encoding="utf-8")
                time.sleep(1.0)  # let the previous rebuild settle
                if old:
                    replace(path, old, new)
                else:
                    path.write_text(new + original, encoding="utf-8")
                results.setdefault(name, []).append(until(url, needle))
                time.sleep(1.0)
                path.write_text(original, encoding="utf-8")
                if needle == "bouwfout":
                    results.setdefault("content error fixed", []).append(until(url, "bouwfout", present=False))
                else:
                    until(url, needle, present=False)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; {runs} runs; "
        "seconds from save to the changed answer, median (min-max)"
    )
    for name, times in results.items():
        print(f"  {name:30} {statistics.median(times):5.2f} ({min(times):.2f}-{max(times):.2f})")


if __name__ == "__main__":
    main()
