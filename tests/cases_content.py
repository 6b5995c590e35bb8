"""The smallest valid content: registries, one experiment and one round report, as file texts.

Tests write them with `support.write_tree` (the registries by default) and change one field to
see one problem; the texts stay valid on their own, so any problem a test sees is its own.
"""

MUNICIPALITIES = """\
delft:
  name: Delft
  cbs_code: GM0503
  province: Zuid-Holland
  lat: 52.01
  lon: 4.36
eindhoven:
  name: Eindhoven
  cbs_code: GM0772
  province: Noord-Brabant
"""

ROUNDS = """\
0:
  title: Start
1:
  title: Eerste ronde
  start: 2022-09
  end: 2023-03
"""

THEMES = """\
organisatie:
  title: Organisatie
  question: Hoe organiseer je het?
  order: 1
werknemers:
  title: Werknemers
  question: Wat betekent het voor werknemers?
  order: 2
"""

EXPERIMENT = """\
title: Proef
municipality: delft
status: actueel
"""

REPORT = """\
---
round: 1
status: gepubliceerd
parel: true
themes: [organisatie]
---
Bevinding.
"""
