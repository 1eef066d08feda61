"""The payroll export of a locked pool: exact yuan from fen, CSV with a BOM, XLSX, the HTTP routes."""
from __future__ import annotations

import csv
import io
import pytest
from openpyxl import load_workbook

from backend.core.errors import Conflict, Forbidden, NotFound
from backend.org.models import Employee
from backend.performance import export, pools
from tests.backend.web.support import client_for, sign_in
from tests.factories.performance_pools import make_pool_scene, resolve_open_flags, scored_cycle

POOL = 1_000_000


@pytest.fixture
async def client(db, settings):
    async with client_for(settings) as value:
        yield value


async def locked_pool(scene, *, lock: bool = True):
    cycle = await scored_cycle(scene, closed=True)
    hr = scene.company.hr.actor
    pool = await pools.create_bonus_pool(hr, cycle_id=cycle.id, name="Nov", amount_minor=POOL)
    await pools.preview_bonus_pool(hr, pool_id=pool.id)
    await resolve_open_flags(scene, cycle)
    await pools.approve_bonus_pool(scene.company.owner.actor, pool_id=pool.id)
    return await pools.lock_bonus_pool(hr, pool_id=pool.id) if lock else pool


def test_fen_become_yuan_exactly():
    # when / then
    assert [str(export.yuan(n)) for n in (0, 1, 99, 100, 12_345, 10**12)] == [
        "0.00", "0.01", "0.99", "1.00", "123.45", "10000000000.00"]


async def test_the_csv_has_a_bom_a_row_per_person_and_a_totals_row(db):
    # given
    scene = await make_pool_scene()
    pool = await locked_pool(scene)
    # when
    exported = await export.payroll_export(scene.company.hr.actor, pool_id=pool.id)
    body = export.to_csv(exported)
    # then
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == list(export.HEADERS)
    manager = scene.company.manager.employee
    assert rows[1] == [manager.employee_number, manager.name, "Acme Production", "卓越 Top 10 %", "92.00",
                       "3154.02", "315402"]
    assert [r[2] for r in rows[1:-1]] == ["Acme Production"] * 5 + ["Acme Sales"] * 3
    assert rows[-1] == ["合计 Total", "8 人 people", "", "", "", "10000.00", "1000000"]


async def test_the_xlsx_carries_numbers_and_the_same_totals(db):
    # given
    scene = await make_pool_scene()
    pool = await locked_pool(scene)
    exported = await export.payroll_export(scene.company.hr.actor, pool_id=pool.id)
    # when
    sheet = load_workbook(io.BytesIO(export.to_xlsx(exported))).active
    # then
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(export.HEADERS)
    assert values[1][4:] == [92, 3154.02, 315402]
    assert values[-1] == ["合计 Total", "8 人 people", None, None, None, 10000, 1000000]
    assert sheet["F2"].number_format == "0.00"


async def test_a_name_that_looks_like_a_formula_is_written_as_text(db):
    # given
    scene = await make_pool_scene()
    await Employee.of(scene.company.system).filter(id=scene.company.manager.employee.id).update(name="=HYPERLINK(1)")
    pool = await locked_pool(scene)
    # when
    rows = list(csv.reader(io.StringIO(export.to_csv(
        await export.payroll_export(scene.company.hr.actor, pool_id=pool.id)).decode("utf-8-sig"))))
    # then
    assert rows[1][1] == "'=HYPERLINK(1)"


async def test_only_a_locked_pool_is_exported_and_only_for_hr(db):
    # given
    scene = await make_pool_scene()
    pool = await locked_pool(scene, lock=False)
    # when / then
    with pytest.raises(Conflict, match="Only a locked pool can be exported"):
        await export.payroll_export(scene.company.hr.actor, pool_id=pool.id)
    with pytest.raises(Forbidden):
        await export.payroll_export(scene.company.manager.actor, pool_id=pool.id)


async def test_another_organisations_pool_is_not_found(db):
    # given
    scene = await make_pool_scene()
    other = await make_pool_scene("Other")
    theirs = await locked_pool(other)
    # when / then
    with pytest.raises(NotFound):
        await export.payroll_export(scene.company.hr.actor, pool_id=theirs.id)


async def test_hr_downloads_both_formats_over_http(db, client):
    # given
    scene = await make_pool_scene()
    pool = await locked_pool(scene)
    await sign_in(client, scene.company.hr)
    # when
    as_csv = await client.get(f"/exports/bonus-pools/{pool.id}.csv")
    as_xlsx = await client.get(f"/exports/bonus-pools/{pool.id}.xlsx")
    # then
    assert as_csv.status_code == 200 and as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.headers["content-disposition"] == f'attachment; filename="bonus-pool-{pool.id}.csv"'
    assert as_csv.content.startswith(b"\xef\xbb\xbf")
    assert as_xlsx.status_code == 200 and as_xlsx.content.startswith(b"PK")
    assert as_xlsx.headers["cache-control"] == "no-store"


async def test_http_refuses_strangers_employees_and_bad_ids(db, client):
    # given
    scene = await make_pool_scene()
    pool = await locked_pool(scene)
    # when / then
    assert (await client.get(f"/exports/bonus-pools/{pool.id}.csv")).status_code == 401
    await sign_in(client, scene.company.employee)
    assert (await client.get(f"/exports/bonus-pools/{pool.id}.csv")).status_code == 403
    await sign_in(client, scene.company.hr)
    assert (await client.get("/exports/bonus-pools/not-a-uuid.csv")).status_code == 404


async def test_http_answers_409_for_a_pool_not_yet_locked(db, client):
    # given an approved pool that is not locked yet
    scene = await make_pool_scene()
    pool = await locked_pool(scene, lock=False)
    await sign_in(client, scene.company.hr)
    # when
    response = await client.get(f"/exports/bonus-pools/{pool.id}.csv")
    # then
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "CONFLICT"
    assert response.headers["cache-control"] == "no-store"
