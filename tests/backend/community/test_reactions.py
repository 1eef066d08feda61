"""Reactions: on and off, idempotent; the unique (post, person, kind) decides, so racing taps count
once; different people racing never lose a count; hidden posts take no reactions."""
from __future__ import annotations

import asyncio

import pytest

from backend.community import reactions
from backend.community.models import Post, PostReaction, PostStatus, ReactionKind
from backend.core.errors import Forbidden, NotFound
from tests.factories.community import make_post
from tests.factories.org import make_company, make_person


async def test_on_off_and_repeats_count_once(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    # when
    await reactions.react(c.peer.actor, post.id, ReactionKind.LIKE, on=True)
    await reactions.react(c.peer.actor, post.id, ReactionKind.LIKE, on=True)
    await reactions.react(c.manager.actor, post.id, ReactionKind.LIKE, on=True)
    await reactions.react(c.manager.actor, post.id, ReactionKind.CLAP, on=True)
    after = await reactions.react(c.manager.actor, post.id, ReactionKind.LIKE, on=False)
    await reactions.react(c.manager.actor, post.id, ReactionKind.WOW, on=False)  # never on: nothing moves
    # then
    assert after.reaction_counts == {"like": 1, "clap": 1}
    assert await PostReaction.of(c.system).filter(post_id=post.id).count() == 2


async def test_a_concurrent_double_react_counts_once(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    # when ten taps of the same reaction race
    await asyncio.gather(*(reactions.react(c.peer.actor, post.id, ReactionKind.LOVE, on=True) for _ in range(10)))
    # then
    assert (await Post.of(c.system).get(id=post.id)).reaction_counts == {"love": 1}
    assert await PostReaction.of(c.system).filter(post_id=post.id).count() == 1


async def test_different_people_reacting_at_once_are_all_counted(db):
    # given
    c = await make_company()
    post = await make_post(c.employee.actor)
    people = [await make_person(c.system) for _ in range(12)]
    # when
    await asyncio.gather(*(reactions.react(p.actor, post.id, ReactionKind.CLAP, on=True) for p in people))
    await asyncio.gather(*(reactions.react(p.actor, post.id, ReactionKind.CLAP, on=False) for p in people[:5]))
    # then
    assert (await Post.of(c.system).get(id=post.id)).reaction_counts == {"clap": 7}
    assert await PostReaction.of(c.system).filter(post_id=post.id).count() == 7


async def test_hidden_deleted_and_foreign_posts_take_no_reactions(db):
    c = await make_company()
    other = await make_company("Other")
    hidden = await make_post(c.employee.actor, status=PostStatus.HIDDEN, hidden_reason="spam")
    deleted = await make_post(c.employee.actor, status=PostStatus.DELETED)
    foreign = await make_post(other.employee.actor)
    with pytest.raises(Forbidden):
        await reactions.react(c.employee.actor, hidden.id, ReactionKind.LIKE, on=True)
    with pytest.raises(NotFound):
        await reactions.react(c.peer.actor, hidden.id, ReactionKind.LIKE, on=True)
    with pytest.raises(NotFound):
        await reactions.react(c.peer.actor, deleted.id, ReactionKind.LIKE, on=True)
    with pytest.raises(NotFound):
        await reactions.react(c.peer.actor, foreign.id, ReactionKind.LIKE, on=True)
    assert await PostReaction.all().count() == 0
