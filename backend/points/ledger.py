"""The points ledger: the only writer of points. Each movement is one PointsTransfer with a debit and a
credit entry and the two cached balances moved in the same transaction; corrections are new transfers,
never edits. Building blocks check no permissions (callers do), except `adjust`, HR's own use case."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.functions import Count, Sum

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.validation import trimmed
from backend.core.errors import Conflict, InsufficientPoints, NotFound, ValidationFailed
from backend.org.models import Employee
from backend.points.models import ORG_OWNER, AccountKind, PointsAccount, PointsEntry, PointsTransfer, TransferKind

log = logging.getLogger(__name__)

MAX_POINTS = 1_000_000_000  # per transfer: far above any real award, far below BIGINT
_MONTHLY = (TransferKind.ALLOWANCE_GRANT, TransferKind.ALLOWANCE_EXPIRY)
_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# A reversal stands; holds are settled by capture or release; expired allowance lapses for good.
_NOT_REVERSIBLE = {TransferKind.REVERSAL: "A reversal cannot itself be reversed.",
                   TransferKind.ALLOWANCE_EXPIRY: "Expired giving allowance is not reinstated.",
                   **dict.fromkeys((TransferKind.HOLD, TransferKind.CAPTURE, TransferKind.RELEASE),
                                   "A hold is settled by capture or release, not reversed.")}


@dataclass(frozen=True, slots=True)
class Drift:
    """A cached balance that disagreed with its entries (repaired), or kind "transfer": a transfer whose entries do
    not cancel (reported only, entries are append-only; account_id is the transfer's, owner_key its kind)."""

    account_id: UUID
    kind: str
    owner_key: str
    cached: int
    actual: int
    entries: int | None = None


@dataclass(frozen=True, slots=True)
class _Move:
    kind: TransferKind
    amount: int
    debit: PointsAccount
    credit: PointsAccount
    key: str
    memo: str = ""
    source_type: str | None = None
    source_id: UUID | None = None
    reverses_id: UUID | None = None
    short: str = "Not enough points."
    short_field: str | None = "points"  # None where the caller gave no points (a reversal)


async def award(
    actor: Actor, *, employee_id: UUID, points: int, idempotency_key: str, memo: str, source_type: str, source_id: UUID,
) -> PointsTransfer:
    """Mints points into a person's wallet (rule firings, badges, bonuses). A retry with the same key returns
    the first transfer. Raises ValidationFailed, NotFound (employee), Conflict (key used for another movement)."""
    amount, key = _amount(points), _key(idempotency_key)
    text, kind = trimmed(memo, max_length=300, field="memo", required=False), trimmed(source_type, field="sourceType", max_length=40)
    async with db.transaction():
        return (await _post(actor, _Move(
            TransferKind.AWARD, amount, await _account(actor, AccountKind.ISSUANCE),
            await _account(actor, AccountKind.WALLET, employee_id), key, memo=text, source_type=kind, source_id=source_id)))[0]


async def send_kudos_points(
    actor: Actor, *, giver_id: UUID, receiver_id: UUID, points: int, idempotency_key: str, source_id: UUID,
) -> PointsTransfer:
    """Moves points from the giver's monthly allowance to the receiver's wallet. Idempotent on the key.
    Raises ValidationFailed (also giving to oneself), NotFound, InsufficientPoints (allowance spent), Conflict."""
    amount, key = _amount(points), _key(idempotency_key)
    if giver_id == receiver_id:
        raise ValidationFailed("You cannot give points to yourself.", field="receiverId")
    async with db.transaction():
        return (await _post(actor, _Move(
            TransferKind.KUDOS, amount, await _account(actor, AccountKind.ALLOWANCE, giver_id),
            await _account(actor, AccountKind.WALLET, receiver_id), key, source_type="kudos", source_id=source_id,
            short="Not enough giving allowance left this month.")))[0]


async def grant_allowance(actor: Actor, *, employee_id: UUID, points: int, period: str) -> PointsTransfer | None:
    """Starts a person's giving month ("2026-11"): what is left of the allowance lapses (never becoming wallet
    points), then `points` are granted. Idempotent per (person, month); a month older than one already run
    changes nothing. Returns the grant, or None if none (0 points, older month). Raises ValidationFailed, NotFound."""
    if not _PERIOD.fullmatch(period):
        raise ValidationFailed("A period is a month like 2026-11.", field="period")
    amount, key = _amount(points, least=0), f"allowance:{employee_id}:{period}"
    if (granted := await PointsTransfer.of(actor).get_or_none(idempotency_key=key)) is not None:
        return granted  # the common case: kudos call this before every send
    async with db.transaction():
        # The row lock (PostgreSQL; SQLite runs one transaction at a time) serialises two grants for
        # one person and keeps a concurrent kudos from spending what is being expired.
        allowance = await PointsAccount.of(actor).select_for_update().get(
            id=(await _account(actor, AccountKind.ALLOWANCE, employee_id)).id)
        done = await PointsTransfer.of(actor).filter(Q(credit_account_id=allowance.id) | Q(debit_account_id=allowance.id),
                                                     kind__in=_MONTHLY)
        if (granted := next((t for t in done if t.idempotency_key == key), None)) is not None:
            return granted
        if any(t.idempotency_key.rsplit(":", 1)[-1] >= period for t in done):
            return None  # keys end in their month: this one already ran (granting nothing), or a later one did
        if allowance.balance > 0:
            await _post(actor, _Move(TransferKind.ALLOWANCE_EXPIRY, allowance.balance, allowance,
                                     await _account(actor, AccountKind.SPENT), f"allowance-expiry:{employee_id}:{period}",
                                     memo=f"Unspent before {period}"))
        if amount == 0:
            return None
        return (await _post(actor, _Move(TransferKind.ALLOWANCE_GRANT, amount, await _account(actor, AccountKind.ISSUANCE),
                                         allowance, key, memo=f"Giving allowance {period}")))[0]


async def hold(
    actor: Actor, *, employee_id: UUID, points: int, idempotency_key: str, source_type: str, source_id: UUID,
) -> PointsTransfer:
    """Reserves wallet points for a pending redemption; settle with `capture` or `release`.
    Idempotent on the key. Raises ValidationFailed, NotFound, InsufficientPoints, Conflict."""
    amount, key, kind = _amount(points), _key(idempotency_key), trimmed(source_type, field="sourceType", max_length=40)
    async with db.transaction():
        return (await _post(actor, _Move(
            TransferKind.HOLD, amount, await _account(actor, AccountKind.WALLET, employee_id),
            await _account(actor, AccountKind.HELD, employee_id), key, source_type=kind, source_id=source_id)))[0]


async def capture(actor: Actor, *, hold_id: UUID, idempotency_key: str) -> PointsTransfer:
    """The held points are spent (redeemed). Idempotent on the key. Raises NotFound, Conflict (settled)."""
    return await _settle(actor, hold_id, _key(idempotency_key), TransferKind.CAPTURE)


async def release(actor: Actor, *, hold_id: UUID, idempotency_key: str) -> PointsTransfer:
    """The held points go back to the wallet. Idempotent on the key. Raises NotFound, Conflict (settled)."""
    return await _settle(actor, hold_id, _key(idempotency_key), TransferKind.RELEASE)


async def _settle(actor: Actor, hold_id: UUID, key: str, kind: TransferKind) -> PointsTransfer:
    found = await PointsTransfer.get_for(actor, hold_id, what="hold")
    if found.kind != TransferKind.HOLD:
        raise NotFound("No such hold.")
    async with db.transaction():
        held = await PointsAccount.of(actor).get(id=found.credit_account_id)
        spent = kind == TransferKind.CAPTURE
        target = await _account(actor, AccountKind.SPENT) if spent else await PointsAccount.of(actor).get(id=found.debit_account_id)
        # `reverses` points at the hold: its one-to-one lets a hold be settled once, by one of the two.
        return (await _post(actor, _Move(
            kind, found.amount, held, target, key, memo=found.memo, source_type=found.source_type,
            source_id=found.source_id, reverses_id=found.id)))[0]


async def reverse(actor: Actor, *, transfer_id: UUID, reason: str, idempotency_key: str) -> PointsTransfer:
    """Takes back a transfer with a compensating one (kind REVERSAL). Idempotent on the key. Raises
    ValidationFailed (reason), NotFound (unknown or another organisation's transfer), Conflict
    (already reversed; a reversal, hold or expiry), InsufficientPoints (the points were spent)."""
    memo, key = trimmed(reason, max_length=300, field="reason"), _key(idempotency_key)
    original = await PointsTransfer.get_for(actor, transfer_id, what="points entry")
    if original.kind in _NOT_REVERSIBLE:
        raise Conflict(_NOT_REVERSIBLE[original.kind])
    async with db.transaction():
        debit, credit = [await PointsAccount.of(actor).get(id=i) for i in (original.credit_account_id, original.debit_account_id)]
        return (await _post(actor, _Move(
            TransferKind.REVERSAL, original.amount, debit, credit, key, memo=memo, source_type=original.source_type,
            source_id=original.source_id, reverses_id=original.id, short_field=None,
            short="These points were already spent, so they cannot be taken back.")))[0]


async def adjust(actor: Actor, *, employee_id: UUID, points: int, reason: str, idempotency_key: str) -> PointsTransfer:
    """HR corrects a wallet: positive points are added, negative removed (never below zero). Requires
    POINTS_ADJUST; audited as points.adjusted; idempotent on the key. Raises Forbidden, ValidationFailed
    (points zero or too large, reason blank), NotFound, InsufficientPoints, Conflict."""
    require(actor, Permission.POINTS_ADJUST)
    amount = _amount(abs(points) if type(points) is int else points)  # abs() would let True through as 1
    memo, key = trimmed(reason, max_length=300, field="reason"), _key(idempotency_key)
    async with db.transaction():
        wallet = await _account(actor, AccountKind.WALLET, employee_id)
        org = await _account(actor, AccountKind.ISSUANCE if points > 0 else AccountKind.SPENT)
        debit, credit = (org, wallet) if points > 0 else (wallet, org)
        transfer, created = await _post(actor, _Move(TransferKind.ADJUSTMENT, amount, debit, credit, key, memo=memo,
                                                     short="That would take the wallet below zero."))
        if created:
            await audit.record(actor, action="points.adjusted", entity_type="points_transfer", entity_id=transfer.id,
                               before=None, after={"employee_id": employee_id, "points": points, "reason": memo})
    return transfer


async def reconcile(actor: Actor) -> list[Drift]:
    """Repairs cached balances that disagree with their entries, reports transfers whose entries do not
    cancel, and logs a warning for each. For the nightly job: no permission check."""
    sums = await _entry_sums(actor)
    drifts = [drift for account in await PointsAccount.of(actor).order_by("kind", "owner_key")
              if account.balance != sums.get(account.id, 0) and (drift := await _repair(actor, account.id))]
    unbalanced = await (PointsTransfer.of(actor).annotate(n=Count("entries__id"), total=Sum("entries__amount"))
                        .group_by("id", "kind").filter(Q(n__not=2) | Q(total__not=0)).values_list("id", "kind", "n", "total"))
    drifts += [Drift(account_id=UUID(str(i)), kind="transfer", owner_key=str(kind), cached=0, actual=int(total or 0),
                     entries=int(n)) for i, kind, n, total in unbalanced]
    for d in drifts:
        log.warning("points drift in tenant %s: %s %s %s cached=%s actual=%s entries=%s", actor.tenant_id,
                    d.kind, d.owner_key, d.account_id, d.cached, d.actual, d.entries)
    return drifts


async def _repair(actor: Actor, account_id: UUID) -> Drift | None:
    # Re-read under the row lock: a transfer in flight holds it until commit, so this sees settled sums.
    async with db.transaction():
        account = await PointsAccount.of(actor).select_for_update().get(id=account_id)
        actual = (await _entry_sums(actor, account_id)).get(account_id, 0)
        if account.balance == actual:
            return None
        await PointsAccount.of(actor).filter(id=account_id).update(balance=actual, updated_at=clock.now())
    return Drift(account_id=account.id, kind=account.kind.value, owner_key=account.owner_key, cached=account.balance, actual=actual)


async def _entry_sums(actor: Actor, account_id: UUID | None = None) -> dict[UUID, int]:
    query = PointsEntry.of(actor) if account_id is None else PointsEntry.of(actor).filter(account_id=account_id)
    rows = await query.annotate(total=Sum("amount")).group_by("account_id").values_list("account_id", "total")
    return {UUID(str(a)): int(total or 0) for a, total in rows}


async def _post(actor: Actor, move: _Move) -> tuple[PointsTransfer, bool]:
    """Writes one transfer; returns it and whether it is new (a retry returns the first, moving nothing)."""
    now, legs = clock.now(), ((move.debit, -move.amount), (move.credit, move.amount))
    async with db.transaction():
        try:
            # A savepoint: on PostgreSQL a failed INSERT would otherwise abort the caller's transaction.
            async with db.transaction():
                transfer = await PointsTransfer.create_for(
                    actor, kind=move.kind, amount=move.amount, debit_account_id=move.debit.id,
                    credit_account_id=move.credit.id, idempotency_key=move.key, reverses_id=move.reverses_id,
                    memo=move.memo, source_type=move.source_type, source_id=move.source_id,
                    created_by=f"{actor.kind.value}:{actor.account_id or actor.label}"[:160], created_at=now)
        except IntegrityError:
            return await _existing(actor, move), False
        # Rows are updated in id order so two opposite movements between the same accounts cannot deadlock.
        for account, delta in sorted(legs, key=lambda leg: leg[0].id):
            await _shift(actor, account, delta, move)
        await PointsEntry.bulk_create([PointsEntry.build_for(actor, transfer_id=transfer.id, account_id=account.id,
                                                             amount=delta, created_at=now) for account, delta in legs])
    return transfer, True


async def _shift(actor: Actor, account: PointsAccount, delta: int, move: _Move) -> None:
    rows = PointsAccount.of(actor).filter(id=account.id)
    if delta < 0 and account.kind != AccountKind.ISSUANCE:  # the mint is the one account allowed below zero
        # Conditional, so two racing debits cannot both pass a check made before either wrote (STACK.md).
        rows = rows.filter(balance__gte=-delta)
    if not await rows.update(balance=F("balance") + delta, updated_at=clock.now()):
        raise InsufficientPoints(move.short, field=move.short_field)


async def _existing(actor: Actor, move: _Move) -> PointsTransfer:
    found = await PointsTransfer.of(actor).get_or_none(idempotency_key=move.key)
    if found is None:  # the key is new, so the one-to-one on `reverses` refused: already reversed or settled
        raise Conflict("This entry was already reversed." if move.kind == TransferKind.REVERSAL
                       else "This hold was already captured or released.")
    same = (found.kind, found.amount, found.debit_account_id, found.credit_account_id, found.reverses_id)
    if same != (move.kind, move.amount, move.debit.id, move.credit.id, move.reverses_id):
        raise Conflict("This idempotency key was already used for a different movement.", field="idempotencyKey")
    return found


async def _account(actor: Actor, kind: AccountKind, employee_id: UUID | None = None) -> PointsAccount:
    """A person's account (or the organisation's), created on first use; on a race the unique key decides."""
    owner_key = ORG_OWNER if employee_id is None else str(employee_id)
    if (found := await PointsAccount.of(actor).get_or_none(kind=kind, owner_key=owner_key)) is not None:
        return found
    if employee_id is not None and not await Employee.of(actor).filter(id=employee_id).exists():
        raise NotFound("No such employee.")
    try:
        async with db.transaction():
            return await PointsAccount.create_for(actor, kind=kind, owner_key=owner_key, employee_id=employee_id)
    except IntegrityError:
        return await PointsAccount.of(actor).get(kind=kind, owner_key=owner_key)


def _amount(points: int, *, least: int = 1) -> int:
    if isinstance(points, bool) or not isinstance(points, int) or not least <= points <= MAX_POINTS:
        raise ValidationFailed(f"Points are a whole number from {least} to {MAX_POINTS}.", field="points")
    return points


def _key(key: str) -> str:
    if not 1 <= len(key) <= 200:
        raise ValidationFailed("An idempotency key is 1–200 characters.", field="idempotencyKey")
    return key


