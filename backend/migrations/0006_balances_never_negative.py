"""A last line of defence under the use cases' conditional updates: the database itself refuses a
negative wallet, allowance, hold or stock, and a transfer of zero or fewer points. Only the
organisation's issuance account (the mint) may go below zero. CHECK constraints on PostgreSQL;
SQLite cannot add them to existing tables, so triggers do the same there."""
from tortoise import migrations
from tortoise.migrations import operations as ops

POSTGRES = [
    "ALTER TABLE points_account ADD CONSTRAINT points_account_not_negative CHECK (kind = 'issuance' OR balance >= 0)",
    "ALTER TABLE points_transfer ADD CONSTRAINT points_transfer_amount_positive CHECK (amount > 0)",
    "ALTER TABLE reward_item ADD CONSTRAINT reward_item_stock_not_negative CHECK (stock IS NULL OR stock >= 0)",
]
SQLITE = [
    """CREATE TRIGGER points_account_not_negative BEFORE UPDATE OF balance ON points_account
    WHEN NEW.kind != 'issuance' AND NEW.balance < 0
    BEGIN SELECT RAISE(ABORT, 'points_account balance cannot go negative'); END""",
    """CREATE TRIGGER points_transfer_amount_positive BEFORE INSERT ON points_transfer
    WHEN NEW.amount <= 0
    BEGIN SELECT RAISE(ABORT, 'points_transfer amount must be positive'); END""",
    """CREATE TRIGGER reward_item_stock_not_negative BEFORE UPDATE OF stock ON reward_item
    WHEN NEW.stock IS NOT NULL AND NEW.stock < 0
    BEGIN SELECT RAISE(ABORT, 'reward_item stock cannot go negative'); END""",
    """CREATE TRIGGER reward_item_stock_not_negative_insert BEFORE INSERT ON reward_item
    WHEN NEW.stock IS NOT NULL AND NEW.stock < 0
    BEGIN SELECT RAISE(ABORT, 'reward_item stock cannot go negative'); END""",
]


async def forward(apps, schema_editor) -> None:
    for statement in SQLITE if schema_editor.DIALECT == "sqlite" else POSTGRES:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        statements = [f"DROP TRIGGER {name}" for name in (
            "points_account_not_negative", "points_transfer_amount_positive", "reward_item_stock_not_negative",
            "reward_item_stock_not_negative_insert")]
    else:
        statements = ["ALTER TABLE points_account DROP CONSTRAINT points_account_not_negative",
                      "ALTER TABLE points_transfer DROP CONSTRAINT points_transfer_amount_positive",
                      "ALTER TABLE reward_item DROP CONSTRAINT reward_item_stock_not_negative"]
    for statement in statements:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("seen", "0005_rewards_and_delivery")]

    operations = [ops.RunPython(forward, backward)]
