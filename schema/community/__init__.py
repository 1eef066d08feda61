"""GraphQL for the community: feed, moderation, pin and reward, polls, suggestions, tech talks."""
