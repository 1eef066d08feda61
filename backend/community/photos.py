"""Photos on posts: up to 9 of the author's own `post_photo` uploads (already re-encoded without EXIF,
with thumbnails, by backend.files), each attached to one post only; and who may read them: anyone
who may see a post they are attached to (the files rule covers the uploader and HR already)."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from backend.access.actor import Actor
from backend.community import policy
from backend.community.models import Post, PostPhoto
from backend.core.errors import Conflict, ValidationFailed
from backend.files import access as files
from backend.files.models import StoredFile
from backend.files.purposes import POST_PHOTO

MAX_PHOTOS = 9


async def checked(actor: Actor, file_ids: Sequence[UUID], *, field: str = "photoIds") -> list[StoredFile]:
    """The actor's own unattached post-photo uploads, in the order given. Raises ValidationFailed
    (more than 9, the same photo twice), NotFound (not their upload), Conflict (on another post)."""
    if len(file_ids) > MAX_PHOTOS:
        raise ValidationFailed(f"A post has at most {MAX_PHOTOS} photos.", field=field)
    if len(set(file_ids)) != len(file_ids):
        raise ValidationFailed("The same photo is there twice.", field=field)
    stored = [await files.attachable(actor, i, purpose=POST_PHOTO.code, field=field) for i in file_ids]
    if stored and await PostPhoto.of(actor).filter(file_id__in=list(file_ids)).exists():
        raise Conflict("A photo is already on another post; upload it again.", field=field)
    return stored


async def attach(actor: Actor, post: Post, stored: Sequence[StoredFile]) -> None:
    """Inside the creating transaction."""
    if stored:
        await PostPhoto.bulk_create([PostPhoto.build_for(actor, post_id=post.id, file_id=f.id, position=n)
                                     for n, f in enumerate(stored)])


async def may_read_post_photo(actor: Actor, stored: StoredFile) -> bool:
    """The files route's widening for post photos: a colleague who may see one of its posts."""
    if stored.purpose != POST_PHOTO.code:
        return False
    post_ids = await PostPhoto.of(actor).filter(file_id=stored.id).values_list("post_id", flat=True)
    posts = await Post.of(actor).filter(id__in=list(post_ids)).values_list("status", "author_id") if post_ids else []
    return any(policy.may_see(actor, status, author) for status, author in posts)


async def photos_by_post_ids(actor: Actor, post_ids: Sequence[UUID]) -> list[list[StoredFile]]:
    """Each post's files in position order: one query (the file rows joined)."""
    found: dict[UUID, list[StoredFile]] = {i: [] for i in post_ids}
    if post_ids:
        for photo in await PostPhoto.of(actor).filter(post_id__in=list(post_ids)).select_related("file") \
                .order_by("post_id", "position"):
            found[photo.post_id].append(photo.file)
    return [found[i] for i in post_ids]
