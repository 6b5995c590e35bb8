"""Write a fictional content tree of N experiments for the benchmark.

Per experiment: an experiment.yml with every field and three round reports with findings.
Besides: N/2 publications and three lectures per research round. Everything is invented
(municipality codes GM9xxx do not exist) and deterministic for a given N.
"""

from __future__ import annotations

import random
from pathlib import Path

THEMES = ["organisatie", "werknemers", "belanghebbenden", "stelsel"]
DOMAINS = ["zorg", "onderwijs", "klimaattransitie", "wonen", "circulaire economie", "werk in de wijk"]
FORMS = ["schuilplek", "transitieplek", "permanent"]
PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]
PARAGRAPH = (
    "Dit is een verzonnen bevinding voor de benchmark. Werknemers noemen de vaste werkplek en de "
    "begeleiding als belangrijkste succesfactoren; leidinggevenden zoeken naar manieren om de plekken "
    "na afloop te behouden. "
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, n: int) -> None:
    rng = random.Random(n)
    base = root / "experiments"
    municipalities = max(1, n // 2)
    write(
        base / "gemeenten.yml",
        "".join(
            f"gemeente-{i}:\n  name: Benchgemeente {i}\n  cbs_code: GM{9000 + i % 1000:04d}\n"
            f"  province: {PROVINCES[i % 12]}\n"
            f"  lat: {50.8 + (i * 7 % 27) / 10:.2f}\n  lon: {3.5 + (i * 13 % 35) / 10:.2f}\n"
            for i in range(municipalities)
        ),
    )
    write(
        base / "rondes.yml",
        "".join(
            f"{r}:\n  title: Ronde {r} (fictief)\n  start: 2025-0{r + 1}\n  end: 2025-0{r + 2}\n"
            f"  summary: Verzonnen ronde.\n"
            for r in range(4)
        ),
    )
    write(
        base / "themas.yml",
        "".join(
            f"{t}:\n  title: Thema {t}\n  question: Verzonnen vraag over {t}?\n  order: {i}\n"
            for i, t in enumerate(THEMES)
        ),
    )
    write(
        base / "mensen.yml",
        "".join(
            f"persoon-{i}:\n  given: Voornaam\n  family: Achternaam{i}\n  role: onderzoeker (fictief)\n"
            for i in range(5)
        ),
    )
    for i in range(n):
        slug = f"experiment-{i:04d}"
        domains = ", ".join(rng.sample(DOMAINS, 2))
        write(
            base / slug / "experiment.yml",
            f"""\
title: Benchexperiment {i}
municipality: gemeente-{i % municipalities}
status: actueel
phase: lopend
summary: Een verzonnen experiment voor de benchmark, met **Markdown**.
domains: [{domains}]
work_forms: [{rng.choice(FORMS)}]
target_group: Mensen met weinig kans op de reguliere arbeidsmarkt (fictief)
organisations:
  - name: Gemeente {i}
    role: gemeente
  - name: Werkgever {i}
    role: werkgever
financing:
  - source: Gemeente {i}
    kind: uitkeringsgelden
wage_level: minimumloon
jobs:
  - kind: gepland
    count: {rng.randint(5, 50)}
    date: 2025-01
    source: https://bench.example.org/{i}
start: 2025-01
sources:
  - https://bench.example.org/{i}
""",
        )
        for r in (1, 2, 3):
            themes = ", ".join(rng.sample(THEMES, 2))
            write(
                base / slug / f"ronde-{r}.md",
                f"""\
---
round: {r}
status: gepubliceerd
parel: {"true" if rng.random() < 0.3 else "false"}
methods: [interviews, observatie]
themes: [{themes}]
---
## Bevindingen

{PARAGRAPH * 3}

- Eerste punt
- Tweede punt

{PARAGRAPH}
""",
            )
    for i in range(n // 2):
        write(
            root / "publications" / f"bench-{i:04d}.yml",
            f"""\
type: {rng.choice(["vakblad-artikel", "rapport", "wetenschappelijk-artikel"])}
title: Verzonnen publicatie {i} & meer
authors:
  - person: persoon-{i % 5}
  - family: Auteur
    given: Tweede
date: 2025-{1 + i % 12:02d}
journal: Fictief Tijdschrift
volume: "{i % 40}"
pages: {i % 90 + 1}-{i % 90 + 9}
themes: [{THEMES[i % 4]}]
experiments: [experiment-{i % n:04d}]
""",
        )
    for r in range(4):
        for k in range(3):
            write(
                root / "lectures" / f"college-{r}-{k}.md",
                f"""\
---
title: College {k + 1} van ronde {r} (fictief)
round: {r}
status: gehouden
start: 2025-0{r + 2}-1{k} 15:00 Europe/Amsterdam
end: 2025-0{r + 2}-1{k} 17:00 Europe/Amsterdam
attendance: op locatie
venue:
  name: Zaal {k}
  city: Benchstad
---
Een verzonnen college.
""",
            )
