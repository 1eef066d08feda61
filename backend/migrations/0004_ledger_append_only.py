"""Ledger entries and transfers are append-only in the database too: a correction is a reversal,
a new transfer, never an edit. Same mechanism as 0002 for the audit trail."""
from tortoise import migrations
from tortoise.migrations import operations as ops

TABLES = ("points_entry", "points_transfer")


def _postgres() -> list[str]:
    statements = ["""CREATE OR REPLACE FUNCTION seen_ledger_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation'; END;
    $$ LANGUAGE plpgsql"""]
    for table in TABLES:
        statements.append(f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION seen_ledger_append_only()""")
    return statements


def _sqlite() -> list[str]:
    statements = []
    for table in TABLES:
        for verb in ("UPDATE", "DELETE"):
            statements.append(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")
    return statements


async def forward(apps, schema_editor) -> None:
    for statement in _sqlite() if schema_editor.DIALECT == "sqlite" else _postgres():
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        statements = [f"DROP TRIGGER {t}_no_{v}" for t in TABLES for v in ("update", "delete")]
    else:
        statements = [f"DROP TRIGGER {t}_append_only ON {t}" for t in TABLES] + ["DROP FUNCTION seen_ledger_append_only()"]
    for statement in statements:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("seen", "0003_recognition_points_rules")]

    operations = [ops.RunPython(forward, backward)]
