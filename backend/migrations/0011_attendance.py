from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.attendance.models import DirectionPolicy
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('seen', '0010_scorecard_content_digest')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BridgeKey',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('bridge_id', fields.CharField(max_length=80)),
                ('key_id', fields.CharField(unique=True, max_length=64)),
                ('secret', fields.CharField(max_length=128)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance_bridge_key', 'app': 'seen', 'indexes': [Index(fields=['tenant_id', 'bridge_id'])], 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='BridgeNonce',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('nonce', fields.CharField(max_length=128)),
                ('key_id', fields.CharField(max_length=64)),
                ('seen_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance_bridge_nonce', 'app': 'seen', 'unique_together': (('tenant', 'key_id', 'nonce'),), 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='ClockDevice',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('site', fields.ForeignKeyField('seen.Site', source_field='site_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('serial', fields.CharField(max_length=64)),
                ('vendor', fields.CharField(max_length=32)),
                ('name', fields.CharField(default='', max_length=120)),
                ('time_zone', fields.CharField(max_length=64)),
                ('direction_policy', fields.CharEnumField(default=DirectionPolicy.DEVICE, description='DEVICE: device\nFIRST_IN_LAST_OUT: first_in_last_out\nIN_ONLY: in_only\nOUT_ONLY: out_only', enum_type=DirectionPolicy, max_length=24)),
                ('active', fields.BooleanField(default=True)),
                ('last_seen_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('synced_through', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance_clock_device', 'app': 'seen', 'unique_together': (('tenant', 'serial'),), 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='ClockPunch',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('event_id', fields.CharField(max_length=128)),
                ('device', fields.ForeignKeyField('seen.ClockDevice', source_field='device_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('employee', fields.ForeignKeyField('seen.Employee', source_field='employee_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('vendor', fields.CharField(max_length=32)),
                ('protocol', fields.CharField(max_length=16)),
                ('device_sn', fields.CharField(max_length=64)),
                ('employee_pin', fields.CharField(max_length=32)),
                ('occurred_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('occurred_local', fields.CharField(max_length=32)),
                ('tz', fields.CharField(max_length=64)),
                ('tz_source', fields.CharField(max_length=32)),
                ('direction', fields.CharField(max_length=16)),
                ('verify_mode', fields.CharField(max_length=32)),
                ('work_code', fields.CharField(max_length=32)),
                ('received_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('flags', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('raw_text', fields.TextField(unique=False)),
                ('ingested_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance_clock_punch', 'app': 'seen', 'unique_together': (('tenant', 'event_id'),), 'indexes': [Index(fields=['tenant_id', 'employee_id', 'occurred_at']), Index(fields=['tenant_id', 'employee_pin'])], 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='DevicePin',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('pin', fields.CharField(max_length=32)),
                ('employee', fields.ForeignKeyField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'attendance_device_pin', 'app': 'seen', 'unique_together': (('tenant', 'pin'),), 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
    ]
