"""Uploaded files (certificate photos, post images): size and type limits, EXIF stripped, thumbnails,
stored in a directory (embedded) or an S3-compatible bucket (when configured)."""
