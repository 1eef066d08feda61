"""Voucher codes: HR uploads them for a VOUCHER item (a row-by-row report, all-or-nothing or valid rows
only); each added code is one more unit of stock. Fulfilment draws them (fulfilment.py)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from backend.access.actor import Actor
from backend.access.permissions import Permission, require
from backend.audit import service as audit
from backend.core import clock, db
from backend.core.errors import ValidationFailed
from backend.rewards.models import RewardItem, RewardKind, VoucherCode

MAX_ROWS = 5000
MAX_CODE = 120


class UploadMode(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"  # any bad row: nothing is added
    VALID_ROWS = "valid_rows"  # the good rows are added, the bad ones reported


class RowError(StrEnum):
    BLANK = "blank"
    TOO_LONG = "too_long"  # more than 120 characters
    DUPLICATE_IN_UPLOAD = "duplicate_in_upload"  # an earlier row of this upload has the same code
    ALREADY_EXISTS = "already_exists"  # the item already has this code


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int  # 1-based, as in the uploaded file
    code: str  # trimmed
    error: RowError | None  # None: the row is good

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class UploadReport:
    rows: list[RowResult]
    added: int  # codes stored (0 for all_or_nothing with any bad row)
    stock: int  # the item's stock afterwards

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if not r.ok)


async def upload_codes(actor: Actor, *, item_id: UUID, codes: Sequence[str], mode: UploadMode) -> UploadReport:
    """Adds voucher codes to a VOUCHER item and raises its stock by the number added. Requires
    REWARDS_MANAGE; audited as voucher_codes.uploaded (counts only: codes are as good as money).
    Raises Forbidden, NotFound, ValidationFailed (not a voucher, mode, 0 or over 5000 rows)."""
    require(actor, Permission.REWARDS_MANAGE)
    item = await RewardItem.get_for(actor, item_id, what="reward")
    if item.kind != RewardKind.VOUCHER:
        raise ValidationFailed("Codes can only be uploaded for a voucher.", field="itemId")
    try:
        mode = UploadMode(mode)
    except ValueError:
        raise ValidationFailed("The mode is all_or_nothing or valid_rows.", field="mode") from None
    if not 1 <= len(codes) <= MAX_ROWS:
        raise ValidationFailed(f"Upload between 1 and {MAX_ROWS} codes.", field="codes")
    rows = await _checked(actor, item.id, codes)
    good = [r for r in rows if r.ok]
    if mode == UploadMode.ALL_OR_NOTHING and len(good) < len(rows):
        return UploadReport(rows=rows, added=0, stock=item.stock or 0)
    async with db.transaction():
        rows, added = await _insert(actor, item.id, rows, all_or_nothing=mode == UploadMode.ALL_OR_NOTHING)
        if added:
            await RewardItem.of(actor).filter(id=item.id).update(stock=F("stock") + added, updated_at=clock.now())
        stock = (await RewardItem.of(actor).get(id=item.id)).stock or 0
        await audit.record(actor, action="voucher_codes.uploaded", entity_type="reward_item", entity_id=item.id,
                           after={"mode": mode, "rows": len(rows), "added": added, "stock": stock})
    return UploadReport(rows=rows, added=added, stock=stock)


async def _checked(actor: Actor, item_id: UUID, codes: Sequence[str]) -> list[RowResult]:
    cleaned = [str(code).strip() for code in codes]
    candidates = [c for c in cleaned if c and len(c) <= MAX_CODE]
    existing: set[str] = set()
    for start in range(0, len(candidates), 500):
        existing |= {str(c) for c in await VoucherCode.of(actor).filter(
            item_id=item_id, code__in=candidates[start:start + 500]).values_list("code", flat=True)}
    seen: set[str] = set()
    rows = []
    for n, code in enumerate(cleaned, start=1):
        error = (RowError.BLANK if not code else RowError.TOO_LONG if len(code) > MAX_CODE
                 else RowError.DUPLICATE_IN_UPLOAD if code in seen else RowError.ALREADY_EXISTS if code in existing
                 else None)
        seen.add(code)
        rows.append(RowResult(row=n, code=code, error=error))
    return rows


async def _insert(
    actor: Actor, item_id: UUID, rows: list[RowResult], *, all_or_nothing: bool,
) -> tuple[list[RowResult], int]:
    now = clock.now()
    good = [r for r in rows if r.ok]
    if not good:
        return rows, 0
    try:
        async with db.transaction():  # a savepoint: a code uploaded concurrently must not abort the outer work
            await VoucherCode.bulk_create([VoucherCode.build_for(actor, item_id=item_id, code=r.code, uploaded_at=now)
                                           for r in good])
        return rows, len(good)
    except IntegrityError:
        if all_or_nothing:
            raise ValidationFailed("Some of these codes were uploaded at the same moment; upload again to see which.",
                                   field="codes") from None
    # Another upload added some of the same codes meanwhile: insert one by one and report those.
    clashed: set[int] = set()
    for r in good:
        try:
            async with db.transaction():
                await VoucherCode.create_for(actor, item_id=item_id, code=r.code, uploaded_at=now)
        except IntegrityError:
            clashed.add(r.row)
    result = [RowResult(row=r.row, code=r.code, error=RowError.ALREADY_EXISTS) if r.row in clashed else r for r in rows]
    return result, len(good) - len(clashed)
