"""The upload pipeline (backend.files.images), pure: type from the bytes, limits, EXIF (location!)
stripped, orientation applied, the size cap and the thumbnail."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from backend.core.errors import ValidationFailed
from backend.files import images
from backend.files.errors import FileTooLarge, UnsupportedFileType
from backend.files.purposes import GROWTH_EVIDENCE, JPEG, PDF, PNG, WEBP
from tests.backend.files.images_support import GPS_IFD, minimal_pdf, opened, photo, png_claiming, png_with_text

ALLOWED, CAP = GROWTH_EVIDENCE.content_types, GROWTH_EVIDENCE.max_bytes


def test_the_gps_position_of_a_photo_is_gone_after_processing():
    # given a phone photo with its GPS position in EXIF
    original = photo(gps=True)
    assert opened(original).getexif().get_ifd(GPS_IFD)  # the test input really carries it
    # when
    result = images.process(original, allowed=ALLOWED, max_bytes=CAP)
    # then no EXIF at all survives, GPS included, in the picture or its thumbnail
    stored, thumbnail = opened(result.content), opened(result.thumbnail or b"")
    assert stored.getexif().get_ifd(GPS_IFD) == {} and dict(stored.getexif()) == {}
    assert dict(thumbnail.getexif()) == {}
    assert b"Exif" not in result.content and b"PhoneMaker" not in result.content


def test_png_text_chunks_are_dropped():
    # given a PNG carrying a location in a text chunk
    original = png_with_text()
    # when
    result = images.process(original, allowed=ALLOWED, max_bytes=CAP)
    # then
    assert result.content_type == PNG
    assert b"Location" not in result.content and opened(result.content).info.get("Location") is None


def test_the_exif_orientation_is_applied_before_it_is_dropped():
    # given a 400 × 200 photo taken with the phone turned (orientation 6: rotate 90° clockwise to view)
    original = photo(400, 200, orientation=6)
    # when
    result = images.process(original, allowed=ALLOWED, max_bytes=CAP)
    # then it is stored upright: 200 wide, 400 tall, and no orientation tag left to apply twice
    assert (result.width, result.height) == (200, 400)
    assert opened(result.content).size == (200, 400)
    assert images.ORIENTATION_TAG not in opened(result.content).getexif()


def test_the_longest_side_is_capped_and_a_small_webp_thumbnail_is_made():
    # given a 3000 × 1500 picture
    original = photo(3000, 1500, gps=False)
    # when
    result = images.process(original, allowed=ALLOWED, max_bytes=CAP)
    # then
    assert (result.width, result.height) == (2048, 1024)
    thumbnail = opened(result.thumbnail or b"")
    assert thumbnail.format == "WEBP" and thumbnail.size == (320, 160)


def test_a_small_picture_is_not_enlarged():
    # when
    result = images.process(photo(120, 80, gps=False), allowed=ALLOWED, max_bytes=CAP)
    # then
    assert (result.width, result.height) == (120, 80) and opened(result.thumbnail or b"").size == (120, 80)


@pytest.mark.parametrize(("fmt", "expected"), [("JPEG", JPEG), ("PNG", PNG), ("WEBP", WEBP)])
def test_the_type_comes_from_the_bytes_and_is_kept(fmt, expected):
    # when
    result = images.process(photo(fmt=fmt, gps=False), allowed=ALLOWED, max_bytes=CAP)
    # then
    assert result.content_type == expected
    assert opened(result.content).format == fmt


def test_a_pdf_is_stored_byte_for_byte_without_a_thumbnail():
    # given
    document = minimal_pdf()
    # when
    result = images.process(document, allowed=ALLOWED, max_bytes=CAP)
    # then
    assert (result.content_type, result.content, result.thumbnail, result.width) == (PDF, document, None, None)


@pytest.mark.parametrize("content", [
    b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",  # a GIF: not accepted for evidence
    b"<svg xmlns='http://www.w3.org/2000/svg'/>",  # scripts hide in SVG
    b"MZ\x90\x00 an executable",
    b"\xff\xd8\xff\xe0 looks like a JPEG but is not one",
])
def test_other_or_broken_content_is_an_unsupported_type(content):
    # when / then
    with pytest.raises(UnsupportedFileType) as raised:
        images.process(content, allowed=ALLOWED, max_bytes=CAP)
    assert raised.value.field == "file"


def test_a_pdf_is_refused_where_only_images_are_allowed():
    # when / then
    with pytest.raises(UnsupportedFileType, match="JPEG, PNG, WebP"):
        images.process(minimal_pdf(), allowed=images.IMAGE_TYPES, max_bytes=CAP)


def test_more_bytes_than_the_cap_is_too_large():
    # given
    content = photo(gps=False)
    # when / then
    with pytest.raises(FileTooLarge, match="larger than 10 MB"):
        images.process(content + b"\x00" * CAP, allowed=ALLOWED, max_bytes=CAP)


def test_a_decompression_bomb_is_refused_before_decoding():
    # given a 1 KB PNG claiming 30,000 × 30,000 pixels
    bomb = png_claiming(30_000, 30_000)
    # when / then
    with pytest.raises(FileTooLarge, match="million pixels"):
        images.process(bomb, allowed=ALLOWED, max_bytes=CAP)


def test_an_empty_upload_is_refused():
    with pytest.raises(ValidationFailed, match="empty"):
        images.process(b"", allowed=ALLOWED, max_bytes=CAP)


def test_a_cmyk_jpeg_is_stored_as_rgb():
    # given
    out = io.BytesIO()
    Image.new("CMYK", (50, 40), (0, 100, 100, 0)).save(out, "JPEG")
    # when
    result = images.process(out.getvalue(), allowed=ALLOWED, max_bytes=CAP)
    # then
    assert opened(result.content).mode == "RGB"
