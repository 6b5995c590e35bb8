"""Build macros/data/nl-outline.json, the outline of the Netherlands for the experiments map.

Source: Natural Earth 1:10m admin-0 countries (public domain), as TopoJSON in the npm package
world-atlas@2.0.2 (`npm pack world-atlas@2.0.2`, then pass its countries-10m.json). Run once by
hand when the outline should change; the site build only reads the JSON this writes.

    python tools/build_map_outline.py path/to/countries-10m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from macros.base.geo import BOUNDS, project  # noqa: E402

NETHERLANDS = "528"  # ISO 3166-1 numeric


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        best, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = points[i]
            dx, dy = x2 - x1, y2 - y1
            length = (dx * dx + dy * dy) ** 0.5 or 1e-12
            distance = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometry = next(g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == NETHERLANDS)
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        outer = ring(arcs, polygon[0])
        lon, lat = outer[0]
        if not (BOUNDS[0] <= lon <= BOUNDS[2] and BOUNDS[1] <= lat <= BOUNDS[3]):
            continue  # the Caribbean parts lie far outside the map
        points = [project(lat, lon) for lon, lat in outer]
        # A closed ring has no baseline for Douglas-Peucker: simplify its two halves.
        half = len(points) // 2
        projected = simplify(points[: half + 1], 0.6)[:-1] + simplify(points[half:], 0.6)
        if len(projected) < 4:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in projected) + "Z")
    out = Path(__file__).resolve().parents[1] / "macros" / "data" / "nl-outline.json"
    out.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:10m admin-0 countries, via world-atlas@2.0.2 (countries-10m.json)",
                "license": "public domain",
                "path": "".join(parts),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out} ({len(parts)} polygons)")


if __name__ == "__main__":
    main(sys.argv[1])
