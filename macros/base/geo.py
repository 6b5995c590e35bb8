"""The map's projection: longitude and latitude to SVG coordinates.

A plain equirectangular projection, scaled by cos(52.2°) so that the Netherlands keeps its
shape; at this size the error against a proper RD projection is well under a pixel's worth
of meaning for a map that only places municipalities.
"""

from __future__ import annotations

import math

BOUNDS = (3.2, 50.65, 7.3, 53.65)  # west, south, east, north (degrees)
WIDTH = 560.0
_KX = math.cos(math.radians(52.2))
_SCALE = WIDTH / ((BOUNDS[2] - BOUNDS[0]) * _KX)
HEIGHT = round((BOUNDS[3] - BOUNDS[1]) * _SCALE, 1)


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG x, y (pixels from the top left) of a point."""
    return ((lon - BOUNDS[0]) * _KX * _SCALE, (BOUNDS[3] - lat) * _SCALE)
