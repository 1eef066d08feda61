/** Who a template applies to: by department, job title and/or level (the most specific match wins on the server).
 * Shows how many active people each rule matches; add and remove rules. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText, type UserErrorShape } from '../../api/errors';
import type { PerfTemplateFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { Card, Field, Select, Status } from '../../ui/kit';
import { AssignScorecardTemplateDocument, RemoveTemplateAssignmentDocument } from '../../gql/graphql';

type Department = { id: string; name: string };

export function Assignments(props: { template: PerfTemplateFragment; departments: Department[]; onChanged: () => void }): JSX.Element {
  const [departmentId, setDepartmentId] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [level, setLevel] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);

  /** Run one mutation; a UserError result (it has a code) is shown, anything else counts as done. */
  async function run(action: () => Promise<UserErrorShape | { __typename: string }>, ok: string): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      const r = await action();
      if ('code' in r) setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setStatus({ text: ok, tone: 'ok' });
        props.onChanged();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function add(e: Event): void {
    e.preventDefault();
    if (!departmentId && !jobTitle.trim() && !level.trim()) {
      setStatus({ text: t('perf.assign.needOne'), tone: 'error' });
      return;
    }
    void run(async () => {
      const vars = { templateId: props.template.id, departmentId: departmentId || null, jobTitle: jobTitle.trim() || null, level: level.trim() || null };
      return (await gql(AssignScorecardTemplateDocument, vars)).assignScorecardTemplate;
    }, t('perf.assign.added')).then(() => {
      setJobTitle('');
      setLevel('');
    });
  }

  return (
    <Card title={t('perf.assign.title')}>
      {props.template.assignments.length === 0 ? (
        <p class="muted">{t('perf.templates.unassigned')}</p>
      ) : (
        <ul class="hits assignment-list">
          {props.template.assignments.map((a) => (
            <li key={a.id} data-id={a.id}>
              <span>
                {[a.department?.name, a.jobTitle, a.level].filter(Boolean).join(' · ')}
                <span class="muted"> · {t('perf.assign.matched', { count: a.matchedCount })}</span>
              </span>
              <button
                type="button"
                class="btn btn-danger-quiet btn-small"
                disabled={busy}
                onClick={() => void run(async () => (await gql(RemoveTemplateAssignmentDocument, { id: a.id })).removeTemplateAssignment, t('perf.assign.removed'))}
              >
                {t('perf.tpl.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form assign-form" onSubmit={add} noValidate>
        <Select
          label={t('perf.assign.department')}
          name="departmentId"
          value={departmentId}
          onValue={setDepartmentId}
          options={[{ value: '', label: t('perf.assign.anyDepartment') }, ...props.departments.map((d) => ({ value: d.id, label: d.name }))]}
        />
        <div class="two-col">
          <Field label={t('perf.assign.jobTitle')} name="jobTitle" value={jobTitle} onValue={setJobTitle} />
          <Field label={t('perf.assign.level')} name="level" value={level} onValue={setLevel} />
        </div>
        <button type="submit" class="btn btn-secondary" disabled={busy} aria-busy={busy}>
          {t('perf.assign.add')}
        </button>
        <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      </form>
    </Card>
  );
}
