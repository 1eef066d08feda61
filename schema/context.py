"""The typed per-request context: who is asking, what they may see, and the DataLoaders."""
from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request
from starlette.responses import Response

from backend.access.actor import Actor
from backend.org.views import Visibility
from schema.community.loaders import CommunityLoaders
from schema.community.social_loaders import SocialLoaders
from schema.growth.record_loaders import EvidenceLoaders
from schema.org.loaders import OrgLoaders
from schema.performance.loaders import PerformanceLoaders
from schema.recognition.loaders import RecognitionLoaders
from schema.rewards.loaders import RewardsLoaders
from schema.rules.loaders import RulesLoaders


@dataclass
class Context:
    request: Request
    response: Response
    actor: Actor
    visibility: Visibility = field(init=False)
    org: OrgLoaders = field(init=False)
    recognition: RecognitionLoaders = field(init=False)
    rules: RulesLoaders = field(init=False)
    rewards: RewardsLoaders = field(init=False)
    evidence: EvidenceLoaders = field(init=False)
    performance: PerformanceLoaders = field(init=False)
    community: CommunityLoaders = field(init=False)
    social: SocialLoaders = field(init=False)

    def __post_init__(self) -> None:
        self.visibility = Visibility(self.actor)
        self.org = OrgLoaders(self.actor, self.visibility)
        self.recognition = RecognitionLoaders(self.actor)
        self.rules = RulesLoaders(self.actor)
        self.rewards = RewardsLoaders(self.actor)
        self.evidence = EvidenceLoaders(self.actor, self.visibility)
        self.performance = PerformanceLoaders(self.actor)
        self.community = CommunityLoaders(self.actor)
        self.social = SocialLoaders(self.actor)


Info = strawberry.Info[Context, None]
