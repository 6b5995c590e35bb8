"""Bad content and the exact problem lines the check must report for it: the tables the loader,
lecture, publication, hand-written page, output and full-build tests run, and the Dutch-grammar
test reads as its corpus. Each table maps a case name to its files or text and the expected lines."""

from __future__ import annotations

from cases_content import REPORT
from macros.content.experiments import EXPERIMENT as EXPERIMENT_RECORD
from macros.content.pubtypes import PublicationType

# The declared lists a message names, in their declared order: a new field or type changes no test.
_TYPES = ", ".join(f"'{t.value}'" for t in list(PublicationType)[:-1]) + f" of '{list(PublicationType)[-1].value}'"

POST = "docs/actueel/posts/bericht.md"


POST_HEAD = "---\ndate: 2025-10-06\nslug: bericht\n---\n\n# Bericht\n\n"


PAGE = "docs/over.md"


LECTURE = (
    "---\ntitle: C\nround: 1\nstatus: gehouden\nstart: 2024-05-16 15:00 Europe/Amsterdam\n"
    "end: 2024-05-16 17:00 Europe/Amsterdam\n---\nTekst.\n"
)


EXP = "experiments/x/experiment.yml"


ROUND = "experiments/x/ronde-1.md"


BAD_EXPERIMENTS = {
    "duplicate key": (
        "title: A\ntitle: B\nmunicipality: delft\nstatus: actueel\n",
        [f"{EXP}:2: title: dubbele sleutel; staat ook op regel 1, houd er één over"],
    ),
    "unknown field with suggestion": (
        "titel: A\nmunicipality: delft\nstatus: actueel\n",
        [f"{EXP}:1: titel: onbekend veld (bedoel je 'title'?); toegestaan zijn: {', '.join(EXPERIMENT_RECORD.fields)}"],
    ),
    "unknown municipality names the nearest": (
        "municipality: delf\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: onbekende gemeente 'delf' (bedoel je 'delft'?); kies uit delft, eindhoven "
            "of voeg hem toe aan experiments/gemeenten.yml"
        ],
    ),
    "anchor": (
        "municipality: &m delft\nstatus: actueel\n",
        [f"{EXP}:1: -: YAML-anker '&m' is niet toegestaan; schrijf de waarde uit"],
    ),
    "alias": (
        "municipality: delft\nstatus: actueel\ntitle: *m\n",
        [f"{EXP}:3: -: YAML-alias '*m' is niet toegestaan; schrijf de waarde uit"],
    ),
    "python tag": (
        "municipality: !!python/object:os.system delft\nstatus: actueel\n",
        [f"{EXP}:1: -: YAML-tag 'tag:yaml.org,2002:python/object:os.system' is niet toegestaan; laat de tag weg"],
    ),
    "non-ISO date": (
        "municipality: delft\nstatus: actueel\nstart: 1 maart 2022\n",
        [f"{EXP}:3: start: verwacht een jaar (2023), maand (2023-05) of datum (2023-05-17), maar vond '1 maart 2022'"],
    ),
    "impossible date": (
        "municipality: delft\nstatus: actueel\nend: 2022-02-30\n",
        [f"{EXP}:3: end: 2022-02-30 is geen bestaande datum; controleer dag en maand"],
    ),
    "impossible month": (
        "municipality: delft\nstatus: actueel\nend: 2022-13\n",
        [f"{EXP}:3: end: maand 13 bestaat niet; gebruik 01 tot en met 12"],
    ),
    "end before start": (
        "municipality: delft\nstatus: actueel\nstart: 2022-05\nend: 2022-03-01\n",
        [f"{EXP}:4: end: einde 2022-03-01 ligt voor begin 2022-05; verbeter een van beide"],
    ),
    "empty required field": (
        "municipality:\nstatus: actueel\n",
        [f"{EXP}:1: municipality: verplicht veld is leeg; vul het in"],
    ),
    "empty quoted required field": (
        "municipality: ''\nstatus: actueel\n",
        [f"{EXP}:1: municipality: verplicht veld is leeg; vul het in"],
    ),
    "missing required fields": (
        "title: x\n",
        [
            f"{EXP}:1: municipality: verplicht veld ontbreekt; voeg 'municipality:' toe (bijvoorbeeld: municipality: delft)",
            f"{EXP}:1: status: verplicht veld ontbreekt; voeg 'status:' toe (bijvoorbeeld: status: in voorbereiding)",
        ],
    ),
    "tab indentation": (
        "municipality: delft\nstatus: actueel\ndomains:\n\t- zorg\n",
        [f"{EXP}:4: -: tab gebruikt om in te springen; YAML wil spaties"],
    ),
    "broken YAML": (
        "municipality: delft\nstatus: [actueel\n",
        [
            f"{EXP}:3: -: ongeldige YAML (did not find expected ',' or ']'); controleer inspringing, "
            "dubbele punten en aanhalingstekens"
        ],
    ),
    "unknown domain": (
        "municipality: delft\nstatus: actueel\ndomains: [zorg, wonnen]\n",
        [
            f"{EXP}:3: domains[1]: onbekende waarde 'wonnen' (bedoel je 'wonen'?); kies uit 'zorg', 'onderwijs', "
            "'klimaattransitie', 'wonen', 'circulaire economie' of 'werk in de wijk'"
        ],
    ),
    "repeated list item": (
        "municipality: delft\nstatus: actueel\ndomains: [zorg, zorg]\n",
        [f"{EXP}:3: domains[1]: 'zorg' staat al eerder in de lijst (item 0); haal de herhaling weg"],
    ),
    "unsafe source URLs": (
        "municipality: delft\nstatus: actueel\nsources:\n  - javascript:alert(1)\n  - //evil.example\n"
        "  - ' https://a.example.org/'\n  - https://nodot\n",
        [
            f"{EXP}:4: sources[0]: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'javascript:alert(1)')",
            f"{EXP}:5: sources[1]: link zonder schema ('//host'); begin met https:// (gevonden: '//evil.example')",
            f"{EXP}:7: sources[3]: link mist een geldige domeinnaam, zoals https://www.example.nl/ "
            "(gevonden: 'https://nodot')",
        ],
    ),
    "data:, vbscript: and control characters in links": (
        "municipality: delft\nstatus: actueel\nsources:\n  - data:text/html,<script>alert(1)</script>\n"
        '  - vbscript:msgbox(1)\n  - "java\\tscript:alert(1)"\n',
        [
            f"{EXP}:4: sources[0]: schema 'data:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'data:text/html,<script>alert(1)</script>')",
            f"{EXP}:5: sources[1]: schema 'vbscript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(gevonden: 'vbscript:msgbox(1)')",
            f"{EXP}:6: sources[2]: link bevat spaties of stuurtekens; haal ze weg (of schrijf %20) "
            "(gevonden: 'java\\tscript:alert(1)')",
        ],
    ),
    "disguised javascript links in Markdown": (
        "municipality: delft\nstatus: actueel\nsummary: |\n  [a](JaVaScRiPt:alert(1)) [c]( javascript:x)\n"
        "  [d](java\\script:x)\n",
        [
            f"{EXP}:4: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'JaVaScRiPt:alert(1')",
            f"{EXP}:4: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'javascript:x')",
            f"{EXP}:5: summary: onbekend schema; gebruik https://, http:// of mailto: (link: 'java\\\\script:x')",
        ],
    ),
    "zero-width space in an id": (
        "municipality: del\u200bft\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: bevat een onzichtbaar of richting-wisselend teken (U+200B); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "bidi override in text": (
        'municipality: delft\nstatus: actueel\ntitle: "abc\u202edef"\n',
        [
            f"{EXP}:3: title: bevat een onzichtbaar of richting-wisselend teken (U+202E); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "tag characters in a title (invisible text)": (
        'municipality: delft\nstatus: actueel\ntitle: "abc\U000e0041\U000e0042"\n',
        [
            f"{EXP}:3: title: bevat een onzichtbaar of richting-wisselend teken (U+E0041); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "a Hangul filler as a title": (
        'municipality: delft\nstatus: actueel\ntitle: "\u3164"\n',
        [
            f"{EXP}:3: title: bevat een onzichtbaar of richting-wisselend teken (U+3164); verwijder het "
            "(typ de tekst opnieuw)"
        ],
    ),
    "noncharacter in a title (no XML feed can carry it)": (
        'municipality: delft\nstatus: actueel\ntitle: "abc\\uFFFEdef"\n',
        [
            f"{EXP}:3: title: bevat een teken dat geen tekst is (feeds, agenda's en BibTeX kunnen het niet dragen) "
            "(U+FFFE); verwijder het (typ de tekst opnieuw)"
        ],
    ),
    "noncharacter of another plane in a title, after a letter with an accent": (
        'municipality: delft\nstatus: actueel\ntitle: "café \\U0010FFFF"\n',
        [
            f"{EXP}:3: title: bevat een teken dat geen tekst is (feeds, agenda's en BibTeX kunnen het niet dragen) "
            "(U+10FFFF); verwijder het (typ de tekst opnieuw)"
        ],
    ),
    "Cyrillic look-alike in an id": (
        "municipality: d\u0435lft\nstatus: actueel\n",
        [
            f"{EXP}:1: municipality: id 'dеlft' bevat het niet-ASCII-teken 'е' (U+0435, CYRILLIC SMALL LETTER IE); "
            "gebruik alleen a-z, 0-9 en '-'"
        ],
    ),
    "conflict markers": (
        "municipality: delft\n<<<<<<< HEAD\nstatus: actueel\n=======\nstatus: lopend\n>>>>>>> branch\n",
        [
            f"{EXP}:2: -: git-conflictmarkering gevonden; los het samenvoegconflict op en verwijder de regels "
            "met <<<<<<<, ======= en >>>>>>>"
        ],
    ),
    "quoted number and missing source": (
        "municipality: delft\nstatus: actueel\njobs:\n  - kind: gepland\n    count: '12'\n    date: 2023\n",
        [
            f"{EXP}:4: jobs[0].source: verplicht veld ontbreekt; voeg 'source:' toe",
            f"{EXP}:5: jobs[0].count: verwacht een geheel getal zoals 12, maar vond '12'; schrijf alleen cijfers, "
            "zonder aanhalingstekens of voorloopnullen",
        ],
    ),
    "YAML 1.1 octal": (
        "municipality: delft\nstatus: actueel\njobs:\n  - kind: gepland\n    count: 0344\n    date: 2023\n"
        "    source: https://a.example.org/\n",
        [
            f"{EXP}:5: jobs[0].count: verwacht een geheel getal zoals 12, maar vond '0344'; schrijf alleen cijfers, "
            "zonder aanhalingstekens of voorloopnullen"
        ],
    ),
    "raw HTML and javascript link in Markdown": (
        "municipality: delft\nstatus: actueel\nsummary: |\n  Hallo <script>alert(1)</script>\n"
        "  [x](javascript:alert(1))\n  [y](jav&#x61;script:alert(1))\n",
        [
            f"{EXP}:4: summary: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, "
            "[tekst](https://…)) of zet code tussen `backticks`",
            f"{EXP}:5: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'javascript:alert(1')",
            f"{EXP}:6: summary: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: "
            "(link: 'jav&#x61;script:alert(1')",
        ],
    ),
    "a list instead of fields": (
        "- a\n- b\n",
        [
            f"{EXP}:1: -: verwacht een groep velden met: "
            "municipality, status, phase, title, summary, domains, work_forms, target_group, organisations, "
            "financing, wage_level, wage_note, jobs, start, end, sources, maar vond een lijst"
        ],
    ),
    "two documents": (
        "municipality: delft\nstatus: actueel\n---\ntitle: x\n",
        [f"{EXP}:3: -: meer dan één YAML-document (---) in dit bestand; gebruik er één"],
    ),
    "non-UTF-8": (
        "municipality: delft\nstatus: actueel\ntitle: caf\xe9\n".encode("latin-1"),
        [f"{EXP}:3: -: geen geldige UTF-8-tekst; sla het bestand op als UTF-8"],
    ),
    "huge file": (
        "municipality: delft\nstatus: actueel\n" + "# opvulling\n" * 30_000,
        [f"{EXP}:1: -: bestand is 351 KiB, meer dan de grens van 256 KiB; splits de inhoud op"],
    ),
    "deep nesting": (
        "municipality: delft\nstatus: actueel\ntitle: " + "[" * 20 + "]" * 20 + "\n",
        [f"{EXP}:3: -: te diep genest (meer dan 12 niveaus); maak de structuur platter"],
    ),
    "wrong type for a list of records": (
        "municipality: delft\nstatus: actueel\norganisations: Gemeente Delft\n",
        [
            f"{EXP}:3: organisations[0]: verwacht een groep velden met: name, role, url, maar vond de tekst 'Gemeente Delft'"
        ],
    ),
}


BAD_REPORTS = {
    "wrong status, yes for a boolean, period reversed, unknown theme": (
        "---\nround: 1\nstatus: klaar\nparel: yes\nperiod:\n  start: 2023-05-01\n  end: 2023-04-01\n---\nTekst\n",
        [
            f"{ROUND}:3: status: onbekende waarde 'klaar'; kies uit 'concept' of 'gepubliceerd'",
            f"{ROUND}:4: parel: verwacht true of false, maar vond 'yes'; schrijf precies true of false "
            "(niet ja/nee, yes/no of on/off)",
            f"{ROUND}:7: period.end: einde 2023-04-01 ligt voor begin 2023-05-01; verbeter een van beide",
        ],
    ),
    "unknown theme": (
        "---\nround: 1\nstatus: concept\nthemes:\n  - organisatie\n  - werknemer\n---\n",
        [
            f"{ROUND}:6: themes[1]: onbekend onderzoeksthema 'werknemer' (bedoel je 'werknemers'?); kies uit "
            "organisatie, werknemers of voeg het toe aan experiments/themas.yml"
        ],
    ),
    "round number differs from file name": (
        "---\nround: 2\nstatus: concept\n---\n",
        [f"{ROUND}:2: round: ronde 2 past niet bij de bestandsnaam ronde-1.md; maak ze gelijk"],
    ),
    "raw HTML in the findings": (
        "---\nround: 1\nstatus: concept\n---\n\nEerste regel.\n\nTekst met <iframe src=x>.\n",
        [
            f"{ROUND}:8: bevindingen: ruwe HTML ('<iframe'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld "
            "**vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "no front matter": (
        "Alleen tekst.\n",
        [
            f"{ROUND}:1: -: front matter ontbreekt; begin het bestand met een regel '---', de velden, en weer "
            "een regel '---'"
        ],
    ),
}


LEC = "lectures/college.md"


BAD_LECTURES = {
    "time without zone": (
        "title: C\nround: 1\nstatus: gepland\nstart: 2024-05-16T15:00\n",
        [
            f"{LEC}:5: start: tijd zonder tijdzone ('2024-05-16T15:00'); schrijf er +01:00/+02:00 of "
            "Europe/Amsterdam achter"
        ],
    ),
    "winter offset in summer": (
        "title: C\nround: 1\nstatus: gepland\nstart: 2024-05-16T15:00+01:00\n",
        [
            f"{LEC}:5: start: tijdzone +01:00 klopt niet voor Nederland op 2024-05-16; daar geldt +02:00 "
            "(of schrijf Europe/Amsterdam)"
        ],
    ),
    "time as a bare number": (
        "title: C\nround: 1\nstatus: gepland\nstart: 15:00\n",
        [
            f"{LEC}:5: start: verwacht datum en tijd als 2024-05-16T15:00+02:00 of 2024-05-16 15:00 "
            "Europe/Amsterdam, maar vond '15:00'"
        ],
    ),
    "end before start": (
        "title: C\nround: 1\nstatus: gepland\nstart: 2024-05-16 15:00 Europe/Amsterdam\n"
        "end: 2024-05-16 14:00 Europe/Amsterdam\n",
        [f"{LEC}:6: end: eindtijd 2024-05-16 14:00 ligt niet na begintijd 2024-05-16 15:00; verbeter een van beide"],
    ),
    "end without a timed start": (
        "title: C\nround: 1\nstatus: aangekondigd\nstart: 2024-05\nend: 2024-05-16 14:00 Europe/Amsterdam\n",
        [
            f"{LEC}:6: end: een eindtijd kan alleen bij een begintijd met datum en tijd; vul 'start' aan of "
            "haal 'end' weg"
        ],
    ),
    "moved without the earlier date": (
        "title: C\nround: 1\nstatus: verplaatst\nstart: 2024-05-16 15:00 Europe/Amsterdam\n"
        "end: 2024-05-16 17:00 Europe/Amsterdam\n",
        [f"{LEC}:4: previous_start: een verplaatst college bewaart de oude datum; zet die in 'previous_start'"],
    ),
    "timed start without an end": (
        "title: C\nround: 1\nstatus: gepland\nstart: 2024-05-16T15:00+02:00\n",
        [
            f"{LEC}:5: end: een college met datum en tijd heeft ook een eindtijd, anders staat het zonder duur in "
            "agenda's; voeg de echte eindtijd toe, zoals end: 2024-05-16 UU:MM Europe/Amsterdam"
        ],
    ),
    "held lecture without an end": (
        "title: C\nround: 1\nstatus: gehouden\nstart: 2024-05-16 15:00 Europe/Amsterdam\nreport: Goed.\n",
        [
            f"{LEC}:5: end: een college met datum en tijd heeft ook een eindtijd, anders staat het zonder duur in "
            "agenda's; voeg de echte eindtijd toe, zoals end: 2024-05-16 UU:MM Europe/Amsterdam"
        ],
    ),
    "on site without a venue": (
        "title: C\nround: 1\nstatus: gepland\nstart: nog niet bekend\nattendance: op locatie\n",
        [f"{LEC}:6: venue: een college op locatie heeft een 'venue' (naam en plaats)"],
    ),
    "unknown status, round and experiment": (
        "title: C\nround: 7\nstatus: afgelast\nstart: nog niet bekend\nexperiments: [y]\n",
        [
            f"{LEC}:3: round: onbekende ronde '7'; kies uit 0, 1 of voeg hem toe aan experiments/rondes.yml",
            f"{LEC}:4: status: onbekende waarde 'afgelast'; kies uit 'voorgenomen', 'aangekondigd', 'gepland', 'verplaatst', "
            "'online verplaatst', 'geannuleerd' of 'gehouden'",
            f"{LEC}:6: experiments[0]: onbekend experiment 'y'; kies uit x of voeg het toe aan een map "
            "experiments/<id>/",
        ],
    ),
    "missing slides file": (
        "title: C\nround: 1\nstatus: gehouden\nstart: 2024-05\nslides: dias.pdf\n",
        [
            f"{LEC}:6: slides: bestand 'dias.pdf' staat niet naast dit college (of is een symbolische link); "
            "voeg het toe of verbeter de naam"
        ],
    ),
    "slides path leaving the folder": (
        "title: C\nround: 1\nstatus: gehouden\nstart: 2024-05\nslides: ../../etc/passwd\n",
        [
            f"{LEC}:6: slides: verwacht een link (https://…) of de naam van een bestand naast dit college, zoals "
            "college-1-dias.pdf (pdf, pptx of odp, zonder mappen)"
        ],
    ),
    "missing title and start": (
        "round: 1\nstatus: gepland\n",
        [
            f"{LEC}:2: start: verplicht veld ontbreekt; voeg 'start:' toe (bijvoorbeeld: start: nog niet bekend)",
            f"{LEC}:2: title: verplicht veld ontbreekt; voeg 'title:' toe (bijvoorbeeld: title: Openbaar college ronde 1)",
        ],
    ),
}


PUB = "publications/p.yml"


BASE = "type: rapport\ntitle: T\nauthors:\n  - family: Aa\n    particle: van der\n    given: Paul\ndate: 2024\n"


BAD_PUBLICATIONS = {
    "bad DOI": (BASE + "doi: 10.12/x\n", [f"{PUB}:8: doi: verwacht een DOI als 10.1234/abcd, maar vond '10.12/x'"]),
    "ORCID check digit": (
        "type: rapport\ntitle: T\nauthors:\n  - family: Aa\n    orcid: 0000-0002-1825-0098\ndate: 2024\n",
        [
            f"{PUB}:5: authors[0].orcid: controlecijfer klopt niet (verwacht 7); kopieer het iD opnieuw "
            "(gevonden: '0000-0002-1825-0098')"
        ],
    ),
    "no authors": (
        "type: rapport\ntitle: T\nauthors: []\ndate: 2024\n",
        [f"{PUB}:3: authors: lijst moet minstens 1 item hebben"],
    ),
    "author without a name": (
        "type: rapport\ntitle: T\nauthors:\n  - given: Paul\ndate: 2024\n",
        [f"{PUB}:4: authors[0].family: geef 'family' (achternaam) of 'person' (id uit experiments/mensen.yml)"],
    ),
    "unknown type and pages": (
        BASE.replace("rapport", "artikel") + "pages: 12 tot 19\n",
        [f"{PUB}:1: type: onbekende waarde 'artikel' (bedoel je 'vakblad-artikel'?); kies uit {_TYPES}"],
    ),
    "bad pages": (
        BASE + "pages: 12 tot 19\n",
        [f"{PUB}:8: pages: verwacht pagina's als 12-19 of 12, maar vond '12 tot 19'"],
    ),
    "missing PDF": (
        BASE + "pdf: rapport.pdf\n",
        [
            f"{PUB}:8: pdf: bestand 'rapport.pdf' staat niet naast deze publicatie (of is een symbolische "
            "link); voeg het toe of verbeter de naam"
        ],
    ),
    "PDF outside the folder": (
        BASE + "pdf: ../geheim.pdf\n",
        [
            f"{PUB}:8: pdf: verwacht een link (https://…) of de naam van een pdf naast deze "
            "publicatie, zoals rapport-2023.pdf (zonder mappen)"
        ],
    ),
    "unknown person and theme": (
        "type: rapport\ntitle: T\nauthors:\n  - person: nobody\ndate: 2024\nthemes: [organisatie, orgnisatie]\n",
        [
            f"{PUB}:4: authors[0].person: onbekende persoon 'nobody'; kies uit (geen) of voeg hem toe aan "
            "experiments/mensen.yml",
            f"{PUB}:6: themes[1]: onbekend onderzoeksthema 'orgnisatie' (bedoel je 'organisatie'?); kies uit "
            "organisatie, werknemers of voeg het toe aan experiments/themas.yml",
        ],
    ),
}


# Hand-written pages and news posts: the same rules as every other content file.
BAD_DOCS = {
    "page: raw script": (
        {PAGE: "# Over\n\n<script>alert(1)</script>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: img onerror": (
        {PAGE: "# Over\n\nTekst <img src=x onerror=alert(1)>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<img'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: iframe": (
        {PAGE: "# Over\n\n<iframe src=https://evil.example/></iframe>\n"},
        [
            "docs/over.md:3: tekst: ruwe HTML ('<iframe'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "page: javascript link": (
        {PAGE: "# Over\n\n[klik](javascript:alert(1))\n"},
        [
            "docs/over.md:3: tekst: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: (link: 'javascript:alert(1')"
        ],
    ),
    "page: entity javascript link": (
        {PAGE: "# Over\n\n[klik](javascript&colon;alert(1))\n"},
        [
            "docs/over.md:3: tekst: schema 'javascript:' is niet toegestaan; gebruik https://, http:// of mailto: (link: 'javascript&colon;alert(1')"
        ],
    ),
    "page: slash backslash link": (
        {PAGE: "# Over\n\n[x](/\\evil.example/pad)\n"},
        ["docs/over.md:3: tekst: link zonder schema ('//host'); begin met https:// (link: '/\\\\evil.example/pad')"],
    ),
    "page: backslash slash link": (
        {PAGE: "# Over\n\n[x](\\/evil.example)\n"},
        ["docs/over.md:3: tekst: link zonder schema ('//host'); begin met https:// (link: '\\\\/evil.example')"],
    ),
    "page: reference link off site": (
        {PAGE: "# Over\n\n[x][r]\n\n[r]: //evil.example\n"},
        ["docs/over.md:5: tekst: link zonder schema ('//host'); begin met https:// (link: '//evil.example')"],
    ),
    "page: jinja expression": (
        {PAGE: "# Over\n\n{{ config.extra }}\n"},
        [
            "docs/over.md:3: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: jinja statement": (
        {PAGE: "# Over\n\n{% include 'x' %}\n"},
        [
            "docs/over.md:3: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: unknown block": (
        {PAGE: "# Over\n\n{{ secrets() }}\n"},
        [
            "docs/over.md:3: tekst: onbekende bouwsteen 'secrets'; kies uit 'site_contact', 'site_hosting', 'project_status', 'project_plan', 'municipality_list', 'round_list', 'theme_list', 'latest_news' of 'news_status', op een eigen regel, zoals {{ round_list() }}"
        ],
    ),
    "page: attribute list": (
        {PAGE: '# Over {: onclick="alert(1)" }\n'},
        [
            "docs/over.md:1: tekst: sjabloontaal ('{{', '{%', '{#') en attributen ('{:') werken niet in inhoud; zet een bouwsteen op een eigen regel, zoals {{ round_list() }}, of zet de tekens tussen `backticks`"
        ],
    ),
    "page: brackets that make the build quadratic": (
        {PAGE: "# Over\n\n" + "[" * 24000 + "\n"},
        [
            "docs/over.md:3: tekst: de tekst heeft 24000 keer '[', meer dan 1000; zo veel haken maken de site "
            "onevenredig traag om te bouwen; haal ze weg"
        ],
    ),
    "page: render_macros": (
        {PAGE: "---\nrender_macros: true\n---\n# Over\n"},
        ["docs/over.md:2: render_macros: onbekend veld; toegestaan zijn: title, description, hide"],
    ),
    "page: template field": (
        {PAGE: "---\ntemplate: main.html\n---\n# Over\n"},
        ["docs/over.md:2: template: onbekend veld; toegestaan zijn: title, description, hide"],
    ),
    "page: bidi character": (
        {PAGE: "# Over\n\nTekst \u202e omgekeerd\n"},
        [
            "docs/over.md:3: tekst: bevat een onzichtbaar of richting-wisselend teken (U+202E); verwijder het (typ de tekst opnieuw)"
        ],
    ),
    "page: BSN": (
        {PAGE: "# Over\n\nBSN 111222333.\n"},
        [
            "docs/over.md:3: privacy: mogelijk BSN (negen cijfers die de elfproef halen); haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "page: description breaks out": (
        {PAGE: "---\ndescription: |\n  twee\n  regels\n---\n# Over\n"},
        ["docs/over.md:2: description: verwacht tekst op één regel; haal de regeleinden weg"],
    ),
    "post: raw script": (
        {POST: POST_HEAD + "<script>alert(1)</script>\n"},
        [
            "docs/actueel/posts/bericht.md:8: tekst: ruwe HTML ('<script'…) is niet toegestaan; gebruik Markdown (bijvoorbeeld **vet**, [tekst](https://…)) of zet code tussen `backticks`"
        ],
    ),
    "post: phone number": (
        {POST: POST_HEAD + "Bel 06-12345678.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: telefoonnummer; haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: IBAN": (
        {POST: POST_HEAD + "Rekening NL91ABNA0417164300.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: IBAN (rekeningnummer); haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: home address": (
        {POST: POST_HEAD + "Woont op Dorpsstraat 12, 1234 AB Ergens.\n"},
        [
            "docs/actueel/posts/bericht.md:8: privacy: adres met postcode en huisnummer; haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"
        ],
    ),
    "post: no heading": (
        {POST: "---\ndate: 2025-10-06\nslug: bericht\n---\n\nTekst.\n"},
        ["docs/actueel/posts/bericht.md:6: tekst: een bericht begint met een kop: '# Titel'"],
    ),
    "page: MultiMarkdown meta instead of front matter": (
        {PAGE: "status: <img src=x onerror=alert(1)>\ntemplate: redirect.html\n\n# Over\n"},
        [
            "docs/over.md:1: tekst: de eerste regel ('status: …') leest als een instelling van de pagina (MultiMarkdown); "
            "zet instellingen tussen twee regels '---' bovenaan, of begin de pagina met een kop ('# Titel')"
        ],
    ),
    "page: lists nested hundreds deep (Markdown would fail with RecursionError)": (
        {PAGE: "# Over\n\n" + "\n".join("\t" * level + "- x" for level in range(300)) + "\n"},
        [
            "docs/over.md:14: tekst: lijsten of citaten zijn hier dieper genest dan 10 niveaus; zo diep leest "
            "niemand en Markdown kan het niet verwerken; maak de structuur platter"
        ],
    ),
    "post: unknown field": (
        {POST: "---\ndate: 2025-10-06\nslug: bericht\ndraft: true\n---\n# B\n"},
        [
            "docs/actueel/posts/bericht.md:4: draft: onbekend veld (bedoel je 'date'?); toegestaan zijn: date, slug, description, authors"
        ],
    ),
}


CLASHES = {
    "lecture named like the calendar": (
        {"lectures/colleges.md": LECTURE},
        [
            "lectures/colleges.md:1: bestandsnaam: geeft hetzelfde adres 'colleges/colleges.ics' als de generator "
            "(colleges/colleges.ics); kies een andere naam of id"
        ],
    ),
    "lecture named index": (
        {"lectures/index.md": LECTURE},
        [
            "lectures/index.md:1: bestandsnaam: geeft hetzelfde adres 'colleges/' als de generator "
            "(colleges/index.md); kies een andere naam of id"
        ],
    ),
    "hand-written page over a generated one": (
        {"docs/team.md": "# Team\n"},
        [
            "docs/team.md:1: bestandsnaam: geeft hetzelfde adres 'team/' als de generator (team.md); "
            "kies een andere naam of id"
        ],
    ),
    "hand-written page differing in case": (
        {"docs/Team.md": "# Team\n"},
        [
            "docs/Team.md:1: bestandsnaam: geeft een adres dat alleen in hoofdletters verschilt van 'Team/' als "
            "de generator (team.md); kies een andere naam of id"
        ],
    ),
    "news post and page with one address": (
        {
            "docs/actueel/nieuws.md": "# Nieuws\n",
            "docs/actueel/posts/n.md": "---\ndate: 2025-10-06\nslug: nieuws\n---\n# Nieuws\n",
        },
        [
            "docs/actueel/posts/n.md:3: slug: geeft hetzelfde adres 'actueel/nieuws/' als docs/actueel/nieuws.md "
            "(actueel/nieuws.md); kies een andere naam of id"
        ],
    ),
    "Windows reserved lecture id": (
        {"lectures/con.md": LECTURE},
        [
            "lectures/con.md:1: bestandsnaam: 'con.md' is op Windows een gereserveerde naam (ook als deel van "
            "colleges/con.md); kies een andere naam"
        ],
    ),
    "Windows reserved page name": (
        {"docs/aux.md": "# Aux\n"},
        [
            "docs/aux.md:1: bestandsnaam: 'aux.md' is op Windows een gereserveerde naam (ook als deel van aux.md); "
            "kies een andere naam"
        ],
    ),
    "hand-written page where the engine writes its sitemap": (
        {"docs/sitemap.xml.md": "# Kaart\n"},
        [
            "docs/sitemap.xml.md:1: bestandsnaam: 'sitemap.xml' zou een map worden én een bestand: "
            "docs/sitemap.xml.md (sitemap.xml.md) heeft er een map, het bouwprogramma (sitemap.xml) het bestand; "
            "kies een andere naam of id"
        ],
    ),
    "hand-written page where the news feed is": (
        {
            "docs/actueel/feed.xml.md": "# Feed\n",
            "docs/actueel/posts/n.md": "---\ndate: 2025-10-06\nslug: nieuws\n---\n# Nieuws\n",
        },
        [
            "docs/actueel/feed.xml.md:1: bestandsnaam: 'actueel/feed.xml' zou een map worden én een bestand: "
            "docs/actueel/feed.xml.md (actueel/feed.xml.md) heeft er een map, de generator (actueel/feed.xml) het "
            "bestand; kies een andere naam of id"
        ],
    ),
    "round number with a leading zero": (
        {"experiments/x/ronde-01.md": REPORT},
        ["experiments/x/ronde-01.md:1: bestandsnaam: schrijf het rondenummer zonder voorloopnul: ronde-1.md"],
    ),
}


FIX = "haal het weg: persoonsgegevens van deelnemers horen niet in de inhoud van de site"


PRIVACY = {
    "BSN": ("Deelnemer 123456782 vertelde", "mogelijk BSN (negen cijfers die de elfproef halen)"),
    "BSN with dots": ("nummer 123.456.782 genoemd", "mogelijk BSN (negen cijfers die de elfproef halen)"),
    "e-mail": (
        "Mail jan.jansen@gmail.com gerust",
        "e-mailadres van een persoon (alleen rol-adressen van het project mogen)",
    ),
    "mobile number": ("Bel 06-12345678 voor", "telefoonnummer"),
    "international number": ("Bel +31 6 1234 5678 voor", "telefoonnummer"),
    "landline": ("Bel 010 123 4567 voor", "telefoonnummer"),
    "IBAN": ("Rekening NL91 ABNA 0417 1643 00 hier", "IBAN (rekeningnummer)"),
    "home address": ("Woont op Dorpsstraat 12, 1234 AB Ergens", "adres met postcode en huisnummer"),
}


REGISTRY_CASE = (
    {
        "experiments/themas.yml": "organisatie:\n  title: O\n  question: V?\n  vraag: X\nwerknemers:\n  title: W\n"
        "  question: V?\n"
    },
    ["experiments/themas.yml:4: organisatie.vraag: onbekend veld; toegestaan zijn: title, question, order"],
)


def _full_build_cases() -> dict[str, tuple[dict, list[str]]]:
    def pick(table: dict, name: str, path: str, wrap=lambda text: text) -> tuple[dict, list[str]]:
        text, expected = table[name]
        return {path: wrap(text)}, expected

    return {
        "experiment": pick(BAD_EXPERIMENTS, "raw HTML and javascript link in Markdown", EXP),
        "round report": pick(BAD_REPORTS, "wrong status, yes for a boolean, period reversed, unknown theme", ROUND),
        "lecture": pick(BAD_LECTURES, "unknown status, round and experiment", LEC, lambda front: f"---\n{front}---\n"),
        "publication": pick(BAD_PUBLICATIONS, "unknown person and theme", PUB),
        "registry file": REGISTRY_CASE,
    }


CASES = _full_build_cases()
