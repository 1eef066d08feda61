"""POST /uploads?purpose=… (a raw body: a photo or a PDF) and GET /files/{id}[/thumbnail]. Signed in by
the session cookie or a bearer token like /graphql, and under the same CSRF rule: a cross-site form
can only send form or text content types, so only the accepted file types are let through. Reading a
file someone may not see answers 404, exactly like an unknown id. The pipeline, storage and access
rule are backend.files'; growth widens who may read what it attaches. The original file name, for
display only, may come percent-encoded (UTF-8) in X-File-Name."""
from __future__ import annotations

from urllib.parse import unquote
from uuid import UUID

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from backend.access.actor import Actor
from backend.core.errors import DomainError, NotFound
from backend.files import access, uploads
from backend.files.errors import FileTooLarge, UnsupportedFileType
from backend.files.models import StoredFile
from backend.files.purposes import IMAGE_TYPES, MAX_BYTES, PDF
from backend.community.photos import may_read_post_photo
from backend.growth.evidence_files import may_read_attached
from backend.web import scope as keys
from backend.web.routes.openbadges import error_response, unauthenticated

ACCEPTED_TYPES = IMAGE_TYPES | {PDF}
_NO_STORE = {"Cache-Control": "no-store"}
# Private: a shared cache must never keep someone's certificate; a sandbox CSP stops anything active
# inside a served file (a PDF's script, an image opened as a document) from running as this origin.
FILE_HEADERS = {"Cache-Control": "private, max-age=3600", "Content-Security-Policy": "sandbox",
                "Cross-Origin-Resource-Policy": "same-origin"}


async def upload(request: Request) -> Response:
    actor = keys.actor_of(request.scope)
    if actor is None:
        return unauthenticated()
    declared = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if declared not in ACCEPTED_TYPES:
        return _refused(UnsupportedFileType("Send the file as the body with Content-Type image/jpeg, image/png, "
                                            "image/webp or application/pdf."), 415)
    try:
        content = await _body(request)
        stored = await uploads.upload(actor, purpose=request.query_params.get("purpose"), content=content,
                                      original_name=unquote(request.headers.get("x-file-name", "")))
    except FileTooLarge as err:
        return _refused(err, 413)
    except UnsupportedFileType as err:
        return _refused(err, 415)
    except DomainError as err:
        return error_response(err)
    return JSONResponse({"id": str(stored.id), "url": access.file_url(stored.id),
                         "thumbnailUrl": access.thumbnail_url(stored), "contentType": stored.content_type,
                         "width": stored.width, "height": stored.height}, status_code=201, headers=_NO_STORE)


async def serve(request: Request) -> Response:
    return await _serve(request, thumbnail=False)


async def serve_thumbnail(request: Request) -> Response:
    return await _serve(request, thumbnail=True)


async def _serve(request: Request, *, thumbnail: bool) -> Response:
    actor = keys.actor_of(request.scope)
    if actor is None:
        return unauthenticated()
    try:
        try:
            file_id = UUID(request.path_params["file_id"])
        except ValueError:
            raise NotFound("No such file.") from None
        opened = await access.open_file(actor, file_id, thumbnail=thumbnail, extra_reader=_attached_reader)
    except DomainError as err:
        return error_response(err)
    disposition = "inline" if opened.content_type in IMAGE_TYPES or thumbnail else "attachment"
    return Response(opened.content, media_type=opened.content_type,
                    headers={**FILE_HEADERS, "Content-Disposition": disposition})


async def _attached_reader(actor: Actor, stored: StoredFile) -> bool:
    """Features widen the files rule for what they attach: evidence records, post photos (colleagues)."""
    return await may_read_attached(actor, stored) or await may_read_post_photo(actor, stored)


async def _body(request: Request) -> bytes:
    """The raw body, refused as soon as it passes the cap (before any of it is decoded)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large() -> FileTooLarge:
    return FileTooLarge(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")


def _refused(err: DomainError, status: int) -> JSONResponse:
    return JSONResponse({"error": {"code": err.code.name, "message": err.message, "field": err.field}},
                        status_code=status, headers=_NO_STORE)


# The app-wide body limit is below 10 MB (GraphQL needs less): this route allows the file cap plus headroom.
ROUTES = [
    Route("/uploads", upload, methods=["POST"], max_body_size=MAX_BYTES + 64 * 1024),
    Route("/files/{file_id}", serve, methods=["GET"]),
    Route("/files/{file_id}/thumbnail", serve_thumbnail, methods=["GET"]),
]
