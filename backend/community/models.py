"""Community tables: posts and their photos, reactions, comments, mentions and reports; polls and
ballots; suggestions; tech-sharing talks and sign-ups. Written only by backend.community."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.tenancy import TenantScoped


class PostCategory(StrEnum):
    WARM_MOMENT = "warm_moment"
    TECH_SHARING = "tech_sharing"
    ANNOUNCEMENT = "announcement"  # HR only
    RECOGNITION = "recognition"  # made from recognition's public feedback, never typed by a person


class PostStatus(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"  # by a moderator (with a reason); the author still sees it, marked hidden
    DELETED = "deleted"  # by its author; kept for reports and audit, shown to nobody


class ReactionKind(StrEnum):
    LIKE = "like"  # 👍
    LOVE = "love"  # ❤️
    CLAP = "clap"  # 👏
    LAUGH = "laugh"  # 😄
    WOW = "wow"  # 😮


class Post(TenantScoped):
    author: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    author_id: uuid.UUID | None
    category = fields.CharEnumField(PostCategory, max_length=16)
    body = fields.TextField()
    status = fields.CharEnumField(PostStatus, max_length=10, default=PostStatus.VISIBLE)
    hidden_reason = fields.CharField(max_length=300, default="")
    # Counters kept by the services in the same transaction as the rows they count, so a feed page
    # needs no aggregate query: {"like": 3, ...} and the number of visible comments.
    reaction_counts: fields.JSONField[dict[str, int]] = fields.JSONField(default=dict)
    comment_count = fields.IntField(default=0)
    pinned_at = fields.DatetimeField(null=True)
    pinned_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    pinned_by_id: uuid.UUID | None
    # Where a generated post came from ("feedback:<id>"), so a redelivered event makes no second post.
    source_ref = fields.CharField(max_length=80, null=True)
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "community_post"
        unique_together = (("tenant", "source_ref"),)
        indexes = (("tenant_id", "status", "created_at"), ("tenant_id", "pinned_at"))


class PostPhoto(TenantScoped):
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    file: Any = fields.ForeignKeyField("seen.StoredFile", related_name=False, on_delete=fields.RESTRICT)
    file_id: uuid.UUID
    position = fields.SmallIntField()

    class Meta:
        table = "community_post_photo"
        unique_together = (("post", "position"), ("post", "file"))


class PostReaction(TenantScoped):
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    kind = fields.CharEnumField(ReactionKind, max_length=8)
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_post_reaction"
        unique_together = (("post", "employee", "kind"),)


class Comment(TenantScoped):
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    parent: Any = fields.ForeignKeyField("seen.Comment", related_name=False, null=True, on_delete=fields.CASCADE)
    parent_id: uuid.UUID | None  # a reply; replies are one level deep (a reply to a reply joins its thread)
    author: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    author_id: uuid.UUID | None
    body = fields.TextField()
    status = fields.CharEnumField(PostStatus, max_length=10, default=PostStatus.VISIBLE)
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)

    class Meta:
        table = "community_comment"
        indexes = (("tenant_id", "post_id", "created_at"),)


class Mention(TenantScoped):
    # Someone @mentioned in a post or a comment (exactly one of the two); notified once.
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    comment: Any = fields.ForeignKeyField("seen.Comment", related_name=False, null=True, on_delete=fields.CASCADE)
    comment_id: uuid.UUID | None
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_mention"
        unique_together = (("post", "comment", "employee"),)
        indexes = (("tenant_id", "employee_id", "created_at"),)


class ReportStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the moderator hid the content
    DISMISSED = "dismissed"


class ContentReport(TenantScoped):
    # A person reporting a post or a comment; one report per person and item.
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    comment: Any = fields.ForeignKeyField("seen.Comment", related_name=False, null=True, on_delete=fields.CASCADE)
    comment_id: uuid.UUID | None
    reporter: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    reporter_id: uuid.UUID
    reason = fields.CharField(max_length=300)
    status = fields.CharEnumField(ReportStatus, max_length=10, default=ReportStatus.OPEN)
    created_at = fields.DatetimeField()
    decided_at = fields.DatetimeField(null=True)
    decided_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    decided_by_id: uuid.UUID | None

    class Meta:
        table = "community_report"
        unique_together = (("post", "comment", "reporter"),)
        indexes = (("tenant_id", "status", "created_at"),)


class PostReward(TenantScoped):
    # What HR gave a pinned post's author; one per post, so a retried pin-and-reward pays once.
    post: Any = fields.OneToOneField("seen.Post", related_name=False, on_delete=fields.RESTRICT)
    post_id: uuid.UUID
    recipient: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    recipient_id: uuid.UUID
    points = fields.IntField(default=0)
    badge_code = fields.CharField(max_length=40, null=True)
    reward_item: Any = fields.ForeignKeyField("seen.RewardItem", related_name=False, null=True, on_delete=fields.RESTRICT)
    reward_item_id: uuid.UUID | None  # a voucher item from the catalogue, granted without spending points
    note = fields.CharField(max_length=300, default="")
    given_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    given_by_id: uuid.UUID | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_post_reward"


class ResultsVisibility(StrEnum):
    AFTER_VOTE = "after_vote"
    AFTER_CLOSE = "after_close"


class Poll(TenantScoped):
    # A poll is shown as a card on its post in the feed.
    post: Any = fields.OneToOneField("seen.Post", related_name=False, on_delete=fields.CASCADE)
    post_id: uuid.UUID
    question = fields.CharField(max_length=300)
    multiple = fields.BooleanField(default=False)
    max_choices = fields.SmallIntField(default=1)
    anonymous = fields.BooleanField(default=False)
    results_visibility = fields.CharEnumField(ResultsVisibility, max_length=12, default=ResultsVisibility.AFTER_VOTE)
    closes_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)  # closed early by its creator or HR, or by the clock
    ballot_count = fields.IntField(default=0)
    eligible_count = fields.IntField(default=0)  # active people when it opened: the participation base
    created_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_by_id: uuid.UUID | None
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_poll"


class PollOption(TenantScoped):
    poll: Any = fields.ForeignKeyField("seen.Poll", related_name=False, on_delete=fields.CASCADE)
    poll_id: uuid.UUID
    position = fields.SmallIntField()
    label = fields.CharField(max_length=120)
    vote_count = fields.IntField(default=0)

    class Meta:
        table = "community_poll_option"
        unique_together = (("poll", "position"),)


class PollBallot(TenantScoped):
    # One per person and poll (the unique constraint is the rule). For an anonymous poll the voter is
    # kept only to enforce that; no API returns it.
    poll: Any = fields.ForeignKeyField("seen.Poll", related_name=False, on_delete=fields.CASCADE)
    poll_id: uuid.UUID
    voter: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    voter_id: uuid.UUID
    option_ids: fields.JSONField[list[str]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_poll_ballot"
        unique_together = (("poll", "voter"),)


class SuggestionStatus(StrEnum):
    RECEIVED = "received"
    ANSWERED = "answered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IMPLEMENTED = "implemented"


class Suggestion(TenantScoped):
    # `submitter` is kept even when anonymous (to show people their own and to pay an adoption reward);
    # when anonymous no API, export or audit detail ever returns it.
    submitter: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    submitter_id: uuid.UUID
    anonymous = fields.BooleanField(default=False)
    department: Any = fields.ForeignKeyField("seen.Department", related_name=False, null=True, on_delete=fields.SET_NULL)
    department_id: uuid.UUID | None  # the submitter's department when submitted, for the breakdown
    title = fields.CharField(max_length=200)
    body = fields.TextField()
    status = fields.CharEnumField(SuggestionStatus, max_length=12, default=SuggestionStatus.RECEIVED)
    owner: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    owner_id: uuid.UUID | None  # who must answer within the clock
    due_at = fields.DatetimeField()  # created_at + 24 h
    reminded_at = fields.DatetimeField(null=True)  # the 20-hour reminder to the owner
    escalated_at = fields.DatetimeField(null=True)  # the 24-hour escalation to the owner's manager
    escalated_to: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    escalated_to_id: uuid.UUID | None
    answer = fields.TextField(default="")
    answered_at = fields.DatetimeField(null=True)
    answered_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    answered_by_id: uuid.UUID | None
    decided_at = fields.DatetimeField(null=True)  # accepted or declined
    implemented_at = fields.DatetimeField(null=True)
    outcome = fields.TextField(default="")  # "we did": what changed, shown on the public board
    reward_points = fields.IntField(default=0)
    rewarded_at = fields.DatetimeField(null=True)  # an adoption reward, paid once
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_suggestion"
        indexes = (("tenant_id", "status", "due_at"), ("tenant_id", "submitter_id"))


class TalkStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"  # attendance checked; evidence and events went out
    CANCELLED = "cancelled"


class TechTalk(TenantScoped):
    speaker: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.RESTRICT)
    speaker_id: uuid.UUID
    topic = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    location = fields.CharField(max_length=200, default="")  # a room
    link = fields.CharField(max_length=500, default="")  # or a meeting link
    capacity = fields.IntField()
    status = fields.CharEnumField(TalkStatus, max_length=10, default=TalkStatus.SCHEDULED)
    door_code = fields.CharField(max_length=16)  # shown as a QR at the door; attendees scan it to check in
    signup_count = fields.IntField(default=0)
    rating_sum = fields.IntField(default=0)
    rating_count = fields.IntField(default=0)
    post: Any = fields.ForeignKeyField("seen.Post", related_name=False, null=True, on_delete=fields.SET_NULL)
    post_id: uuid.UUID | None  # its announcement in the feed (category tech_sharing)
    created_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    created_by_id: uuid.UUID | None
    created_at = fields.DatetimeField()
    held_at = fields.DatetimeField(null=True)

    class Meta:
        table = "community_tech_talk"
        indexes = (("tenant_id", "status", "starts_at"),)


class SignupStatus(StrEnum):
    SIGNED_UP = "signed_up"
    CANCELLED = "cancelled"
    ATTENDED = "attended"


class TalkSignup(TenantScoped):
    talk: Any = fields.ForeignKeyField("seen.TechTalk", related_name=False, on_delete=fields.CASCADE)
    talk_id: uuid.UUID
    employee: Any = fields.ForeignKeyField("seen.Employee", related_name=False, on_delete=fields.CASCADE)
    employee_id: uuid.UUID
    status = fields.CharEnumField(SignupStatus, max_length=10, default=SignupStatus.SIGNED_UP)
    checked_in_at = fields.DatetimeField(null=True)
    checked_in_by: Any = fields.ForeignKeyField("seen.Employee", related_name=False, null=True, on_delete=fields.SET_NULL)
    checked_in_by_id: uuid.UUID | None  # null when the attendee scanned the door QR themselves
    rating = fields.SmallIntField(null=True)  # 1–5, attendees only, once held
    created_at = fields.DatetimeField()

    class Meta:
        table = "community_talk_signup"
        unique_together = (("talk", "employee"),)
