"""Reconciliation: cached balances are checked against the sum of their entries and repaired; a
transfer whose entries do not cancel is reported. The nightly job runs it for every organisation."""
from __future__ import annotations

import logging
import uuid

from backend.core import clock, jobs
from backend.points import ledger
from backend.points.models import AccountKind, PointsAccount, PointsEntry, PointsTransfer
from tests.factories.org import Company, make_company
from workers.jobs.points import reconcile_all_points, reconcile_points


async def _awarded(company: Company, points: int = 50) -> PointsTransfer:
    return await ledger.award(company.system, employee_id=company.employee.employee.id, points=points,
                              idempotency_key=f"seed:{uuid.uuid4()}", memo="", source_type="test", source_id=uuid.uuid4())


async def _wallet(company: Company) -> PointsAccount:
    return await PointsAccount.of(company.system).get(kind=AccountKind.WALLET, owner_key=str(company.employee.employee.id))


async def test_reconcile_finds_nothing_in_a_consistent_ledger(db):
    # given
    company = await make_company()
    await _awarded(company)
    await ledger.grant_allowance(company.system, employee_id=company.peer.employee.id, points=100, period="2026-11")
    # when
    drifts = await ledger.reconcile(company.system)
    # then
    assert drifts == []


async def test_reconcile_repairs_a_drifted_cached_balance_and_warns(db, caplog):
    # given a cached balance that no longer matches its entries
    company = await make_company()
    await _awarded(company, 50)
    wallet = await _wallet(company)
    await PointsAccount.filter(id=wallet.id).update(balance=70)
    # when
    with caplog.at_level(logging.WARNING, logger="backend.points.ledger"):
        drifts = await ledger.reconcile(company.system)
    # then
    assert drifts == [ledger.Drift(account_id=wallet.id, kind="wallet", owner_key=str(company.employee.employee.id),
                                   cached=70, actual=50)]
    assert (await _wallet(company)).balance == 50
    assert str(company.org.id) in caplog.text and "cached=70 actual=50" in caplog.text


async def test_reconcile_reports_a_transfer_whose_entries_do_not_cancel(db):
    # given a third entry appended to a transfer behind the ledger's back
    company = await make_company()
    transfer = await _awarded(company, 50)
    wallet = await _wallet(company)
    spent = await PointsAccount.create_for(company.system, kind=AccountKind.SPENT, owner_key="org")
    await PointsEntry.create_for(company.system, transfer_id=transfer.id, account_id=spent.id, amount=5, created_at=clock.now())
    # when
    drifts = await ledger.reconcile(company.system)
    # then the sink's cache is repaired and the transfer is reported, not rewritten
    assert ledger.Drift(account_id=transfer.id, kind="transfer", owner_key="award", cached=0, actual=5, entries=3) in drifts
    assert ledger.Drift(account_id=spent.id, kind="spent", owner_key="org", cached=0, actual=5) in drifts
    assert (await _wallet(company)).balance == wallet.balance == 50


async def test_reconcile_leaves_other_organisations_alone(db):
    # given another organisation's drifted wallet
    company, other = await make_company("Acme"), await make_company("Globex")
    await _awarded(other, 50)
    theirs = await _wallet(other)
    await PointsAccount.filter(id=theirs.id).update(balance=99)
    # when
    drifts = await ledger.reconcile(company.system)
    # then
    assert drifts == []
    assert (await _wallet(other)).balance == 99


async def test_reconcile_job_repairs_one_organisation(db):
    # given
    company = await make_company()
    await _awarded(company, 50)
    await PointsAccount.filter(id=(await _wallet(company)).id).update(balance=0)
    # when
    found = await reconcile_points({}, str(company.org.id))
    # then
    assert found == 1
    assert (await _wallet(company)).balance == 50


async def test_nightly_job_reconciles_every_organisation_through_child_jobs(db):
    # given two organisations with drifted wallets and the in-process job runner
    runner = jobs.InProcessJobs([reconcile_points, reconcile_all_points])
    jobs.configure(runner)
    companies = [await make_company("Acme"), await make_company("Globex")]
    for company in companies:
        await _awarded(company, 50)
        await PointsAccount.filter(id=(await _wallet(company)).id).update(balance=1)
    # when
    queued = await reconcile_all_points({})
    await runner.wait_idle()
    # then
    assert queued == 2
    assert [(await _wallet(c)).balance for c in companies] == [50, 50]
