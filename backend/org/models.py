"""Departments, sites and employees. Written only by backend.org.service."""
from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from tortoise import fields

from backend.access.models import Locale
from backend.access.tenancy import TenantScoped


class Site(TenantScoped):
    # A place people work: a factory, a shop, an office. Days are computed in its time zone.

    name = fields.CharField(max_length=120)
    time_zone = fields.CharField(max_length=64)
    address = fields.CharField(max_length=300, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "site"


class Department(TenantScoped):
    name = fields.CharField(max_length=120)
    parent: Any = fields.ForeignKeyField("seen.Department", related_name="children", null=True, on_delete=fields.RESTRICT)
    parent_id: uuid.UUID | None
    head: Any = fields.ForeignKeyField("seen.Employee", related_name="headed_departments", null=True, on_delete=fields.SET_NULL)
    head_id: uuid.UUID | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "department"


class EmployeeStatus(StrEnum):
    ACTIVE = "active"
    LEFT = "left"


class Employee(TenantScoped):
    employee_number = fields.CharField(max_length=32)
    name = fields.CharField(max_length=120)
    latin_name = fields.CharField(max_length=120, null=True)
    phone = fields.CharField(max_length=32, null=True)
    email = fields.CharField(max_length=254, null=True)
    hire_date = fields.DateField()
    birthday = fields.DateField(null=True)
    job_title = fields.CharField(max_length=120)
    level = fields.CharField(max_length=60)
    department: Any = fields.ForeignKeyField("seen.Department", related_name="members", null=True, on_delete=fields.SET_NULL)
    department_id: uuid.UUID | None
    manager: Any = fields.ForeignKeyField("seen.Employee", related_name="reports", null=True, on_delete=fields.SET_NULL)
    manager_id: uuid.UUID | None
    site: Any = fields.ForeignKeyField("seen.Site", related_name="employees", null=True, on_delete=fields.SET_NULL)
    site_id: uuid.UUID | None
    status = fields.CharEnumField(EmployeeStatus, max_length=8, default=EmployeeStatus.ACTIVE)
    left_on = fields.DateField(null=True)
    locale = fields.CharEnumField(Locale, max_length=8, default=Locale.ZH_CN)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "employee"
        unique_together = (("tenant", "employee_number"),)
