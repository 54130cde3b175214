"""Render resources/icons/qiemonitor.svg into the PNG, ICO and ICNS files beside it, with Qt.

Run it after editing the SVG (``.venv/bin/python packaging/render_icons.py``) and
commit what it writes: the installers and the window icon take these files as
sources. The PNGs are drawn by Qt's own SVG renderer, so no other image tool is
needed; the ``.ico`` (Windows) and ``.icns`` (macOS) are small containers that
hold the same PNGs, written here byte by byte.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "qiemonitor.svg"
PNG_SIZES = (16, 32, 64, 256)  # committed as qiemonitor-<size>.png
ICO_SIZES = (16, 32, 48, 64, 256)  # what Windows asks for: title bar, taskbar, Explorer
# macOS: PNG-bearing ICNS element types by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon as PNG bytes, ``size`` pixels square, on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"Qt could not encode a {size} px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon file holding PNG images (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    entries, offset = b"", len(header) + 16 * len(pngs)
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 stands for 256 in the one-byte field
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(pngs.values())


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon file: typed, length-prefixed PNG elements."""
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in pngs.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: Qt cannot read {SOURCE}", file=sys.stderr)
        return 1
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_TYPES})
    pngs = {size: render(renderer, size) for size in sizes}
    written = [ICONS / f"qiemonitor-{size}.png" for size in PNG_SIZES]
    for path, size in zip(written, PNG_SIZES, strict=True):
        path.write_bytes(pngs[size])
    (ICONS / "qiemonitor.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (ICONS / "qiemonitor.icns").write_bytes(icns({size: pngs[size] for size in ICNS_TYPES}))
    written += [ICONS / "qiemonitor.ico", ICONS / "qiemonitor.icns"]
    for path in written:
        print(f"wrote {path.relative_to(ICONS.parent.parent)} ({path.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
