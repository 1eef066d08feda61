"""Which scorecard template applies to a person. PURE: plain dataclasses in, decisions out; the recompute,
the template editor (matched counts, ambiguity warnings) and metric validation all ask this one module.

Rules, kept deliberately simple so HR can predict them:
- An assignment names any of department, job title and level; a person matches when every criterion it
  names equals theirs. Departments match exactly: a sub-department does NOT inherit its parent's template
  (assign the sub-department too). Job titles and levels compare trimmed and case-insensitively.
- The most specific match wins: the one naming the most criteria (department + job title + level beats
  department + job title beats department alone). Which criterion is named does not matter, only how many.
- Between equally specific matches the earliest created assignment wins (then the smaller id), and the
  tie is reported as ambiguous when those assignments point at different templates, so HR can fix it.
- Inactive templates are skipped as if their assignments did not exist (the caller passes only active ones).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Rule:
    """One TemplateAssignment row."""

    id: UUID
    template_id: UUID
    department_id: UUID | None
    job_title: str | None
    level: str | None
    created_at: datetime

    @property
    def specificity(self) -> int:
        return sum(1 for c in (self.department_id, _norm(self.job_title), _norm(self.level)) if c is not None)


@dataclass(frozen=True, slots=True)
class Person:
    id: UUID
    department_id: UUID | None
    job_title: str
    level: str


@dataclass(frozen=True, slots=True)
class Match:
    """The template that applies, the assignment that decided it, and the equally specific assignments
    pointing at other templates (non-empty = HR should make one of them more specific)."""

    template_id: UUID
    rule_id: UUID
    ambiguous_with: tuple[UUID, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.ambiguous_with)


def _norm(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = text.strip().casefold()
    return cleaned or None


_Key = tuple[UUID | None, str | None, str | None]


class Resolver:
    """Indexes the rules once; each lookup then probes the 8 (department?, title?, level?) combinations
    instead of scanning every rule, so resolving 10,000 people stays linear in people."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._by_key: dict[_Key, list[Rule]] = {}
        for rule in sorted(rules, key=lambda r: (r.created_at, str(r.id))):
            key = (rule.department_id, _norm(rule.job_title), _norm(rule.level))
            self._by_key.setdefault(key, []).append(rule)

    def candidates(self, person: Person) -> list[Rule]:
        title, level = _norm(person.job_title), _norm(person.level)
        found: list[Rule] = []
        for department in {person.department_id, None}:
            for t in {title, None}:
                for lv in {level, None}:
                    found.extend(self._by_key.get((department, t, lv), ()))
        return found

    def resolve(self, person: Person) -> Match | None:
        found = self.candidates(person)
        if not found:
            return None
        best = max(r.specificity for r in found)
        top = sorted((r for r in found if r.specificity == best), key=lambda r: (r.created_at, str(r.id)))
        winner = top[0]
        others = tuple(r.id for r in top[1:] if r.template_id != winner.template_id)
        return Match(template_id=winner.template_id, rule_id=winner.id, ambiguous_with=others)


def resolve(rules: Iterable[Rule], person: Person) -> Match | None:
    """The template for one person, or None when no assignment matches."""
    return Resolver(rules).resolve(person)


def resolve_all(rules: Iterable[Rule], people: Iterable[Person]) -> dict[UUID, Match]:
    """Everyone's template; people with none are absent from the result."""
    resolver = Resolver(rules)
    found: dict[UUID, Match] = {}
    for person in people:
        match = resolver.resolve(person)
        if match is not None:
            found[person.id] = match
    return found


def matched_counts(rules: Sequence[Rule], people: Iterable[Person]) -> dict[UUID, int]:
    """For each assignment id: how many of these people it decides (it matches and wins). An assignment
    shadowed by a more specific one counts 0 for those people."""
    counts = {r.id: 0 for r in rules}
    for match in resolve_all(rules, people).values():
        counts[match.rule_id] += 1
    return counts


def ambiguities(rules: Sequence[Rule], people: Iterable[Person]) -> Mapping[UUID, tuple[UUID, ...]]:
    """People whose best matches tie between different templates: person id -> the losing assignment ids."""
    return {pid: m.ambiguous_with for pid, m in resolve_all(rules, people).items() if m.ambiguous}
