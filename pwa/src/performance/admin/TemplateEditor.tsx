/** Create a scorecard template or revise one (a new version). The weight sum updates as you type and saving is
 * blocked unless it is exactly 100 %; a reason is required when the template is already scoring people in an
 * open cycle. The server's own error (naming the sum) is shown too. */
import '../performance.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfTemplateFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import { errorFor, type FormError } from '../../recognition/formError';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Page, Status, TextArea } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { dimensionName } from '../labels';
import { Assignments } from './Assignments';
import { DimensionRow } from './DimensionRow';
import { emptyDimension, fromTemplate, toInput, weightSum, type DimensionDraft, type DraftError } from './draft';
import { Versions } from './Versions';
import { AdminTemplateDocument, CreateScorecardTemplateDocument, ReviseScorecardTemplateDocument } from '../../gql/graphql';

const BACK = '/performance/admin?tab=templates';

export function TemplateEditor({ session, id }: { session: Session; id: string | null }): JSX.Element {
  const loaded = useQuery(AdminTemplateDocument, { id: id ?? '' }, { skip: id === null });
  const [template, setTemplate] = useState<PerfTemplateFragment | null>(null);
  const [dims, setDims] = useState<DimensionDraft[]>(() => (id ? [] : [emptyDimension()]));
  const [code, setCode] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameZh, setNameZh] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<(FormError & { key?: string | null }) | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    const tpl = loaded.data?.scorecardTemplate;
    if (!tpl) return;
    setTemplate(tpl);
    setDims(fromTemplate(tpl));
  }, [loaded.data]);

  const sum = weightSum(dims);
  const inUse = id !== null && (template?.assignments.some((a) => a.matchedCount > 0) ?? false) && (loaded.data?.reviewCycles.some((c) => c.scoredCount > 0) ?? false);
  const draftError: DraftError | null = error && 'key' in error && error.key !== undefined ? { key: error.key, field: error.field ?? '', text: error.text } : null;

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setStatus(null);
    if (id === null && !/^[a-z][a-z0-9_-]{0,39}$/.test(code)) return setError({ field: 'code', text: t('perf.tpl.badCode') });
    if (id === null && (!nameEn.trim() || !nameZh.trim())) return setError({ field: nameZh.trim() ? 'nameEn' : 'nameZh', text: t('perf.required') });
    const checked = toInput(dims);
    if ('text' in checked) return setError({ field: checked.field, text: checked.text, key: checked.key });
    if (inUse && !reason.trim()) return setError({ field: 'reason', text: t('perf.tpl.reasonRequired') });
    setBusy(true);
    setError(null);
    try {
      if (id === null) {
        const r = (await gql(CreateScorecardTemplateDocument, { input: { code, nameEn: nameEn.trim(), nameZh: nameZh.trim(), dimensions: checked.input } })).createScorecardTemplate;
        if (r.__typename === 'UserError') setError({ field: r.field ?? 'server', text: userErrorText(r) });
        else navigate(`/performance/admin/templates/${encodeURIComponent(r.template.id)}`, { replace: true });
      } else {
        const r = (await gql(ReviseScorecardTemplateDocument, { id, dimensions: checked.input, reason: reason.trim() })).reviseScorecardTemplate;
        if (r.__typename === 'UserError') setError({ field: r.field ?? 'server', text: userErrorText(r) });
        else {
          setTemplate(r.template);
          setDims(fromTemplate(r.template));
          setReason('');
          setStatus(t('perf.tpl.saved', { version: r.template.currentVersion }));
        }
      }
    } catch (err) {
      setError({ field: 'server', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const title = id === null ? t('perf.templates.new') : template ? `${dimensionName(template)} · v${template.currentVersion}` : t('perf.templates.title');
  if (id !== null && (loaded.error || !template)) {
    return (
      <Page title={title} back={BACK}>
        {loaded.error ? <ErrorNote error={loaded.error} onRetry={loaded.reload} /> : <Loading lines={6} />}
      </Page>
    );
  }
  const sumText = t('perf.tpl.sum', { sum });
  return (
    <Page title={title} back={BACK}>
      <form class="form template-editor" onSubmit={save} noValidate>
        {id === null ? (
          <Card title={t('perf.tpl.about')}>
            <Field label={t('perf.tpl.templateCode')} name="templateCode" value={code} onValue={setCode} autoCapitalize="none" spellcheck={false} hint={t('perf.tpl.codeHint')} error={errorFor(error, 'code')} />
            <div class="two-col">
              <Field label={t('perf.nameZh')} name="templateNameZh" value={nameZh} onValue={setNameZh} error={errorFor(error, 'nameZh')} />
              <Field label={t('perf.nameEn')} name="templateNameEn" value={nameEn} onValue={setNameEn} error={errorFor(error, 'nameEn')} />
            </div>
          </Card>
        ) : null}
        <section class="dim-editor" aria-labelledby="dims-title">
          <h2 id="dims-title" class="section-title">
            {t('perf.tpl.dimensions')}
          </h2>
          {dims.map((d, i) => (
            <DimensionRow
              key={d.key}
              index={i}
              dim={d}
              error={draftError}
              onChange={(nd) => {
                setDims((list) => list.map((x) => (x.key === nd.key ? nd : x)));
                setError(null);
              }}
              onRemove={() => setDims((list) => list.filter((x) => x.key !== d.key))}
            />
          ))}
          <button type="button" class="btn btn-secondary add-dimension" onClick={() => setDims((list) => [...list, emptyDimension()])}>
            <Icon name="plus" size={20} /> {t('perf.tpl.add')}
          </button>
        </section>
        <div class={`weight-sum ${sum === 100 ? 'ok' : 'bad'}`} role="status" aria-live="polite">
          <span>{sum === 100 ? t('perf.tpl.sumOk') : sum < 100 ? t('perf.tpl.sumShort', { missing: 100 - sum }) : t('perf.tpl.sumOver', { over: sum - 100 })}</span>
          <span class="weight-sum-value">{sumText}</span>
        </div>
        {id !== null ? (
          <TextArea
            label={inUse ? t('perf.tpl.reasonInUse') : t('perf.tpl.reason')}
            name="reason"
            value={reason}
            onValue={(v) => {
              setReason(v);
              setError(null);
            }}
            rows={2}
            maxLength={500}
            required={inUse}
            hint={inUse ? t('perf.tpl.reasonHint') : undefined}
            error={errorFor(error, 'reason')}
          />
        ) : null}
        <p class="form-error server-error" role="alert">
          {error && !draftError && !['code', 'nameEn', 'nameZh', 'reason'].includes(error.field ?? '') ? error.text : draftError?.text ?? ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block save-template" disabled={busy || sum !== 100} aria-busy={busy} aria-describedby="save-why">
          {id === null ? t('perf.tpl.create') : t('perf.tpl.saveVersion')}
        </button>
        <p id="save-why" class="why-disabled">
          {sum !== 100 ? t('perf.tpl.blocked', { sum }) : ''}
        </p>
        <Status text={status} />
      </form>
      {template ? <Assignments template={template} departments={loaded.data?.departments.edges.map((e) => e.node) ?? []} onChanged={loaded.reload} /> : null}
      {template ? <Versions template={template} zone={orgZone(session)} /> : null}
    </Page>
  );
}
