"""The organisation's shape: settings, departments (a tree), sites, and kiosk codes."""
from __future__ import annotations

import uuid

import pytest

from backend.access import authn
from backend.access.models import KioskCredential, Locale, Organization, Session
from backend.access.tokens import digest
from backend.audit.models import AuditEntry
from backend.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from backend.org import structure
from backend.org.models import Department, Site
from tests.factories.access import kiosk_code
from tests.factories.org import make_company


async def test_create_department_is_audited(db):
    # given
    company = await make_company()
    # when
    department = await structure.create_department(company.hr.actor, name="  Quality   Control ")
    # then
    assert (await Department.get(id=department.id)).name == "Quality Control"
    entry = await AuditEntry.get(action="department.created")
    assert entry.entity_id == str(department.id) and entry.after == {"name": "Quality Control", "parent_id": None}


async def test_a_department_can_sit_inside_another(db):
    # given
    company = await make_company()
    # when
    child = await structure.create_department(company.hr.actor, name="Line 1", parent_id=company.department.id)
    # then
    assert (await Department.get(id=child.id)).parent_id == company.department.id


async def test_a_parent_from_another_organisation_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when
    with pytest.raises(NotFound) as foreign:
        await structure.create_department(company.hr.actor, name="Line 1", parent_id=other.department.id)
    with pytest.raises(NotFound) as random:
        await structure.create_department(company.hr.actor, name="Line 1", parent_id=uuid.uuid4())
    # then
    assert foreign.value.message == random.value.message
    assert await Department.filter(name="Line 1").count() == 0


async def test_moving_a_department_below_its_own_descendant_is_refused(db):
    # given Production > Line 1 > Cell A
    company = await make_company()
    line = await structure.create_department(company.hr.actor, name="Line 1", parent_id=company.department.id)
    cell = await structure.create_department(company.hr.actor, name="Cell A", parent_id=line.id)
    # when
    with pytest.raises(ValidationFailed) as refused:
        await structure.update_department(company.hr.actor, company.department.id, parent_id=cell.id)
    # then
    assert refused.value.field == "parentId"
    assert (await Department.get(id=company.department.id)).parent_id is None


async def test_a_department_cannot_be_its_own_parent(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await structure.update_department(company.hr.actor, company.department.id, parent_id=company.department.id)
    assert refused.value.field == "parentId"


async def test_moving_a_department_elsewhere_is_audited(db):
    # given two top-level departments
    company = await make_company()
    office = await structure.create_department(company.hr.actor, name="Office")
    # when
    await structure.update_department(company.hr.actor, company.department.id, parent_id=office.id)
    # then
    assert (await Department.get(id=company.department.id)).parent_id == office.id
    entry = await AuditEntry.get(action="department.updated")
    assert entry.before == {"parent_id": None} and entry.after == {"parent_id": str(office.id)}


async def test_a_department_head_from_another_organisation_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when / then
    with pytest.raises(NotFound):
        await structure.update_department(company.hr.actor, company.department.id, head_id=other.manager.employee.id)
    assert (await Department.get(id=company.department.id)).head_id is None


async def test_an_employee_cannot_create_a_department(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await structure.create_department(company.employee.actor, name="Skunkworks")
    assert await Department.filter(name="Skunkworks").count() == 0


async def test_create_site_keeps_its_time_zone_and_is_audited(db):
    # given
    company = await make_company()
    # when
    site = await structure.create_site(company.hr.actor, name="Shenzhen Plant", time_zone="Asia/Shanghai", address=" ")
    # then
    stored = await Site.get(id=site.id)
    assert (stored.name, stored.time_zone, stored.address) == ("Shenzhen Plant", "Asia/Shanghai", None)
    assert (await AuditEntry.get(action="site.created")).entity_id == str(site.id)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../../etc/passwd", "asia/shanghai "])
async def test_a_site_with_an_unknown_time_zone_is_refused(db, zone):
    # given
    company = await make_company()
    # when
    with pytest.raises(ValidationFailed) as refused:
        await structure.create_site(company.hr.actor, name="Nowhere", time_zone=zone)
    # then
    assert refused.value.field == "timeZone"
    assert await Site.filter(name="Nowhere").count() == 0


async def test_the_owner_updates_the_organisation_and_only_changes_are_audited(db):
    # given
    company = await make_company()
    # when
    await structure.update_organization(company.owner.actor, name="Acme Holdings", time_zone="Asia/Shanghai", locale=Locale.EN)
    # then
    org = await Organization.get(id=company.org.id)
    assert (org.name, org.locale) == ("Acme Holdings", Locale.EN)
    entry = await AuditEntry.get(action="organization.updated")
    assert entry.before == {"name": "Acme", "locale": "zh-CN"} and entry.after == {"name": "Acme Holdings", "locale": "en"}


async def test_hr_cannot_update_the_organisation(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await structure.update_organization(company.hr.actor, name="Hijacked")
    assert (await Organization.get(id=company.org.id)).name == "Acme"


async def test_an_unknown_organisation_time_zone_is_refused(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await structure.update_organization(company.owner.actor, time_zone="Europe/Atlantis")
    assert refused.value.field == "timeZone"
    assert (await Organization.get(id=company.org.id)).time_zone == "Asia/Shanghai"


async def test_a_kiosk_code_is_shown_once_and_only_its_digest_is_stored(db):
    # given
    company = await make_company()
    # when
    credential, code = await structure.issue_kiosk_credential(company.hr.actor, site_id=company.site.id, label="Gate 1")
    # then
    assert code.isdigit() and len(code) == 8
    stored = await KioskCredential.get(id=credential.id)
    assert stored.code_digest == digest(code, purpose="kiosk") and code not in stored.code_digest
    entry = await AuditEntry.get(action="kiosk.issued")
    assert code not in str(entry.after) and entry.after == {"label": "Gate 1", "site_id": str(company.site.id)}


async def test_a_kiosk_code_for_another_organisations_site_is_not_found(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    # when / then
    with pytest.raises(NotFound):
        await structure.issue_kiosk_credential(company.hr.actor, site_id=other.site.id, label="Gate 1")
    assert await KioskCredential.all().count() == 0


async def test_a_manager_cannot_issue_a_kiosk_code(db):
    # given
    company = await make_company()
    # when / then
    with pytest.raises(Forbidden):
        await structure.issue_kiosk_credential(company.manager.actor, site_id=company.site.id, label="Gate 1")
    assert await KioskCredential.all().count() == 0


async def test_revoking_a_kiosk_code_signs_its_tablets_out(db):
    # given two tablets signed in with one code, one with another
    company = await make_company()
    credential, code = await kiosk_code(company, label="Gate 1")
    _, other_code = await kiosk_code(company, label="Gate 2")
    tablets = [await authn.kiosk_login(code=code, ip="10.0.0.5", user_agent="tablet") for _ in range(2)]
    other = await authn.kiosk_login(code=other_code, ip="10.0.0.6", user_agent="tablet")
    # when
    revoked = await structure.revoke_kiosk_credential(company.hr.actor, credential.id)
    # then
    assert revoked.revoked_at is not None
    assert [await authn.resolve(t.token) for t in tablets] == [None, None]
    assert await Session.filter(kiosk_id=credential.id, revoked_at=None).count() == 0
    assert await authn.resolve(other.token) is not None
    assert (await AuditEntry.get(action="kiosk.revoked")).entity_id == str(credential.id)


async def test_revoking_a_kiosk_code_twice_is_a_conflict(db):
    # given
    company = await make_company()
    credential, _ = await kiosk_code(company)
    await structure.revoke_kiosk_credential(company.hr.actor, credential.id)
    # when / then
    with pytest.raises(Conflict):
        await structure.revoke_kiosk_credential(company.hr.actor, credential.id)
    assert await AuditEntry.filter(action="kiosk.revoked").count() == 1


async def test_another_organisations_kiosk_code_cannot_be_revoked(db):
    # given
    company, other = await make_company("Acme"), await make_company("Globex")
    credential, code = await kiosk_code(other)
    # when / then
    with pytest.raises(NotFound):
        await structure.revoke_kiosk_credential(company.hr.actor, credential.id)
    assert (await KioskCredential.get(id=credential.id)).revoked_at is None
