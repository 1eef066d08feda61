"""Image bytes for the upload tests, made with Pillow in the test: photos with GPS EXIF and an
orientation tag, oversized pictures, and a PNG whose header claims a decompression bomb."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo

GPS_IFD, ORIENTATION = 0x8825, 0x0112


def photo(width: int = 400, height: int = 200, *, fmt: str = "JPEG", gps: bool = True, orientation: int | None = None,
          colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A photo as a phone would save it: EXIF with where it was taken and how the phone was held."""
    image = Image.new("RGB", (width, height), colour)
    image.paste((20, 20, 220), (0, 0, width // 4, height // 4))  # a corner marker, to see the rotation
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    if gps:
        location = exif.get_ifd(GPS_IFD)
        location.update({1: "N", 2: (31.0, 18.0, 36.0), 3: "E", 4: (120.0, 37.0, 12.0)})
        exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def png_with_text(width: int = 64, height: int = 64) -> bytes:
    info = PngInfo()
    info.add_text("Location", "31.3100 N, 120.6200 E")
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 128, 0, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small valid-looking PNG whose header claims width × height pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def minimal_pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def opened(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image
