"""Scorecards store their dimension scores packed (performance.card_scores: a bytea record, with JSON notes
only for entries that carry a spelt reason or a detail) instead of a jsonb document, and keep no
foreign-key constraints (see the Scorecard model for the measurements), and on PostgreSQL keep half of
each page free for updates in place. Existing cards are converted
here, in batches, so closed cycles keep their statements; the content digest is cleared so the next
recompute of an open cycle rewrites each card once in the new form."""
import functools
import json
from json import dumps, loads

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

BATCH = 2000


def _score(entry):
    from backend.performance.scoring import DimensionScore

    return DimensionScore(code=entry["code"], source=entry["source"], weight=int(entry["weight"]), raw=entry.get("raw"),
                          points=entry.get("points"), weighted=float(entry.get("weighted") or 0.0),
                          progress=float(entry.get("progress") or 0.0), missing=bool(entry.get("missing")),
                          reason=entry.get("reason"), detail=entry.get("detail") or {})


async def forward(apps, schema_editor) -> None:
    from backend.performance.card_scores import pack

    client = schema_editor.client
    postgres = schema_editor.DIALECT == "postgres"
    text = "dimensions::text" if postgres else "dimensions"
    after = None
    while True:
        where, params = ("WHERE id > $1" if postgres else "WHERE id > ?", [after]) if after is not None else ("", [])
        _, rows = await client.execute_query(
            f"SELECT id, {text} AS dimensions FROM scorecard {where} ORDER BY id LIMIT {BATCH}", params)
        if not rows:
            return
        updates = []
        for row in rows:
            document = row["dimensions"]
            entries = json.loads(document) if isinstance(document, str) else (document or [])
            record, notes = pack([_score(e) for e in entries])
            updates.append([record, None if notes is None else dumps(notes, separators=(",", ":")), row["id"]])
        sql = ("UPDATE scorecard SET dimension_scores = $1, dimension_notes = $2::jsonb, content_digest = NULL WHERE id = $3"
               if postgres else
               "UPDATE scorecard SET dimension_scores = ?, dimension_notes = ?, content_digest = NULL WHERE id = ?")
        await client.execute_many(sql, updates)
        after = rows[-1]["id"]


DROP_FOREIGN_KEYS = """DO $$ DECLARE name text; BEGIN
    FOR name IN SELECT conname FROM pg_constraint WHERE conrelid = 'scorecard'::regclass AND contype = 'f' LOOP
        EXECUTE format('ALTER TABLE scorecard DROP CONSTRAINT %I', name);
    END LOOP;
END $$"""


async def drop_foreign_keys(apps, schema_editor) -> None:
    # AlterField(db_constraint=False) changes the model state only. SQLite keeps its REFERENCES clauses
    # (dropping them means rebuilding the table; the measured cost is PostgreSQL's per-row checks).
    # Half of each page stays free, so that rewriting a card is an update on its own page, touching no
    # index (performance.scorecard_store); pages written before keep their layout until rewritten.
    if schema_editor.DIALECT == "postgres":
        await schema_editor.client.execute_script(DROP_FOREIGN_KEYS)
        await schema_editor.client.execute_script("ALTER TABLE scorecard SET (fillfactor = 50)")


async def keep_foreign_keys(apps, schema_editor) -> None:
    return None


async def restore_sqlite_indexes(apps, schema_editor) -> None:
    # Tortoise drops or alters a column on SQLite by rebuilding the table, and the rebuilt table lost its unique
    # (cycle, employee) constraint and its index; put them back under their original names.
    if schema_editor.DIALECT == "sqlite":
        await schema_editor.client.execute_script(
            'CREATE UNIQUE INDEX IF NOT EXISTS "uid_scorecard_cycle_i_332cf8" ON "scorecard" ("cycle_id", "employee_id");'
            'CREATE INDEX IF NOT EXISTS "idx_scorecard_tenant__4632f9" ON "scorecard" ("tenant_id", "cycle_id", "department_id")')


async def backward(apps, schema_editor) -> None:
    raise NotImplementedError("packed scorecards are not converted back to JSON: restore from a backup")


class Migration(migrations.Migration):
    dependencies = [('seen', '0013_post_level_uniques')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Scorecard',
            name='dimension_notes',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='Scorecard',
            name='dimension_scores',
            field=fields.BinaryField(null=True),
        ),
        ops.RunPython(forward, backward),
        ops.RemoveField(model_name='Scorecard', name='dimensions'),
        ops.AlterField(
            model_name='Scorecard',
            name='cycle',
            field=fields.ForeignKeyField('seen.ReviewCycle', source_field='cycle_id', db_constraint=False, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Scorecard',
            name='department',
            field=fields.ForeignKeyField('seen.Department', source_field='department_id', null=True, db_constraint=False, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL),
        ),
        ops.AlterField(
            model_name='Scorecard',
            name='employee',
            field=fields.ForeignKeyField('seen.Employee', source_field='employee_id', db_constraint=False, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='Scorecard',
            name='template_version',
            field=fields.ForeignKeyField('seen.TemplateVersion', source_field='template_version_id', db_constraint=False, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT),
        ),
        ops.AlterField(
            model_name='Scorecard',
            name='tenant',
            field=fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=False, to_field='id', related_name=False, on_delete=OnDelete.CASCADE),
        ),
        ops.RunPython(drop_foreign_keys, keep_foreign_keys),
        ops.RunPython(restore_sqlite_indexes, keep_foreign_keys),
    ]
