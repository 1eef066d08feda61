"""One report and one mention per person on a post itself (comment empty). The model's unique_together
includes comment_id, and NULLs are distinct in a unique constraint, so on its own it lets a race store a
post-level report or mention twice; these partial unique indexes make the rule hold on both databases
(the services also lock the post row, which stays as the first line)."""
from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "community_report_post_level": "community_report (post_id, reporter_id)",
    "community_mention_post_level": "community_mention (post_id, employee_id)",
}


async def forward(apps, schema_editor) -> None:
    for name, target in INDEXES.items():
        await schema_editor.client.execute_script(f"CREATE UNIQUE INDEX {name} ON {target} WHERE comment_id IS NULL")


async def backward(apps, schema_editor) -> None:
    for name in INDEXES:
        await schema_editor.client.execute_script(f"DROP INDEX {name}")


class Migration(migrations.Migration):
    dependencies = [("seen", "0012_community_attendance_days")]

    operations = [ops.RunPython(forward, backward)]
