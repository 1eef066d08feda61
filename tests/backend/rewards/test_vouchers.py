"""Uploading voucher codes: a row-by-row report, all-or-nothing or valid rows only, stock following codes."""
from __future__ import annotations

import pytest

from backend.audit.models import AuditEntry
from backend.core.errors import Forbidden, NotFound, ValidationFailed
from backend.rewards import vouchers
from backend.rewards.models import RewardKind, VoucherCode
from backend.rewards.vouchers import RowError, RowResult, UploadMode
from tests.backend.rewards.support import make_item, stock
from tests.factories.org import make_company

MIXED = ["MT-001", " MT-002 ", "", "X" * 121, "MT-001", "MT-OLD"]


async def _voucher_with_old_code(company):
    item = await make_item(company, RewardKind.VOUCHER)
    await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=["MT-OLD"], mode=UploadMode.VALID_ROWS)
    return item


async def test_valid_rows_adds_the_good_codes_and_reports_the_rest(db):
    # given
    company = await make_company()
    item = await _voucher_with_old_code(company)
    # when
    report = await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=MIXED, mode=UploadMode.VALID_ROWS)
    # then
    assert report.rows == [
        RowResult(1, "MT-001", None), RowResult(2, "MT-002", None), RowResult(3, "", RowError.BLANK),
        RowResult(4, "X" * 121, RowError.TOO_LONG), RowResult(5, "MT-001", RowError.DUPLICATE_IN_UPLOAD),
        RowResult(6, "MT-OLD", RowError.ALREADY_EXISTS)]
    assert (report.added, report.failed, report.stock) == (2, 4, 3)
    assert await stock(item) == 3
    assert sorted(await VoucherCode.filter(item_id=item.id).values_list("code", flat=True)) == ["MT-001", "MT-002", "MT-OLD"]


async def test_all_or_nothing_adds_nothing_when_a_row_is_bad(db):
    # given
    company = await make_company()
    item = await _voucher_with_old_code(company)
    # when
    report = await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=MIXED, mode=UploadMode.ALL_OR_NOTHING)
    # then
    assert (report.added, report.failed, report.stock) == (0, 4, 1)
    assert await VoucherCode.filter(item_id=item.id).count() == 1
    assert await stock(item) == 1


async def test_all_or_nothing_adds_everything_when_every_row_is_good(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.VOUCHER)
    # when
    report = await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=["A1", "A2", "A3"],
                                         mode=UploadMode.ALL_OR_NOTHING)
    # then
    assert (report.added, report.failed, report.stock) == (3, 0, 3)
    entry = await AuditEntry.get(action="voucher_codes.uploaded")
    assert entry.after == {"mode": "all_or_nothing", "rows": 3, "added": 3, "stock": 3}


async def test_the_same_code_may_exist_for_another_item(db):
    # given
    company = await make_company()
    first = await _voucher_with_old_code(company)
    second = await make_item(company, RewardKind.VOUCHER)
    # when
    report = await vouchers.upload_codes(company.hr.actor, item_id=second.id, codes=["MT-OLD"], mode=UploadMode.VALID_ROWS)
    # then
    assert report.added == 1
    assert await stock(first) == 1


async def test_codes_belong_to_voucher_items_only(db):
    # given
    company = await make_company()
    item = await make_item(company)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=["A"], mode=UploadMode.VALID_ROWS)
    assert caught.value.field == "itemId"


@pytest.mark.parametrize(("codes", "mode", "field"), [([], UploadMode.VALID_ROWS, "codes"),
                                                      (["A"] * 5001, UploadMode.VALID_ROWS, "codes"),
                                                      (["A"], "some_rows", "mode")])
async def test_an_upload_has_1_to_5000_rows_and_a_known_mode(db, codes, mode, field):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.VOUCHER)
    # when / then
    with pytest.raises(ValidationFailed) as caught:
        await vouchers.upload_codes(company.hr.actor, item_id=item.id, codes=codes, mode=mode)
    assert caught.value.field == field


async def test_only_hr_uploads_codes(db):
    # given
    company = await make_company()
    item = await make_item(company, RewardKind.VOUCHER)
    # when / then
    with pytest.raises(Forbidden):
        await vouchers.upload_codes(company.manager.actor, item_id=item.id, codes=["A"], mode=UploadMode.VALID_ROWS)


async def test_another_organisations_item_is_not_found(db):
    # given
    mine, theirs = await make_company("Mine"), await make_company("Theirs")
    item = await make_item(theirs, RewardKind.VOUCHER)
    # when / then
    with pytest.raises(NotFound):
        await vouchers.upload_codes(mine.hr.actor, item_id=item.id, codes=["A"], mode=UploadMode.VALID_ROWS)
