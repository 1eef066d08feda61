"""What a recompute writes, decided over numpy columns: everyone scored (score_matrix), ranked (ranking),
digested (card_digests) and compared with the stored digests, so that only the cards that differ are
packed (card_scores) and written (scorecard_store). PURE: no I/O; backend.performance.recompute reads and writes."""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import isnan
from uuid import UUID

import numpy as np
from numpy.typing import NDArray

from backend.performance import card_scores, ranking, score_matrix
from backend.performance.card_digests import HALF, Scalars, combined, dimension_digests, scalar_digests, texts
from backend.performance.column_reads import Keys, as_ids
from backend.performance.recompute_inputs import CycleInputs, ExistingCard, StoredDigests, TemplateInUse
from backend.performance.score_matrix import F64, CardMatrix
from backend.performance.scorecard_store import CardBatch, Ranks
from backend.performance.scoring import round2

# Small enough that the database stores one batch while the next is packed and encoded, large enough that
# numpy's per-call overhead stays small.
WRITE_CHUNK = 1000
_NO_ID = bytes(16)


@dataclass(slots=True)
class Group:
    """The people on one template (positions `at` in CycleInputs), scored."""

    template: TemplateInUse
    at: slice
    matrix: CardMatrix


@dataclass(slots=True)
class Changes:
    """The cards that differ from the stored ones: whose they are (16 raw bytes each), and their batches,
    packed only when asked for (scorecard_store.CardChanges)."""

    employees: NDArray[np.bytes_]
    inputs: CycleInputs
    groups: Sequence[Group]
    at: NDArray[np.int64]  # their positions in inputs
    digests: NDArray[np.bytes_]  # everyone's, by position
    scalars: Scalars

    def __len__(self) -> int:
        return len(self.at)

    def batches(self, rows: NDArray[np.int64]) -> Iterator[CardBatch]:
        """These changes (indexes into `employees`), up to WRITE_CHUNK at a time, a template at a time, each
        template's in the order given."""
        positions = self.at[rows]
        for g in self.groups:
            mine = positions[(positions >= g.at.start) & (positions < g.at.stop)]
            for start in range(0, len(mine), WRITE_CHUNK):
                yield self._batch(g, mine[start:start + WRITE_CHUNK])

    def _batch(self, g: Group, at: NDArray[np.int64]) -> CardBatch:
        scalars = self.scalars
        scores, notes = card_scores.pack_rows(g.matrix, (at - g.at.start).tolist())
        return CardBatch(
            g.template.version_id, self.inputs.people.raw[at], scalars.department[at], scalars.department_none[at],
            scalars.total[at], scalars.completion[at], scores,
            [None if n is None else json.dumps(n, separators=(",", ":")) for n in notes], self.digests[at],
            scalars.missing[at], scalars.rank_department[at], scalars.rank_organization[at],
            scalars.percentile_department[at], scalars.percentile_organization[at], scalars.previous_total[at],
            scalars.change[at])


@dataclass(slots=True)
class Plan:
    changes: Changes
    moved: list[tuple[UUID, Ranks, str | None]]  # cards not scored now whose place moved: (card, ranks, digest)
    stale: list[UUID]  # employees whose card goes


def score(inputs: CycleInputs) -> list[Group]:
    groups = []
    for template, at in inputs.groups:
        metrics = {code: (values[at], present[at]) for code, (values, present) in inputs.metrics.items()}
        others = {i - at.start: p for i, p in inputs.others.items() if at.start <= i < at.stop}
        groups.append(Group(template, at, score_matrix.score(template.dimensions, at.stop - at.start, metrics, others)))
    return groups


def plan(inputs: CycleInputs, groups: Sequence[Group], stored: StoredDigests | dict[UUID, ExistingCard],
         targets: set[UUID] | None) -> Plan:
    """A full run (`stored` the digests) deletes every card not scored now; a marked run (`stored` the
    cards) those of the people targeted but not scored now, and re-ranks the untouched ones with the rest
    (one person's move shifts everyone)."""
    people, size = inputs.people, len(inputs.people)
    kept: list[ExistingCard] = []
    if isinstance(stored, StoredDigests):
        stale = stored.employees.uuids(np.flatnonzero(people.find(stored.employees.raw) < 0))
    else:
        scored_now = set(people.uuids())
        stale = [e for e in stored if e not in scored_now and (targets is None or e in targets)]
        gone = set(stale)
        kept = [c for e, c in stored.items() if e not in scored_now and e not in gone]
        stored = StoredDigests(Keys.of(list(stored)), np.array([(c.stored[4] or "").encode() for c in stored.values()],
                                                               dtype="S32").reshape(len(stored)))
    department_ids = list(inputs.department_ids)
    number = {d: i for i, d in enumerate(department_ids)}
    kept_departments = [number.setdefault(c.department_id, len(number)) if c.department_id is not None else -1
                        for c in kept]
    department_ids += list(number)[len(department_ids):]  # the kept cards' other departments, numbered after
    totals = np.concatenate([g.matrix.total for g in groups] + [np.array([c.total for c in kept], dtype=np.float64)])
    places = ranking.places_arrays(np.concatenate([inputs.departments, np.array(kept_departments, dtype=np.int64)]),
                                   totals)
    department_raw = as_ids(department_ids) if department_ids else np.zeros(0, dtype="S16")
    scalars = _scored_scalars(inputs, groups, places, department_raw)
    dimensions = [dimension_digests(g.matrix) for g in groups]
    digests = combined(np.concatenate(dimensions) if dimensions else np.zeros(0, dtype="S16"), scalar_digests(scalars))
    at = stored.employees.find(people.raw)
    before = np.where(at >= 0, stored.digests[np.maximum(at, 0)] if len(stored.digests) else b"", b"")
    changed = np.flatnonzero(before != digests)
    kept_ranks = _ranks(places, np.arange(size, size + len(kept)))
    moved = [(c.id, r, _kept_digest(c, r)) for c, r in zip(kept, kept_ranks, strict=True) if r != c.ranks]
    return Plan(Changes(people.raw[changed], inputs, groups, changed, digests, scalars), moved, stale)


_Places = tuple[NDArray[np.int64], NDArray[np.int64], F64, F64]


def _ranks(places: _Places, at: NDArray[np.int64]) -> list[Ranks]:
    """As scorecard_store writes them: None for no department rank or percentile."""
    department, organisation, within, overall = (p[at].tolist() for p in places)
    return [(d or None, o, None if isnan(w) else w, p) for d, o, w, p in zip(
        department, organisation, within, overall, strict=True)]


def _scored_scalars(inputs: CycleInputs, groups: Sequence[Group], places: _Places, department_raw: NDArray[np.bytes_]) -> Scalars:
    size = len(inputs.people)
    versions = np.concatenate([np.full(g.at.stop - g.at.start, g.template.version_id.bytes, dtype="S16") for g in groups]) \
        if groups else np.zeros(0, dtype="S16")
    codes = inputs.departments
    department = np.where(codes >= 0, department_raw[np.maximum(codes, 0)] if len(department_raw) else _NO_ID, _NO_ID)
    total = np.concatenate([g.matrix.total for g in groups]) if groups else np.zeros(0)
    before, present = inputs.previous_totals
    previous = np.where(present, before, np.nan)
    change = np.full(size, np.nan)
    change[present] = score_matrix.round_half_up(total[present] - before[present], 100.0, round2)
    return Scalars(versions.astype("S16"), department.astype("S16"), codes < 0, total,
                   np.concatenate([g.matrix.completion for g in groups]) if groups else np.zeros(0),
                   np.concatenate([g.matrix.missing for g in groups]) if groups else np.zeros(0, dtype=np.int64),
                   places[0][:size], places[1][:size], places[2][:size], places[3][:size], previous, change)


def _kept_digest(card: ExistingCard, ranks: Ranks) -> str | None:
    """A re-ranked card's digest: its dimensions' half kept, the other half over its new ranks."""
    digest = card.stored[4]
    if digest is None or len(digest) != 2 * HALF:
        return None
    version, department, total, completion, _, missing, *_, previous, change = card.stored
    d, o, w, p = ranks
    scalars = Scalars(np.array([version.bytes], dtype="S16"), np.array([(department or UUID(int=0)).bytes], dtype="S16"),
                      np.array([department is None]), np.array([total], dtype=np.float64),
                      np.array([completion], dtype=np.float64), np.array([missing], dtype=np.int64),
                      np.array([d or 0], dtype=np.int64), np.array([o or 0], dtype=np.int64),
                      np.array([np.nan if w is None else w]), np.array([np.nan if p is None else p]),
                      np.array([np.nan if previous is None else previous]), np.array([np.nan if change is None else change]))
    return str(digest[:HALF]) + texts(scalar_digests(scalars))[0]
