"""Who may recognise whom: shared checks for feedback, kudos and badge grants."""
from __future__ import annotations

from uuid import UUID

from backend.access.actor import Actor
from backend.access.permissions import Permission
from backend.core import validation
from backend.core.errors import Forbidden, ValidationFailed
from backend.org.models import Employee, EmployeeStatus
from backend.org.views import Visibility
from backend.recognition.models import CompanyValue


def giver_id(actor: Actor) -> UUID:
    if actor.employee_id is None:
        raise Forbidden("Only people can recognise colleagues.")
    return actor.employee_id


async def active_colleague(actor: Actor, employee_id: UUID, *, field: str) -> Employee:
    """The receiver: someone else, in the organisation, still with the company."""
    employee = await Employee.get_for(actor, employee_id, what="colleague")
    if employee.id == actor.employee_id:
        raise ValidationFailed("You cannot recognise yourself.", field=field)
    if employee.status != EmployeeStatus.ACTIVE:
        raise ValidationFailed("This person has left the company.", field=field)
    return employee


async def require_in_charge(actor: Actor, employee_id: UUID) -> None:
    """Managers act for people anywhere below them; HR for anyone. Checked before the person is
    looked up, so an id outside one's team is refused the same way whether it exists or not."""
    if Permission.RECOGNITION_GIVE_ANYONE in actor.permissions:
        return
    if employee_id not in await Visibility(actor).subordinates():
        raise Forbidden("Only their manager or HR can do this for this person.")


async def checked_value(actor: Actor, value_id: UUID | None) -> CompanyValue | None:
    if value_id is None:
        return None
    value = await CompanyValue.get_for(actor, value_id, what="company value")
    if not value.active:
        raise ValidationFailed("This value is no longer in use.", field="valueId")
    return value


def message_text(message: str, *, max_length: int, field: str = "message") -> str:
    return validation.trimmed(message, field=field, max_length=max_length)

