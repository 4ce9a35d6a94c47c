#!/usr/bin/env python3
"""Draws the app's icons (public/icons/*.png) with the standard library only.

A white phone with a check mark on its screen, on the agency's blue (#1d4e89, as the header and
the manifest's theme_color). "any" icons keep the picture within 80% of the square; maskable
ones within the 40%-radius safe circle, since launchers crop them to any shape.
Run from the repository root after changing the design:  python3 xtask/make_icons.py
"""
import math
import os
import struct
import zlib

BLUE = (0x1D, 0x4E, 0x89)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public", "icons")


def sd_round_rect(x, y, cx, cy, hw, hh, r):
    """Signed distance to a rounded rectangle (negative inside)."""
    qx, qy = abs(x - cx) - hw + r, abs(y - cy) - hh + r
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - r


def sd_segment(x, y, ax, ay, bx, by):
    px, py, dx, dy = x - ax, y - ay, bx - ax, by - ay
    t = max(0.0, min(1.0, (px * dx + py * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - dx * t, py - dy * t)


def draw(size, scale):
    """scale: the share of the square the picture may use."""
    rows = []
    px = 1.0 / size  # one pixel in unit coordinates, for anti-aliased edges
    for j in range(size):
        row = bytearray([0])  # PNG filter: none
        for i in range(size):
            # Unit coordinates centred on the picture, picture spanning [-0.5, 0.5] * scale.
            x = ((i + 0.5) / size - 0.5) / scale
            y = ((j + 0.5) / size - 0.5) / scale
            cover = lambda d: max(0.0, min(1.0, 0.5 - d / (px / scale)))
            phone = cover(sd_round_rect(x, y, 0, 0, 0.27, 0.46, 0.08))
            screen = cover(sd_round_rect(x, y, 0, -0.02, 0.2, 0.34, 0.02))
            tick = min(
                sd_segment(x, y, -0.12, 0.0, -0.03, 0.1),
                sd_segment(x, y, -0.03, 0.1, 0.13, -0.11),
            )
            check = cover(tick - 0.045) * screen
            white = phone * (1 - screen) + check
            row += bytes(round(b + (w - b) * white) for b, w in zip(BLUE, WHITE))
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


ICONS = {
    "icon-192.png": (192, 0.8),
    "icon-512.png": (512, 0.8),
    "maskable-192.png": (192, 0.6),
    "maskable-512.png": (512, 0.6),
    "apple-touch-icon.png": (180, 0.7),
    "favicon-32.png": (32, 0.95),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, (size, scale) in ICONS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(draw(size, scale))
        print("wrote", os.path.join("public", "icons", name))
