"""Org mutations: each unpacks input, calls one backend use case, maps the fact or the UserError."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.org import people, structure
from backend.org import queries as org
from backend.org.models import Employee as EmployeeModel
from schema.context import Info
from schema.core.enums import Locale
from schema.core.errors import UserError
from schema.core.ids import required_uuid, to_uuid
from schema.core.results import attempt
from schema.org.inputs import (
    ChangePasswordInput, CreateDepartmentInput, CreateSiteInput, DeactivateEmployeeInput, InviteEmployeeInput,
    UpdateDepartmentInput, UpdateEmployeeInput, UpdateMyProfileInput, UpdateOrganizationInput,
)
from schema.org.types import Department, Employee, Organization, Site, Viewer


@strawberry.type(description="Your language was changed.")
class LocaleChanged:
    viewer: Viewer = strawberry.field(description="The viewer, in the new language.")


@strawberry.type(description="Your profile was saved.")
class ProfileUpdated:
    employee: Employee = strawberry.field(description="Your profile.")


@strawberry.type(description="Your password was changed.")
class PasswordChanged:
    other_sessions_revoked: int = strawberry.field(description="Other devices that were signed out.")


@strawberry.type(description="A person was added; pass the link on so they can set a password.")
class EmployeeInvited:
    employee: Employee = strawberry.field(description="The new person.")
    invite_url: str = strawberry.field(description="One-time link; shown only now.")


@strawberry.type(description="A person's job data was saved.")
class EmployeeUpdated:
    employee: Employee = strawberry.field(description="The person.")


@strawberry.type(description="A person was marked as left and signed out everywhere.")
class EmployeeDeactivated:
    employee: Employee = strawberry.field(description="The person.")
    sessions_revoked: int = strawberry.field(description="Sessions that were ended.")


@strawberry.type(description="A department was created.")
class DepartmentCreated:
    department: Department = strawberry.field(description="The new department.")


@strawberry.type(description="A department was saved.")
class DepartmentUpdated:
    department: Department = strawberry.field(description="The department.")


@strawberry.type(description="A site was created.")
class SiteCreated:
    site: Site = strawberry.field(description="The new site.")


@strawberry.type(description="Organisation settings were saved.")
class OrganizationUpdated:
    organization: Organization = strawberry.field(description="The organisation.")


SetMyLocaleResult = Annotated[LocaleChanged | UserError, strawberry.union("SetMyLocaleResult")]
UpdateMyProfileResult = Annotated[ProfileUpdated | UserError, strawberry.union("UpdateMyProfileResult")]
ChangePasswordResult = Annotated[PasswordChanged | UserError, strawberry.union("ChangePasswordResult")]
InviteEmployeeResult = Annotated[EmployeeInvited | UserError, strawberry.union("InviteEmployeeResult")]
UpdateEmployeeResult = Annotated[EmployeeUpdated | UserError, strawberry.union("UpdateEmployeeResult")]
DeactivateEmployeeResult = Annotated[EmployeeDeactivated | UserError, strawberry.union("DeactivateEmployeeResult")]
CreateDepartmentResult = Annotated[DepartmentCreated | UserError, strawberry.union("CreateDepartmentResult")]
UpdateDepartmentResult = Annotated[DepartmentUpdated | UserError, strawberry.union("UpdateDepartmentResult")]
CreateSiteResult = Annotated[SiteCreated | UserError, strawberry.union("CreateSiteResult")]
UpdateOrganizationResult = Annotated[OrganizationUpdated | UserError, strawberry.union("UpdateOrganizationResult")]


async def _employee(info: Info, employee: EmployeeModel) -> Employee:
    return Employee.from_view((await info.context.visibility.views([employee]))[0])


@strawberry.type
class OrgMutation:
    @strawberry.mutation(description="Switch your language; it follows you to every device.")
    async def set_my_locale(self, info: Info, locale: Locale) -> SetMyLocaleResult:
        async def body() -> LocaleChanged:
            await people.set_my_locale(info.context.actor, locale)
            return LocaleChanged(viewer=Viewer.from_data(await org.get_viewer(info.context.actor)))
        return await attempt(body)

    @strawberry.mutation(description="Edit your own contact details.")
    async def update_my_profile(self, info: Info, input: UpdateMyProfileInput) -> UpdateMyProfileResult:
        async def body() -> ProfileUpdated:
            employee = await people.update_my_profile(info.context.actor, phone=input.phone, email=input.email, birthday=input.birthday)
            return ProfileUpdated(employee=await _employee(info, employee))
        return await attempt(body)

    @strawberry.mutation(description="Change your password; your other devices are signed out.")
    async def change_password(self, info: Info, input: ChangePasswordInput) -> ChangePasswordResult:
        async def body() -> PasswordChanged:
            revoked = await people.change_my_password(info.context.actor, current_password=input.current_password, new_password=input.new_password)
            return PasswordChanged(other_sessions_revoked=revoked)
        return await attempt(body)

    @strawberry.mutation(description="HR: add a person and get their invitation link.")
    async def invite_employee(self, info: Info, input: InviteEmployeeInput) -> InviteEmployeeResult:
        async def body() -> EmployeeInvited:
            invitation = await people.invite_employee(
                info.context.actor, employee_number=input.employee_number, name=input.name, job_title=input.job_title,
                level=input.level, hire_date=input.hire_date, role=input.role, locale=input.locale,
                latin_name=input.latin_name, email=input.email, phone=input.phone, birthday=input.birthday,
                department_id=to_uuid(input.department_id, field="departmentId"),
                site_id=to_uuid(input.site_id, field="siteId"), manager_id=to_uuid(input.manager_id, field="managerId"),
            )
            return EmployeeInvited(employee=await _employee(info, invitation.employee), invite_url=invitation.invite_url)
        return await attempt(body)

    @strawberry.mutation(description="HR: edit a person's job data or role.")
    async def update_employee(self, info: Info, input: UpdateEmployeeInput) -> UpdateEmployeeResult:
        async def body() -> EmployeeUpdated:
            employee = await people.update_employee(
                info.context.actor, required_uuid(input.id, field="id"), name=input.name, latin_name=input.latin_name,
                job_title=input.job_title, level=input.level, role=input.role,
                department_id=to_uuid(input.department_id, field="departmentId"),
                site_id=to_uuid(input.site_id, field="siteId"), manager_id=to_uuid(input.manager_id, field="managerId"),
            )
            return EmployeeUpdated(employee=await _employee(info, employee))
        return await attempt(body)

    @strawberry.mutation(description="HR: mark a person as left; their sessions end at once.")
    async def deactivate_employee(self, info: Info, input: DeactivateEmployeeInput) -> DeactivateEmployeeResult:
        async def body() -> EmployeeDeactivated:
            employee, revoked = await people.deactivate_employee(info.context.actor, required_uuid(input.id, field="id"), left_on=input.left_on)
            return EmployeeDeactivated(employee=await _employee(info, employee), sessions_revoked=revoked)
        return await attempt(body)

    @strawberry.mutation(description="HR: add a department.")
    async def create_department(self, info: Info, input: CreateDepartmentInput) -> CreateDepartmentResult:
        async def body() -> DepartmentCreated:
            department = await structure.create_department(info.context.actor, name=input.name, parent_id=to_uuid(input.parent_id, field="parentId"))
            return DepartmentCreated(department=Department.from_model(department))
        return await attempt(body)

    @strawberry.mutation(description="HR: rename, move or set the head of a department.")
    async def update_department(self, info: Info, input: UpdateDepartmentInput) -> UpdateDepartmentResult:
        async def body() -> DepartmentUpdated:
            department = await structure.update_department(
                info.context.actor, required_uuid(input.id, field="id"), name=input.name,
                parent_id=to_uuid(input.parent_id, field="parentId"), head_id=to_uuid(input.head_id, field="headId"),
            )
            return DepartmentUpdated(department=Department.from_model(department))
        return await attempt(body)

    @strawberry.mutation(description="HR: add a site.")
    async def create_site(self, info: Info, input: CreateSiteInput) -> CreateSiteResult:
        async def body() -> SiteCreated:
            site = await structure.create_site(info.context.actor, name=input.name, time_zone=input.time_zone, address=input.address)
            return SiteCreated(site=Site.from_model(site))
        return await attempt(body)

    @strawberry.mutation(description="Owner: change the organisation's name, time zone or language.")
    async def update_organization(self, info: Info, input: UpdateOrganizationInput) -> UpdateOrganizationResult:
        async def body() -> OrganizationUpdated:
            organization = await structure.update_organization(info.context.actor, name=input.name, time_zone=input.time_zone, locale=input.locale)
            return OrganizationUpdated(organization=Organization.from_model(organization))
        return await attempt(body)
