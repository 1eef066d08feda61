"""GraphQL for metric data in: values and their history, typed-in values, HR's sheet import and the
metric sources that push to the signed webhook. Each resolver calls one backend function."""
from __future__ import annotations

from typing import Annotated

import strawberry

from backend.performance import imports, metrics, sources
from backend.performance.models import MetricSourceKind
from schema.context import Info
from schema.core.errors import UserError
from schema.core.ids import person_or_self, required_uuid
from schema.core.results import attempt
from schema.performance.data_types import MetricImportReport, MetricSource, MetricValue, MetricValueChange


@strawberry.input(description="A metric value typed in by a manager (for people below them) or HR.")
class RecordMetricValueInput:
    cycle_id: strawberry.ID = strawberry.field(description="An open review cycle.")
    employee_id: strawberry.ID = strawberry.field(description="The person; never yourself.")
    metric_code: str = strawberry.field(description="A metric on the person's scorecard.")
    value: float = strawberry.field(description="The value (a % metric takes 0–100).")


@strawberry.type(description="A metric value was recorded.")
class MetricValueRecorded:
    value: MetricValue = strawberry.field(description="The current value now.")


@strawberry.type(description="A metric source and its signing secret, shown only this once.")
class MetricSourceSecret:
    source: MetricSource = strawberry.field(description="The source.")
    secret: str = strawberry.field(description="Sign each request with HMAC-SHA256 of \"{timestamp}.{raw body}\" "
                                               "using this; it is not shown again.")


@strawberry.type(description="A metric source was changed.")
class MetricSourceSaved:
    source: MetricSource = strawberry.field(description="The source now.")


RecordMetricValueResult = Annotated[MetricValueRecorded | UserError, strawberry.union("RecordMetricValueResult")]
ImportMetricValuesResult = Annotated[MetricImportReport | UserError, strawberry.union("ImportMetricValuesResult")]
MetricSourceSecretResult = Annotated[MetricSourceSecret | UserError, strawberry.union("MetricSourceSecretResult")]
SaveMetricSourceResult = Annotated[MetricSourceSaved | UserError, strawberry.union("SaveMetricSourceResult")]


@strawberry.type
class DataQuery:
    @strawberry.field(description="A person's current metric values in a cycle (yours when employeeId is null). "
                                  "The person, their managers and HR.")
    async def metric_values(self, info: Info, cycle_id: strawberry.ID,
                            employee_id: strawberry.ID | None = None) -> list[MetricValue]:
        actor = info.context.actor
        found = await metrics.list_metric_values(actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
                                                 employee_id=person_or_self(actor, employee_id))
        return [MetricValue.from_model(v) for v in found]

    @strawberry.field(description="Every value ever supplied for one metric of a person in a cycle, newest first.")
    async def metric_value_history(self, info: Info, cycle_id: strawberry.ID, employee_id: strawberry.ID,
                                   metric_code: str) -> list[MetricValueChange]:
        found = await metrics.metric_value_history(
            info.context.actor, cycle_id=required_uuid(cycle_id, field="cycleId"),
            employee_id=required_uuid(employee_id, field="employeeId"), metric_code=metric_code)
        return [MetricValueChange.from_model(c) for c in found]

    @strawberry.field(description="HR: the systems allowed to push metric values, by name.")
    async def metric_sources(self, info: Info) -> list[MetricSource]:
        return [MetricSource.from_model(s) for s in await sources.list_metric_sources(info.context.actor)]


@strawberry.type
class DataMutation:
    @strawberry.mutation(description="Manager (for people below them) or HR: type in a metric value in an open cycle.")
    async def record_metric_value(self, info: Info, input: RecordMetricValueInput) -> RecordMetricValueResult:
        async def body() -> MetricValueRecorded:
            saved = await metrics.record_metric_value(
                info.context.actor, cycle_id=required_uuid(input.cycle_id, field="cycleId"),
                employee_id=required_uuid(input.employee_id, field="employeeId"), metric_code=input.metric_code,
                value=input.value)
            return MetricValueRecorded(value=MetricValue.from_model(saved))
        return await attempt(body)

    @strawberry.mutation(description="HR: import a .csv or .xlsx (≤ 5 MB, ≤ 20,000 rows) with columns employee_number, "
                                     "metric_code, value (or 工号, 指标, 数值). All or nothing by default; "
                                     "allOrNothing false writes the valid rows; dryRun only checks.")
    async def import_metric_values(self, info: Info, cycle_id: strawberry.ID, file_name: str, content_base64: str,
                                   all_or_nothing: bool = True, dry_run: bool = False) -> ImportMetricValuesResult:
        async def body() -> MetricImportReport:
            report = await imports.import_metric_values_base64(
                info.context.actor, cycle_id=required_uuid(cycle_id, field="cycleId"), file_name=file_name,
                content_base64=content_base64, all_or_nothing=all_or_nothing, dry_run=dry_run)
            return MetricImportReport.from_report(report)
        return await attempt(body)

    @strawberry.mutation(description="HR: add a system that may push metric values; its secret is shown once.")
    async def create_metric_source(self, info: Info, name: str, kind: MetricSourceKind,
                                   allowed_metrics: list[str] | None = None) -> MetricSourceSecretResult:
        async def body() -> MetricSourceSecret:
            source, secret = await sources.create_metric_source(info.context.actor, name=name, kind=kind,
                                                                allowed_metrics=allowed_metrics or [])
            return MetricSourceSecret(source=MetricSource.from_model(source), secret=secret)
        return await attempt(body)

    @strawberry.mutation(description="HR: issue a new secret; the previous one keeps working for 24 hours.")
    async def rotate_metric_source_secret(self, info: Info, id: strawberry.ID) -> MetricSourceSecretResult:
        async def body() -> MetricSourceSecret:
            source, secret = await sources.rotate_metric_source_secret(info.context.actor,
                                                                       source_id=required_uuid(id, field="id"))
            return MetricSourceSecret(source=MetricSource.from_model(source), secret=secret)
        return await attempt(body)

    @strawberry.mutation(description="HR: switch a source's pushes off (refused as unknown) or back on.")
    async def set_metric_source_active(self, info: Info, id: strawberry.ID, active: bool) -> SaveMetricSourceResult:
        async def body() -> MetricSourceSaved:
            source = await sources.set_metric_source_active(info.context.actor, source_id=required_uuid(id, field="id"),
                                                            active=active)
            return MetricSourceSaved(source=MetricSource.from_model(source))
        return await attempt(body)
