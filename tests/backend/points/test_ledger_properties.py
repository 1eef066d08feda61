"""A stateful property test of the ledger: random sequences of awards, allowance grants, kudos, holds
and their capture or release, reversals, HR adjustments and retries with an earlier idempotency
key. After every step the database must satisfy the ledger's invariants and agree with a plain
Python model of every account. Runs on SQLite and on PostgreSQL, like every database test."""
from __future__ import annotations

import asyncio
import contextvars
import shutil
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from backend.access.actor import Actor
from backend.core import db as core_db
from backend.core.config import load_settings, use_settings
from backend.core.errors import Conflict, InsufficientPoints
from backend.points import ledger
from backend.points.models import ORG_OWNER, PointsAccount, PointsEntry, PointsTransfer, TransferKind
from tests.conftest import BACKENDS, POSTGRES_URL, _prepare_postgres, _sqlite_template, reachable, service_unavailable
from tests.factories.org import make_company

T = TypeVar("T")
Key = tuple[str, str]  # (account kind, owner key)
ISSUANCE: Key = ("issuance", ORG_OWNER)
SPENT: Key = ("spent", ORG_OWNER)
NOT_REVERSIBLE = {TransferKind.REVERSAL, TransferKind.HOLD, TransferKind.CAPTURE, TransferKind.RELEASE,
                  TransferKind.ALLOWANCE_EXPIRY}


@dataclass(frozen=True)
class Expected:
    kind: TransferKind
    debit: Key
    credit: Key
    amount: int


@dataclass(frozen=True)
class Call:
    """A call that succeeded, to be retried with the same arguments and idempotency key."""

    function: Callable[..., Awaitable[PointsTransfer | None]]
    actor: Actor
    arguments: dict[str, Any]
    result: uuid.UUID | None


class LedgerMachine(RuleBasedStateMachine):
    loop: ClassVar[asyncio.AbstractEventLoop]

    def __init__(self) -> None:
        super().__init__()
        self.balances: Counter[Key] = Counter()
        self.transfers: dict[uuid.UUID, Expected] = {}
        self.reversed: set[uuid.UUID] = set()
        self.holds: list[uuid.UUID] = []
        self.settled: set[uuid.UUID] = set()
        self.calls: list[Call] = []
        self.month = 0

    def run(self, coroutine: Awaitable[T]) -> T:
        return self.loop.run_until_complete(coroutine)  # type: ignore[arg-type]

    @initialize()
    def company(self) -> None:
        # a fresh organisation per example: the ledger is per tenant, so nothing needs cleaning up
        company = self.run(make_company(f"Org {uuid.uuid4().hex[:8]}"))
        self.system, self.hr = company.system, company.hr.actor
        self.people = [company.employee.employee.id, company.peer.employee.id, company.manager.employee.id]

    # helpers

    def account(self, kind: str, person: int) -> Key:
        return (kind, str(self.people[person]))

    def funded(self, kind: str) -> list[int]:
        return [person for person in range(3) if self.balances[self.account(kind, person)] > 0]

    def portion(self, key: Key, share: int) -> int:
        """`share` percent of what the account holds (at least 1); past 100, more than it holds."""
        return max(1, self.balances[key] * share // 100) if share <= 100 else self.balances[key] + share - 100

    def can_debit(self, key: Key, amount: int) -> bool:
        return key == ISSUANCE or self.balances[key] >= amount

    def apply(self, transfer: PointsTransfer, expected: Expected) -> None:
        assert (transfer.kind, transfer.amount) == (expected.kind, expected.amount)
        self.balances[expected.debit] -= expected.amount
        self.balances[expected.credit] += expected.amount
        self.transfers[transfer.id] = expected

    def attempt(self, function: Callable[..., Awaitable[PointsTransfer]], actor: Actor, arguments: dict[str, Any],
                expected: Expected) -> PointsTransfer | None:
        """Calls the ledger; it must succeed exactly when the model says the debit is covered."""
        if not self.can_debit(expected.debit, expected.amount):
            with pytest.raises(InsufficientPoints):
                self.run(function(actor, **arguments))
            return None
        transfer = self.run(function(actor, **arguments))
        self.apply(transfer, expected)
        self.calls.append(Call(function, actor, arguments, transfer.id))
        return transfer

    # rules

    @rule(person=st.integers(0, 2), points=st.integers(1, 100))
    def award(self, person: int, points: int) -> None:
        arguments = {"employee_id": self.people[person], "points": points, "idempotency_key": f"award:{uuid.uuid4()}",
                     "memo": "Award", "source_type": "rule", "source_id": uuid.uuid4()}
        self.attempt(ledger.award, self.system, arguments,
                     Expected(TransferKind.AWARD, ISSUANCE, self.account("wallet", person), points))

    @rule(person=st.integers(0, 2), points=st.just(0) | st.integers(10, 80))
    def grant_allowance(self, person: int, points: int) -> None:
        self.month += 1
        period = f"{2026 + (self.month - 1) // 12}-{(self.month - 1) % 12 + 1:02d}"
        allowance = self.account("allowance", person)
        arguments = {"employee_id": self.people[person], "points": points, "period": period}
        left = self.balances[allowance]
        grant = self.run(ledger.grant_allowance(self.system, **arguments))
        if left:
            expiry = self.run(PointsTransfer.of(self.system).get(
                idempotency_key=f"allowance-expiry:{self.people[person]}:{period}"))
            self.apply(expiry, Expected(TransferKind.ALLOWANCE_EXPIRY, allowance, SPENT, left))
        if points:
            assert grant is not None
            self.apply(grant, Expected(TransferKind.ALLOWANCE_GRANT, ISSUANCE, allowance, points))
            self.calls.append(Call(ledger.grant_allowance, self.system, arguments, grant.id))
        else:
            assert grant is None

    @precondition(lambda self: bool(self.funded("allowance")))
    @rule(pick=st.integers(0, 2), offset=st.integers(1, 2), share=st.integers(1, 110))
    def send_kudos(self, pick: int, offset: int, share: int) -> None:
        givers = self.funded("allowance")
        giver = givers[pick % len(givers)]
        receiver, points = (giver + offset) % 3, self.portion(self.account("allowance", giver), share)
        arguments = {"giver_id": self.people[giver], "receiver_id": self.people[receiver], "points": points,
                     "idempotency_key": f"kudos:{uuid.uuid4()}", "source_id": uuid.uuid4()}
        self.attempt(ledger.send_kudos_points, self.system, arguments,
                     Expected(TransferKind.KUDOS, self.account("allowance", giver), self.account("wallet", receiver), points))

    @precondition(lambda self: bool(self.funded("wallet")))
    @rule(pick=st.integers(0, 2), share=st.integers(1, 110))
    def hold(self, pick: int, share: int) -> None:
        person = self.funded("wallet")[pick % len(self.funded("wallet"))]
        points = self.portion(self.account("wallet", person), share)
        arguments = {"employee_id": self.people[person], "points": points, "idempotency_key": f"hold:{uuid.uuid4()}",
                     "source_type": "redemption", "source_id": uuid.uuid4()}
        held = self.attempt(ledger.hold, self.system, arguments,
                            Expected(TransferKind.HOLD, self.account("wallet", person), self.account("held", person), points))
        if held is not None:
            self.holds.append(held.id)

    @precondition(lambda self: bool(self.holds))
    @rule(pick=st.integers(0), capture=st.booleans())
    def settle(self, pick: int, capture: bool) -> None:
        hold_id = self.holds[pick % len(self.holds)]
        function = ledger.capture if capture else ledger.release
        arguments = {"hold_id": hold_id, "idempotency_key": f"settle:{uuid.uuid4()}"}
        if hold_id in self.settled:
            with pytest.raises(Conflict):
                self.run(function(self.system, **arguments))
            return
        held = self.transfers[hold_id]
        kind, target = (TransferKind.CAPTURE, SPENT) if capture else (TransferKind.RELEASE, held.debit)
        self.attempt(function, self.system, arguments, Expected(kind, held.credit, target, held.amount))
        self.settled.add(hold_id)

    @precondition(lambda self: bool(self.transfers))
    @rule(pick=st.integers(0))
    def reverse(self, pick: int) -> None:
        transfer_id = list(self.transfers)[pick % len(self.transfers)]
        original = self.transfers[transfer_id]
        arguments = {"transfer_id": transfer_id, "reason": "Misfired", "idempotency_key": f"reverse:{uuid.uuid4()}"}
        if original.kind in NOT_REVERSIBLE or transfer_id in self.reversed:
            with pytest.raises(Conflict):
                self.run(ledger.reverse(self.system, **arguments))
            return
        if self.attempt(ledger.reverse, self.system, arguments,
                        Expected(TransferKind.REVERSAL, original.credit, original.debit, original.amount)) is not None:
            self.reversed.add(transfer_id)

    @rule(person=st.integers(0, 2), points=st.integers(-60, 60).filter(bool))
    def adjust(self, person: int, points: int) -> None:
        wallet = self.account("wallet", person)
        arguments = {"employee_id": self.people[person], "points": points, "reason": "Correction",
                     "idempotency_key": f"adjust:{uuid.uuid4()}"}
        debit, credit = (ISSUANCE, wallet) if points > 0 else (wallet, SPENT)
        self.attempt(ledger.adjust, self.hr, arguments, Expected(TransferKind.ADJUSTMENT, debit, credit, abs(points)))

    @precondition(lambda self: bool(self.calls))
    @rule(pick=st.integers(0))
    def retry(self, pick: int) -> None:
        call = self.calls[pick % len(self.calls)]
        again = self.run(call.function(call.actor, **call.arguments))
        assert (again.id if again else None) == call.result  # and the invariants see nothing moved

    # invariants, checked against the database after every step

    @invariant()
    def ledger_is_consistent(self) -> None:
        accounts = self.run(PointsAccount.of(self.system).values_list("id", "kind", "owner_key", "balance"))
        entries = self.run(PointsEntry.of(self.system).values_list("transfer_id", "account_id", "amount"))
        transfers = self.run(PointsTransfer.of(self.system).values_list(
            "id", "kind", "amount", "debit_account_id", "credit_account_id", "reverses_id"))
        sums: Counter[uuid.UUID] = Counter()
        legs: dict[uuid.UUID, dict[uuid.UUID, int]] = {}
        for transfer_id, account_id, amount in entries:
            sums[account_id] += amount
            legs.setdefault(transfer_id, {})[account_id] = amount
        assert sum(balance for *_, balance in accounts) == 0
        for account_id, kind, owner, balance in accounts:
            assert kind == "issuance" or balance >= 0, (kind, owner, balance)
            assert balance == sums[account_id], (kind, owner, balance, sums[account_id])
            assert balance == self.balances[(str(kind), owner)], (kind, owner, balance, self.balances[(str(kind), owner)])
        opened = {(str(kind), owner) for _, kind, owner, _ in accounts}
        assert all(key in opened for key, balance in self.balances.items() if balance)
        for transfer_id, _, amount, debit, credit, _ in transfers:
            assert legs.get(transfer_id) == {debit: -amount, credit: amount}
        assert len(legs) == len(transfers) == len(self.transfers)
        closing = Counter(reverses for *_, reverses in transfers if reverses is not None)
        assert all(n == 1 for n in closing.values())


def _database_url(backend: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    if backend == "postgres":
        if not reachable(POSTGRES_URL):
            service_unavailable("PostgreSQL", POSTGRES_URL)
        contextvars.Context().run(_prepare_postgres)
        return POSTGRES_URL
    # a file copy of the migrated template, not :memory: (see STACK.md)
    target = tmp_path / "ledger.sqlite3"
    shutil.copyfile(contextvars.Context().run(_sqlite_template, tmp_path_factory), target)
    return f"sqlite://{target}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_ledger_invariants_hold_for_random_operation_sequences(
    backend: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # given a database of this backend, connected inside the machine's own event loop (hypothesis
    # rules are synchronous; the test is not async, so no other loop is running)
    use_settings(load_settings({"SEEN_ENV": "test", "SEEN_DATA_DIR": str(tmp_path / "data"),
                                "SEEN_PUBLIC_URL": "http://testserver", "SEEN_PWA_DIST": str(tmp_path / "dist")}))
    url = _database_url(backend, tmp_path, tmp_path_factory)
    loop = asyncio.new_event_loop()
    EXECUTOR_CACHE.clear()  # compiled statements of the other dialect (see the db fixture)
    try:
        loop.run_until_complete(core_db.connect(url))
        if backend == "postgres":
            tables = ", ".join(f'"{m._meta.db_table}"' for m in Tortoise.apps["seen"].values())
            loop.run_until_complete(Tortoise.get_connection("default").execute_script(
                f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        LedgerMachine.loop = loop
        # when / then
        run_state_machine_as_test(LedgerMachine, settings=settings(max_examples=30, stateful_step_count=25, deadline=None))
    finally:
        loop.run_until_complete(core_db.disconnect())  # an open aiosqlite thread would hang pytest
        loop.close()
        EXECUTOR_CACHE.clear()
