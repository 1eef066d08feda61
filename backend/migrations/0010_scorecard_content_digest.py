"""Scorecard.content_digest: the md5 of what a card's dimensions were encoded from, so the nightly full
recompute can tell an unchanged card without encoding its JSON again. Nullable: existing cards get one
the next time they are recomputed (a null never equals a digest, so each is rewritten once)."""
from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('seen', '0009_growth')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Scorecard',
            name='content_digest',
            field=fields.CharField(null=True, max_length=32),
        ),
    ]
