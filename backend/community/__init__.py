"""Community (员工社区): the feed with photos, reactions, comments and mentions, moderation, pin and
reward, polls, the suggestion box with its 24-hour answer clock, and tech-sharing talks."""
