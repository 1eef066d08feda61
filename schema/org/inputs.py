"""Inputs for org mutations."""
from __future__ import annotations

from datetime import date

import strawberry

from schema.core.enums import Locale, Role


@strawberry.input(description="Own contact details; omit a field to keep it, send \"\" to clear it.")
class UpdateMyProfileInput:
    phone: str | None = strawberry.field(default=None, description="Mobile number.")
    email: str | None = strawberry.field(default=None, description="Email address.")
    birthday: date | None = strawberry.field(default=None, description="Date of birth.")


@strawberry.input(description="Change your password; other sessions are signed out.")
class ChangePasswordInput:
    current_password: str = strawberry.field(description="The password in use now.")
    new_password: str = strawberry.field(description="At least 10 characters.")


@strawberry.input(description="Add a person and get an invitation link to pass on.")
class InviteEmployeeInput:
    employee_number: str = strawberry.field(description="The company's staff number (unique).")
    name: str = strawberry.field(description="Name as the person writes it.")
    job_title: str = strawberry.field(description="Job title.")
    level: str = strawberry.field(description="Job level or grade.")
    hire_date: date = strawberry.field(description="First working day.")
    email: str | None = strawberry.field(default=None, description="Email to sign in with (email or phone required).")
    phone: str | None = strawberry.field(default=None, description="Phone to sign in with.")
    latin_name: str | None = strawberry.field(default=None, description="Name in Latin letters.")
    birthday: date | None = strawberry.field(default=None, description="Date of birth.")
    department_id: strawberry.ID | None = strawberry.field(default=None, description="Department.")
    site_id: strawberry.ID | None = strawberry.field(default=None, description="Site.")
    manager_id: strawberry.ID | None = strawberry.field(default=None, description="Line manager.")
    role: Role = strawberry.field(default=Role.EMPLOYEE, description="Account role.")
    locale: Locale = strawberry.field(default=Locale.ZH_CN, description="The person's language.")


@strawberry.input(description="Edit a person's job data; omitted fields stay as they are.")
class UpdateEmployeeInput:
    id: strawberry.ID = strawberry.field(description="The person.")
    name: str | None = strawberry.field(default=None, description="Name.")
    latin_name: str | None = strawberry.field(default=None, description="Name in Latin letters.")
    job_title: str | None = strawberry.field(default=None, description="Job title.")
    level: str | None = strawberry.field(default=None, description="Job level.")
    department_id: strawberry.ID | None = strawberry.field(default=None, description="Department.")
    site_id: strawberry.ID | None = strawberry.field(default=None, description="Site.")
    manager_id: strawberry.ID | None = strawberry.field(default=None, description="Line manager.")
    role: Role | None = strawberry.field(default=None, description="Account role.")


@strawberry.input(description="Mark a person as having left; their sessions end at once.")
class DeactivateEmployeeInput:
    id: strawberry.ID = strawberry.field(description="The person.")
    left_on: date | None = strawberry.field(default=None, description="Last day; defaults to today.")


@strawberry.input(description="A new department.")
class CreateDepartmentInput:
    name: str = strawberry.field(description="Display name.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Parent department.")


@strawberry.input(description="Edit a department; omitted fields stay as they are.")
class UpdateDepartmentInput:
    id: strawberry.ID = strawberry.field(description="The department.")
    name: str | None = strawberry.field(default=None, description="Display name.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Parent department.")
    head_id: strawberry.ID | None = strawberry.field(default=None, description="Department head.")


@strawberry.input(description="A new site.")
class CreateSiteInput:
    name: str = strawberry.field(description="Display name.")
    time_zone: str = strawberry.field(description="IANA time zone, e.g. Asia/Shanghai.")
    address: str | None = strawberry.field(default=None, description="Postal address.")


@strawberry.input(description="Organisation settings; omitted fields stay as they are.")
class UpdateOrganizationInput:
    name: str | None = strawberry.field(default=None, description="Display name.")
    time_zone: str | None = strawberry.field(default=None, description="IANA time zone.")
    locale: Locale | None = strawberry.field(default=None, description="Default language.")
