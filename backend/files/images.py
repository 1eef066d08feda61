"""The upload pipeline. PURE and CPU-bound (bytes in, bytes out; callers run it in a thread): the type
comes from the bytes, never from what the client claimed; images are decoded under a pixel cap
(decompression bombs), turned upright (EXIF orientation), re-encoded without their metadata (EXIF
carries the GPS position where a photo was taken), capped at 2048 px on the longest side, and given a
320 px WebP thumbnail. PDFs are kept byte for byte."""
from __future__ import annotations

import io
import warnings
from collections.abc import Collection
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from backend.core.errors import ValidationFailed
from backend.files.errors import FileTooLarge, UnsupportedFileType
from backend.files.purposes import IMAGE_TYPES, JPEG, PDF, PNG, WEBP

ORIENTATION_TAG = 0x0112
MAX_SIDE = 2048
THUMBNAIL_SIDE = 320
# A 10 MB JPEG can hold far more pixels than a phone photo; past this, decoding is the attack.
MAX_PIXELS = 50_000_000
_PIL_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf"}
_NAMES = {JPEG: "JPEG", PNG: "PNG", WEBP: "WebP", PDF: "PDF"}


@dataclass(frozen=True, slots=True)
class Processed:
    content_type: str
    content: bytes
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None  # WebP; images only


def sniff(content: bytes) -> str | None:
    """The content type the leading bytes announce, or None."""
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content.startswith(b"%PDF-"):
        return PDF
    return None


def process(content: bytes, *, allowed: Collection[str], max_bytes: int) -> Processed:
    """Raises FileTooLarge (bytes or pixels), UnsupportedFileType (not an allowed type, or unreadable
    as the type its bytes announce), ValidationFailed (empty)."""
    if not content:
        raise ValidationFailed("The file is empty.", field="file")
    if len(content) > max_bytes:
        raise FileTooLarge(f"The file is larger than {max_bytes // (1024 * 1024)} MB.")
    content_type = sniff(content)
    if content_type is None or content_type not in allowed:
        names = ", ".join(sorted(_NAMES[t] for t in allowed))
        raise UnsupportedFileType(f"Upload one of: {names}.")
    if content_type == PDF:
        return Processed(content_type=PDF, content=content)
    return _image(content, content_type)


def _image(content: bytes, content_type: str) -> Processed:
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it: treat the warning as the refusal it is.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as opened:
                if _PIL_FORMATS.get(opened.format or "") != content_type:
                    raise UnsupportedFileType(f"The file is not a readable {_NAMES[content_type]} image.")
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise FileTooLarge(f"The image has more than {MAX_PIXELS // 1_000_000} million pixels.")
                opened.seek(0)  # an animation keeps its first frame
                upright = ImageOps.exif_transpose(opened)
                upright.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise FileTooLarge(f"The image has more than {MAX_PIXELS // 1_000_000} million pixels.") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise UnsupportedFileType(f"The file is not a readable {_NAMES[content_type]} image.") from None
    icc = upright.info.get("icc_profile")
    clean = _without_metadata(upright, content_type)
    clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    main = _encode(clean, content_type, icc)
    small = clean.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return Processed(content_type=content_type, content=main, width=clean.width, height=clean.height,
                     thumbnail=_encode(small, WEBP, icc))


def _without_metadata(image: Image.Image, content_type: str) -> Image.Image:
    """A fresh image holding only the pixels: nothing of the original's info (EXIF, XMP, text
    chunks, comments) can ride along into the saved file."""
    mode = image.mode
    if content_type == JPEG or mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info)
        mode = "RGBA" if has_alpha and content_type != JPEG else "RGB"
    source = image.convert(mode) if image.mode != mode else image
    clean = Image.new(mode, source.size)
    clean.paste(source)
    return clean


def _encode(image: Image.Image, content_type: str, icc: object) -> bytes:
    out = io.BytesIO()
    options: dict[str, object] = {"icc_profile": icc} if isinstance(icc, bytes) else {}
    if content_type == JPEG:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, **options)
    elif content_type == PNG:
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=80, method=4, **options)
    return out.getvalue()


def is_image(content_type: str) -> bool:
    return content_type in IMAGE_TYPES
