"""A locked bonus pool is what payroll pays: the database itself refuses to change it. UPDATE or DELETE
of a locked bonus_pool fails, and so does any INSERT, UPDATE or DELETE of a bonus_allocation row whose
pool is locked, whatever code (or hand-written query) tries. The use cases check first; this is the
backstop. (TRUNCATE, used only by the test fixture, fires no row triggers.)"""
from tortoise import migrations
from tortoise.migrations import operations as ops

POSTGRES = [
    """CREATE OR REPLACE FUNCTION seen_locked_pool_immutable() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'bonus_pool % is locked', OLD.id USING ERRCODE = 'restrict_violation'; END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER bonus_pool_locked_immutable BEFORE UPDATE OR DELETE ON bonus_pool
    FOR EACH ROW WHEN (OLD.status = 'locked') EXECUTE FUNCTION seen_locked_pool_immutable()""",
    """CREATE OR REPLACE FUNCTION seen_locked_allocation_immutable() RETURNS trigger AS $$
    BEGIN
        IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM bonus_pool WHERE id = OLD.pool_id AND status = 'locked'))
           OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM bonus_pool WHERE id = NEW.pool_id AND status = 'locked'))
        THEN
            RAISE EXCEPTION 'bonus_allocation of a locked pool cannot change' USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER bonus_allocation_locked_immutable BEFORE INSERT OR UPDATE OR DELETE ON bonus_allocation
    FOR EACH ROW EXECUTE FUNCTION seen_locked_allocation_immutable()""",
]
_LOCKED = "(SELECT status FROM bonus_pool WHERE id = {row}.pool_id) = 'locked'"
SQLITE = [
    """CREATE TRIGGER bonus_pool_locked_no_update BEFORE UPDATE ON bonus_pool WHEN OLD.status = 'locked'
    BEGIN SELECT RAISE(ABORT, 'bonus_pool is locked'); END""",
    """CREATE TRIGGER bonus_pool_locked_no_delete BEFORE DELETE ON bonus_pool WHEN OLD.status = 'locked'
    BEGIN SELECT RAISE(ABORT, 'bonus_pool is locked'); END""",
    f"""CREATE TRIGGER bonus_allocation_locked_no_insert BEFORE INSERT ON bonus_allocation
    WHEN {_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'bonus_allocation of a locked pool cannot change'); END""",
    f"""CREATE TRIGGER bonus_allocation_locked_no_update BEFORE UPDATE ON bonus_allocation
    WHEN {_LOCKED.format(row="OLD")} OR {_LOCKED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, 'bonus_allocation of a locked pool cannot change'); END""",
    f"""CREATE TRIGGER bonus_allocation_locked_no_delete BEFORE DELETE ON bonus_allocation
    WHEN {_LOCKED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, 'bonus_allocation of a locked pool cannot change'); END""",
]
_SQLITE_TRIGGERS = ("bonus_pool_locked_no_update", "bonus_pool_locked_no_delete", "bonus_allocation_locked_no_insert",
                    "bonus_allocation_locked_no_update", "bonus_allocation_locked_no_delete")


async def forward(apps, schema_editor) -> None:
    for statement in SQLITE if schema_editor.DIALECT == "sqlite" else POSTGRES:
        await schema_editor.client.execute_script(statement)


async def backward(apps, schema_editor) -> None:
    if schema_editor.DIALECT == "sqlite":
        statements = [f"DROP TRIGGER {name}" for name in _SQLITE_TRIGGERS]
    else:
        statements = ["DROP TRIGGER bonus_pool_locked_immutable ON bonus_pool",
                      "DROP TRIGGER bonus_allocation_locked_immutable ON bonus_allocation",
                      "DROP FUNCTION seen_locked_pool_immutable()", "DROP FUNCTION seen_locked_allocation_immutable()"]
    for statement in statements:
        await schema_editor.client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("seen", "0007_performance")]

    operations = [ops.RunPython(forward, backward)]
