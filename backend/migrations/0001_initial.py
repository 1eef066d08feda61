from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.access.models import AccountState, Locale, SessionKind
from backend.access.permissions import Role
from backend.org.models import EmployeeStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='LoginFailure',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(db_index=True, max_length=200)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'login_failure', 'app': 'seen', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Organization',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=120)),
                ('time_zone', fields.CharField(default='Asia/Shanghai', max_length=64)),
                ('locale', fields.CharEnumField(default=Locale.ZH_CN, description='ZH_CN: zh-CN\nEN: en', enum_type=Locale, max_length=8)),
                ('currency', fields.CharField(default='CNY', max_length=3)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'organization', 'app': 'seen', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OutboxEvent',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant_id', fields.UUIDField(db_index=True)),
                ('type', fields.CharField(max_length=80)),
                ('payload', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('dispatched_at', fields.DatetimeField(null=True, db_index=True, auto_now=False, auto_now_add=False)),
                ('claimed_until', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('attempts', fields.IntField(default=0)),
                ('last_error', fields.TextField(null=True, unique=False)),
            ],
            options={'table': 'outbox_event', 'app': 'seen', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('actor_kind', fields.CharField(max_length=16)),
                ('actor_account_id', fields.UUIDField(null=True)),
                ('actor_employee_id', fields.UUIDField(null=True)),
                ('actor_label', fields.CharField(max_length=160)),
                ('action', fields.CharField(max_length=80)),
                ('entity_type', fields.CharField(db_index=True, max_length=60)),
                ('entity_id', fields.CharField(max_length=64)),
                ('before', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('request_id', fields.CharField(null=True, max_length=64)),
            ],
            options={'table': 'audit_entry', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Site',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('time_zone', fields.CharField(max_length=64)),
                ('address', fields.CharField(null=True, max_length=300)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'site', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='KioskCredential',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('site', fields.ForeignKeyField('seen.Site', source_field='site_id', db_constraint=True, to_field='id', related_name='kiosk_credentials', on_delete=OnDelete.CASCADE)),
                ('label', fields.CharField(max_length=80)),
                ('code_digest', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'kiosk_credential', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Department',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('parent', fields.ForeignKeyField('seen.Department', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'department', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Employee',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('employee_number', fields.CharField(max_length=32)),
                ('name', fields.CharField(max_length=120)),
                ('latin_name', fields.CharField(null=True, max_length=120)),
                ('phone', fields.CharField(null=True, max_length=32)),
                ('email', fields.CharField(null=True, max_length=254)),
                ('hire_date', fields.DateField()),
                ('birthday', fields.DateField(null=True)),
                ('job_title', fields.CharField(max_length=120)),
                ('level', fields.CharField(max_length=60)),
                ('department', fields.ForeignKeyField('seen.Department', source_field='department_id', null=True, db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.SET_NULL)),
                ('manager', fields.ForeignKeyField('seen.Employee', source_field='manager_id', null=True, db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.SET_NULL)),
                ('site', fields.ForeignKeyField('seen.Site', source_field='site_id', null=True, db_constraint=True, to_field='id', related_name='employees', on_delete=OnDelete.SET_NULL)),
                ('status', fields.CharEnumField(default=EmployeeStatus.ACTIVE, description='ACTIVE: active\nLEFT: left', enum_type=EmployeeStatus, max_length=8)),
                ('left_on', fields.DateField(null=True)),
                ('locale', fields.CharEnumField(default=Locale.ZH_CN, description='ZH_CN: zh-CN\nEN: en', enum_type=Locale, max_length=8)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'employee', 'app': 'seen', 'unique_together': (('tenant', 'employee_number'),), 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        # Department.head and Employee.department point at each other: create both tables, then link.
        ops.AddField(
            model_name='Department',
            name='head',
            field=fields.ForeignKeyField('seen.Employee', source_field='head_id', null=True, db_constraint=True, to_field='id', related_name='headed_departments', on_delete=OnDelete.SET_NULL),
        ),
        ops.CreateModel(
            name='UserAccount',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('employee', fields.OneToOneField('seen.Employee', source_field='employee_id', db_constraint=True, to_field='id', related_name='account', on_delete=OnDelete.CASCADE)),
                ('login_email', fields.CharField(null=True, unique=True, max_length=254)),
                ('login_phone', fields.CharField(null=True, unique=True, max_length=32)),
                ('password_hash', fields.CharField(null=True, max_length=255)),
                ('role', fields.CharEnumField(default=Role.EMPLOYEE, description='EMPLOYEE: employee\nMANAGER: manager\nHR_ADMIN: hr_admin\nOWNER: owner', enum_type=Role, max_length=16)),
                ('state', fields.CharEnumField(default=AccountState.INVITED, description='INVITED: invited\nACTIVE: active\nDISABLED: disabled', enum_type=AccountState, max_length=16)),
                ('invite_digest', fields.CharField(null=True, unique=True, max_length=64)),
                ('invite_expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('password_changed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'user_account', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
        ops.CreateModel(
            name='Session',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('seen.Organization', source_field='tenant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('token_digest', fields.CharField(unique=True, max_length=64)),
                ('kind', fields.CharEnumField(description='WEB: web\nAPI: api\nKIOSK: kiosk', enum_type=SessionKind, max_length=8)),
                ('account', fields.ForeignKeyField('seen.UserAccount', source_field='account_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('kiosk', fields.ForeignKeyField('seen.KioskCredential', source_field='kiosk_id', null=True, db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_seen_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('user_agent', fields.CharField(default='', max_length=300)),
                ('ip', fields.CharField(default='', max_length=64)),
            ],
            options={'table': 'session', 'app': 'seen', 'pk_attr': 'id'},
            bases=['TenantScoped'],
        ),
    ]
