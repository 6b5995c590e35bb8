"""Write the share cards (og:image, 1200×630 PNG) into macros/assets/, with nothing but the
standard library: colour bands and block letters from a built-in 5×7 font, so neither the
build nor a reader's browser fetches a font or asks another service.

    macros/assets/card.png        the real site: WAARDEVOL WERK
    macros/assets/card-demo.png   the fictional demo: FICTIEF VOORBEELD, hatched

Run `python tools/make_card.py` after changing this script and commit both files; the output
is byte-for-byte the same on every run (tests/site/test_sharecard.py checks that)."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
ASSETS = Path(__file__).resolve().parent.parent / "macros" / "assets"

FONT = {  # 5×7, one string per row
    "A": ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
    "B": ["11110", "10001", "10001", "11110", "10001", "10001", "11110"],
    "C": ["01111", "10000", "10000", "10000", "10000", "10000", "01111"],
    "D": ["11110", "10001", "10001", "10001", "10001", "10001", "11110"],
    "E": ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
    "F": ["11111", "10000", "10000", "11110", "10000", "10000", "10000"],
    "I": ["11111", "00100", "00100", "00100", "00100", "00100", "11111"],
    "K": ["10001", "10010", "10100", "11000", "10100", "10010", "10001"],
    "L": ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
    "O": ["01110", "10001", "10001", "10001", "10001", "10001", "01110"],
    "R": ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
    "T": ["11111", "00100", "00100", "00100", "00100", "00100", "00100"],
    "V": ["10001", "10001", "10001", "10001", "10001", "01010", "00100"],
    "W": ["10001", "10001", "10001", "10101", "10101", "10101", "01010"],
    " ": ["00000"] * 7,
}

BACKGROUND = (0x1D, 0x4E, 0x5F)
BAND = (0xE8, 0xA3, 0x3D)
INK = (0xFF, 0xFF, 0xFF)
HATCH = (0x2A, 0x5F, 0x70)


def canvas(demo: bool) -> list[bytearray]:
    rows = []
    for y in range(HEIGHT):
        row = bytearray()
        for x in range(WIDTH):
            colour = BACKGROUND
            if demo and (x + y) // 24 % 2 == 0:
                colour = HATCH
            if HEIGHT - 90 <= y < HEIGHT - 60:
                colour = BAND
            row += bytes(colour)
        rows.append(row)
    return rows


def text(rows: list[bytearray], line: str, top: int, scale: int) -> None:
    width = len(line) * 6 * scale - scale
    left = (WIDTH - width) // 2
    for i, char in enumerate(line):
        for gy, bits in enumerate(FONT[char]):
            for gx, bit in enumerate(bits):
                if bit == "1":
                    x0, y0 = left + (i * 6 + gx) * scale, top + gy * scale
                    for y in range(y0, y0 + scale):
                        rows[y][x0 * 3 : (x0 + scale) * 3] = bytes(INK) * scale


def png(rows: list[bytearray]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + bytes(row) for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def card(lines: list[str], demo: bool) -> bytes:
    rows = canvas(demo)
    scale = 14
    top = (HEIGHT - 90 - len(lines) * 9 * scale) // 2
    for n, line in enumerate(lines):
        text(rows, line, top + n * 9 * scale, scale)
    return png(rows)


CARDS = {"card.png": (["WAARDEVOL", "WERK"], False), "card-demo.png": (["FICTIEF", "VOORBEELD"], True)}


def main() -> int:
    for name, (lines, demo) in CARDS.items():
        (ASSETS / name).write_bytes(card(lines, demo))
        print(f"{ASSETS / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
