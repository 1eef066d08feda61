"""Reading the points ledger: balances, a person's wallet statement, points earned in a window.
Read-only; backend.points.ledger is the only writer."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.functions import Sum

from backend.access.actor import Actor
from backend.access.permissions import Permission, has
from backend.core.errors import Forbidden
from backend.core.pagination import Page, paginate
from backend.points.models import AccountKind, PointsAccount, PointsEntry, PointsTransfer, TransferKind

_PERSONAL = (AccountKind.WALLET, AccountKind.ALLOWANCE, AccountKind.HELD)
_EARNED = (TransferKind.AWARD, TransferKind.KUDOS)


@dataclass(frozen=True, slots=True)
class Balances:
    wallet: int  # spendable
    allowance: int  # left to give this month
    held: int  # reserved by pending redemptions


@dataclass(frozen=True, slots=True)
class StatementLine:
    id: UUID  # the wallet entry's id
    transfer_id: UUID
    amount: int  # signed: positive came in, negative went out
    kind: TransferKind
    memo: str
    source_type: str | None
    source_id: UUID | None
    created_at: datetime
    reversed: bool  # a later reversal took this movement back

    @property
    def pk(self) -> UUID:
        """What Page.cursor reads, as for a model row."""
        return self.id


async def get_balances(actor: Actor, employee_id: UUID) -> Balances:
    """The actor's own balances, or anyone's with POINTS_READ_ANY (else Forbidden). Accounts not yet
    opened, and ids unknown in the organisation, read as zero."""
    _may_read(actor, employee_id)
    return (await balances_by_employee_ids(actor, [employee_id]))[0]


async def balances_by_employee_ids(actor: Actor, ids: Sequence[UUID]) -> list[Balances]:
    """One query, in the order of `ids` (for DataLoaders). No permission check: callers decide."""
    found: dict[tuple[str, str], int] = {}
    if ids:
        rows = await PointsAccount.of(actor).filter(kind__in=_PERSONAL, owner_key__in=[str(i) for i in ids]) \
            .values_list("owner_key", "kind", "balance")
        found = {(owner, str(kind)): int(balance) for owner, kind, balance in rows}
    return [Balances(wallet=found.get((str(i), AccountKind.WALLET.value), 0),
                     allowance=found.get((str(i), AccountKind.ALLOWANCE.value), 0),
                     held=found.get((str(i), AccountKind.HELD.value), 0)) for i in ids]


async def list_statement(
    actor: Actor, *, employee_id: UUID, first: int, after: str | None
) -> Page[StatementLine]:  # type: ignore[type-var]  # Page's T is bound to Model; a line has what it reads
    """A person's wallet movements, newest first. Same permission rule as get_balances. Raises
    Forbidden, ValidationFailed (first, after)."""
    _may_read(actor, employee_id)
    query = PointsEntry.of(actor).filter(account__kind=AccountKind.WALLET, account__owner_key=str(employee_id))
    page = await paginate(query.select_related("transfer"), first=first, after=after, key="created_at", descending=True)
    transfer_ids = [entry.transfer_id for entry in page.items]
    reversed_ids = set(await PointsTransfer.of(actor).filter(kind=TransferKind.REVERSAL, reverses_id__in=transfer_ids)
                       .values_list("reverses_id", flat=True)) if transfer_ids else set()
    lines: list[Any] = [StatementLine(
        id=entry.id, transfer_id=entry.transfer_id, amount=int(entry.amount), kind=entry.transfer.kind,
        memo=entry.transfer.memo, source_type=entry.transfer.source_type, source_id=entry.transfer.source_id,
        created_at=entry.created_at, reversed=entry.transfer_id in reversed_ids) for entry in page.items]
    return Page(items=lines, has_next=page.has_next, total_count=page.total_count, key=page.key)


async def earned_in_period(
    actor: Actor, employee_ids: Sequence[UUID], since: datetime, until: datetime
) -> dict[UUID, int]:
    """Points each person earned from awards and kudos in [since, until), less reversals of those
    credits (whenever reversed, so a taken-back award never counts). One grouped query; people with
    nothing are absent. No permission check: callers decide."""
    if not employee_ids:
        return {}
    since, until = since.astimezone(UTC), until.astimezone(UTC)  # SQLite compares stored instants as text
    credited = Q(transfer__kind__in=_EARNED, amount__gt=0, created_at__gte=since, created_at__lt=until)
    taken_back = Q(transfer__kind=TransferKind.REVERSAL, transfer__reverses__kind__in=_EARNED,
                   transfer__reverses__created_at__gte=since, transfer__reverses__created_at__lt=until)
    rows = await PointsEntry.of(actor).filter(
        credited | taken_back, account__kind=AccountKind.WALLET, account__owner_key__in=[str(i) for i in employee_ids],
    ).annotate(total=Sum("amount")).group_by("account__owner_key").values_list("account__owner_key", "total")
    return {UUID(owner): int(total) for owner, total in rows if total}


def _may_read(actor: Actor, employee_id: UUID) -> None:
    if actor.employee_id != employee_id and not has(actor, Permission.POINTS_READ_ANY):
        raise Forbidden("You can only see your own points.")
