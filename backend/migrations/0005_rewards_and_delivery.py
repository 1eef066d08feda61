from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.notifications.models import ChatProvider, DeliveryChannel, DeliveryStatus
from backend.rewards.models import ConversionUnit, EntitlementKind, LimitPeriod, RedemptionStatus, RewardKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('seen', '0004_ledger_append_only')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChatWebhook',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('provider', fields.CharEnumField(description='DINGTALK: dingtalk\nFEISHU: feishu\nWECOM: wecom', enum_type=ChatProvider, max_length=10)),
                ('url', fields.CharField(max_length=500)),
                ('secret', fields.CharField(null=True, max_length=200)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'chat_webhook', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='ConversionRule',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('from_unit', fields.CharEnumField(description='BONUS_MINOR: bonus_minor\nREMOTE_DAYS: remote_days\nLEAVE_DAYS: leave_days\nPOINTS: points', enum_type=ConversionUnit, max_length=12)),
                ('from_amount', fields.BigIntField()),
                ('to_unit', fields.CharEnumField(description='BONUS_MINOR: bonus_minor\nREMOTE_DAYS: remote_days\nLEAVE_DAYS: leave_days\nPOINTS: points', enum_type=ConversionUnit, max_length=12)),
                ('to_amount', fields.BigIntField()),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'conversion_rule', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Delivery',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('notification', fields.ForeignKeyField('seen.Notification', source_field='notification_id', db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharEnumField(description='PUSH: push\nCHAT: chat', enum_type=DeliveryChannel, max_length=6)),
                ('target', fields.CharField(max_length=64)),
                ('status', fields.CharEnumField(default=DeliveryStatus.PENDING, description='PENDING: pending\nSENT: sent\nSKIPPED: skipped\nFAILED: failed', enum_type=DeliveryStatus, max_length=8)),
                ('attempts', fields.IntField(default=0)),
                ('not_before', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(null=True, max_length=500)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'delivery', 'app': 'seen', 'unique_together': (('notification', 'channel', 'target'),), 'indexes': [Index(fields=['status', 'not_before'])], 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='NotificationPreference',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('employee', fields.OneToOneField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('push_enabled', fields.BooleanField(default=True)),
                ('chat_enabled', fields.BooleanField(default=True)),
                ('muted_kinds', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('quiet_start', fields.TimeField(null=True, auto_now=False, auto_now_add=False)),
                ('quiet_end', fields.TimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'notification_preference', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='PushSubscription',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('employee', fields.ForeignKeyField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('endpoint', fields.CharField(unique=True, max_length=1000)),
                ('p256dh', fields.CharField(max_length=200)),
                ('auth', fields.CharField(max_length=100)),
                ('user_agent', fields.CharField(default='', max_length=300)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_success_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'push_subscription', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='RewardItem',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='CASH_BONUS: cash_bonus\nTRAINING: training\nEXTRA_LEAVE: extra_leave\nREMOTE_DAYS: remote_days\nCEO_MEETING: ceo_meeting\nVOUCHER: voucher', enum_type=RewardKind, max_length=12)),
                ('name_en', fields.CharField(max_length=120)),
                ('name_zh', fields.CharField(max_length=120)),
                ('description_en', fields.TextField(default='', unique=False)),
                ('description_zh', fields.TextField(default='', unique=False)),
                ('image_url', fields.CharField(null=True, max_length=500)),
                ('cost_points', fields.IntField()),
                ('stock', fields.IntField(null=True)),
                ('per_person_limit', fields.IntField(null=True)),
                ('limit_period', fields.CharEnumField(default=LimitPeriod.YEAR, description='MONTH: month\nQUARTER: quarter\nYEAR: year', enum_type=LimitPeriod, max_length=8)),
                ('requires_approval', fields.BooleanField(default=True)),
                ('amount_minor', fields.BigIntField(default=0)),
                ('days', fields.IntField(default=0)),
                ('starts_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('location', fields.CharField(null=True, max_length=200)),
                ('eligibility', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'reward_item', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Redemption',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('item', fields.ForeignKeyField('seen.RewardItem', source_field='item_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('employee', fields.ForeignKeyField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('approver', fields.ForeignKeyField('seen.Employee', source_field='approver_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('points', fields.IntField()),
                ('status', fields.CharEnumField(default=RedemptionStatus.PENDING, description='PENDING: pending\nFULFILLED: fulfilled\nDECLINED: declined\nCANCELLED: cancelled', enum_type=RedemptionStatus, max_length=10)),
                ('note', fields.CharField(default='', max_length=500)),
                ('hold_transfer_id', fields.UUIDField()),
                ('client_key', fields.CharField(max_length=64)),
                ('requested_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('decided_by', fields.ForeignKeyField('seen.Employee', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('decline_reason', fields.CharField(null=True, max_length=500)),
                ('fulfilled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'redemption', 'app': 'seen', 'unique_together': (('tenant', 'employee', 'client_key'),), 'indexes': [Index(fields=['tenant_id', 'status', 'requested_at'])], 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Entitlement',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('employee', fields.ForeignKeyField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('kind', fields.CharEnumField(description='EXTRA_LEAVE: extra_leave\nREMOTE_DAYS: remote_days', enum_type=EntitlementKind, max_length=12)),
                ('days', fields.IntField()),
                ('used_days', fields.IntField(default=0)),
                ('valid_until', fields.DateField(null=True)),
                ('redemption', fields.OneToOneField('seen.Redemption', source_field='redemption_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'entitlement', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='MeetingSlot',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('item', fields.ForeignKeyField('seen.RewardItem', source_field='item_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('host', fields.ForeignKeyField('seen.Employee', source_field='host_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('starts_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('location', fields.CharField(default='', max_length=200)),
                ('redemption', fields.OneToOneField('seen.Redemption', source_field='redemption_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'meeting_slot', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='VoucherCode',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('item', fields.ForeignKeyField('seen.RewardItem', source_field='item_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('code', fields.CharField(max_length=120)),
                ('redemption', fields.OneToOneField('seen.Redemption', source_field='redemption_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'voucher_code', 'app': 'seen', 'unique_together': (('item', 'code'),), 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
    ]
