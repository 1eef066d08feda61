"""The audit trail is append-only in the database too: UPDATE and DELETE on audit_entry fail, so
not even a bug or a hand-written query can rewrite history."""
from tortoise import migrations
from tortoise.migrations import operations as ops

POSTGRES = [
    """CREATE OR REPLACE FUNCTION seen_audit_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'restrict_violation'; END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION seen_audit_append_only()""",
]
SQLITE = [
    """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
    """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
    BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END""",
]


async def forward(apps, schema_editor) -> None:
    statements = SQLITE if schema_editor.DIALECT == "sqlite" else POSTGRES
    for statement in statements:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        statements = ["DROP TRIGGER audit_entry_no_update", "DROP TRIGGER audit_entry_no_delete"]
    else:
        statements = ["DROP TRIGGER audit_entry_append_only ON audit_entry", "DROP FUNCTION seen_audit_append_only()"]
    for statement in statements:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("seen", "0001_initial")]

    operations = [ops.RunPython(forward, backward)]
