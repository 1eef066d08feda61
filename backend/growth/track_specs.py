"""A career track as HR drafts it (levels, requirements, resources) and its validation: codes, names,
levels forming one tree from a single entry level (no cycles, previous codes that exist), every
requirement's rule, resources. PURE; errors name the input path ("levels[2].requirements[0].target")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from uuid import UUID

from backend.core.errors import ValidationFailed
from backend.core.validation import trimmed
from backend.growth.models import ResourceKind
from backend.growth.vocabulary import RequirementRule, validate_rule

CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MAX_LEVELS = 30
MAX_REQUIREMENTS = 20
MAX_RESOURCES = 20
MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class RequirementDraft:
    name_en: str
    name_zh: str
    rule: RequirementRule
    how_to_en: str = ""
    how_to_zh: str = ""
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class ResourceDraft:
    kind: ResourceKind
    title_en: str
    title_zh: str
    url: str = ""
    provider: str = ""
    requirement_index: int | None = None  # which of the level's requirements it helps with (null: the level)
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class LevelDraft:
    code: str
    name_en: str
    name_zh: str
    previous_code: str | None = None  # null for the entry level
    description_en: str = ""
    description_zh: str = ""
    branch_en: str = ""  # the path's name where a branch starts ("Management")
    branch_zh: str = ""
    requirements: tuple[RequirementDraft, ...] = ()
    resources: tuple[ResourceDraft, ...] = ()
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class TrackDraft:
    code: str
    job_family: str
    name_en: str
    name_zh: str
    levels: tuple[LevelDraft, ...]
    description_en: str = ""
    description_zh: str = ""
    active: bool = True
    id: UUID | None = None
    # Filled by validate_track: the levels in map order (depth first from the entry level).
    ordered: tuple[LevelDraft, ...] = field(default=(), compare=False)


def validate_track(draft: TrackDraft) -> TrackDraft:
    """The draft normalised, with `ordered` set (a level's position is its index there); or
    ValidationFailed naming the input path."""
    code = _code(draft.code, field="code")
    levels = draft.levels
    if not 1 <= len(levels) <= MAX_LEVELS:
        raise ValidationFailed(f"A track has 1 to {MAX_LEVELS} levels.", field="levels")
    checked = tuple(_level(level, f"levels[{i}]") for i, level in enumerate(levels))
    ordered = _tree(checked)
    return replace(
        draft, code=code, job_family=trimmed(draft.job_family, field="jobFamily", max_length=60),
        name_en=trimmed(draft.name_en, field="nameEn", max_length=120),
        name_zh=trimmed(draft.name_zh, field="nameZh", max_length=120),
        description_en=trimmed(draft.description_en, field="descriptionEn", max_length=MAX_TEXT, required=False),
        description_zh=trimmed(draft.description_zh, field="descriptionZh", max_length=MAX_TEXT, required=False),
        levels=checked, ordered=ordered)


def _code(value: str, *, field: str) -> str:
    code = value.strip()
    if not CODE.match(code):
        raise ValidationFailed("A code is 1–40 lowercase letters, digits, - or _, starting with a letter or digit.",
                               field=field)
    return code


def _level(level: LevelDraft, path: str) -> LevelDraft:
    if len(level.requirements) > MAX_REQUIREMENTS:
        raise ValidationFailed(f"A level has at most {MAX_REQUIREMENTS} requirements.", field=f"{path}.requirements")
    if len(level.resources) > MAX_RESOURCES:
        raise ValidationFailed(f"A level has at most {MAX_RESOURCES} resources.", field=f"{path}.resources")
    previous = (level.previous_code or "").strip() or None
    return replace(
        level, code=_code(level.code, field=f"{path}.code"), previous_code=previous,
        name_en=trimmed(level.name_en, field=f"{path}.nameEn", max_length=120),
        name_zh=trimmed(level.name_zh, field=f"{path}.nameZh", max_length=120),
        description_en=trimmed(level.description_en, field=f"{path}.descriptionEn", max_length=MAX_TEXT, required=False),
        description_zh=trimmed(level.description_zh, field=f"{path}.descriptionZh", max_length=MAX_TEXT, required=False),
        branch_en=trimmed(level.branch_en, field=f"{path}.branchEn", max_length=80, required=False),
        branch_zh=trimmed(level.branch_zh, field=f"{path}.branchZh", max_length=80, required=False),
        requirements=tuple(_requirement(r, f"{path}.requirements[{j}]") for j, r in enumerate(level.requirements)),
        resources=tuple(_resource(r, f"{path}.resources[{j}]", len(level.requirements))
                        for j, r in enumerate(level.resources)))


def _requirement(draft: RequirementDraft, path: str) -> RequirementDraft:
    return replace(
        draft, name_en=trimmed(draft.name_en, field=f"{path}.nameEn", max_length=200),
        name_zh=trimmed(draft.name_zh, field=f"{path}.nameZh", max_length=200),
        how_to_en=trimmed(draft.how_to_en, field=f"{path}.howToEn", max_length=MAX_TEXT, required=False),
        how_to_zh=trimmed(draft.how_to_zh, field=f"{path}.howToZh", max_length=MAX_TEXT, required=False),
        rule=validate_rule(draft.rule, path=path))


def _resource(draft: ResourceDraft, path: str, requirements: int) -> ResourceDraft:
    url = draft.url.strip()
    if draft.kind == ResourceKind.EXTERNAL_LINK and not url:
        raise ValidationFailed("An external link needs its address.", field=f"{path}.url")
    if url and (not re.match(r"^https?://\S+$", url) or len(url) > 500):
        raise ValidationFailed("Give an http(s) address of at most 500 characters.", field=f"{path}.url")
    index = draft.requirement_index
    if index is not None and not 0 <= index < requirements:
        raise ValidationFailed(f"Point to one of the level's {requirements} requirements (0-based) or none.",
                               field=f"{path}.requirementIndex")
    return replace(draft, url=url, title_en=trimmed(draft.title_en, field=f"{path}.titleEn", max_length=200),
                   title_zh=trimmed(draft.title_zh, field=f"{path}.titleZh", max_length=200),
                   provider=trimmed(draft.provider, field=f"{path}.provider", max_length=120, required=False))


def _tree(levels: tuple[LevelDraft, ...]) -> tuple[LevelDraft, ...]:
    """Levels depth first from the single entry level, siblings in input order; refuses duplicate codes,
    unknown previous codes, a second entry level and cycles."""
    index: dict[str, int] = {}
    for i, level in enumerate(levels):
        if level.code in index:
            raise ValidationFailed("Each level's code is used once in the track.", field=f"levels[{i}].code")
        index[level.code] = i
    children: dict[str | None, list[int]] = {}
    for i, level in enumerate(levels):
        if level.previous_code is not None and level.previous_code not in index:
            raise ValidationFailed("No level of this track has that code.", field=f"levels[{i}].previousCode")
        if level.previous_code == level.code:
            raise ValidationFailed("A level cannot follow itself.", field=f"levels[{i}].previousCode")
        children.setdefault(level.previous_code, []).append(i)
    roots = children.get(None, [])
    if len(roots) > 1:
        raise ValidationFailed("A track starts from one entry level: give this level the level it follows.",
                               field=f"levels[{roots[1]}].previousCode")
    order: list[int] = []
    stack = list(reversed(roots))
    while stack:
        i = stack.pop()
        order.append(i)
        stack.extend(reversed(children.get(levels[i].code, [])))
    if len(order) < len(levels):  # the rest loop back on themselves
        stuck = min(set(range(len(levels))) - set(order))
        raise ValidationFailed("The levels loop back on themselves; one path must start at the entry level.",
                               field=f"levels[{stuck}].previousCode")
    return tuple(levels[i] for i in order)
