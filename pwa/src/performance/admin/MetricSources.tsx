/** External systems that push metric values to the signed webhook: create one (its secret is shown once), switch
 * it on or off, rotate its secret (after a confirm step; the old secret stops working). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { MetricSourceKind, PerfMetricSourceFragment } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Field, Loading, Select, Status, Toggle } from '../../ui/kit';
import { sourceKindLabel, SOURCE_KINDS } from '../labels';
import { CreateMetricSourceDocument, MetricSourcesDocument, RotateMetricSourceSecretDocument, SetMetricSourceActiveDocument } from '../../gql/graphql';

type Secret = { sourceId: string; name: string; secret: string };

export function MetricSources({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(MetricSourcesDocument, {});
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MetricSourceKind>('CRM');
  const [allowed, setAllowed] = useState('');
  const [secret, setSecret] = useState<Secret | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const zone = orgZone(session);

  async function act<R>(run: () => Promise<R>, then: (r: R) => void): Promise<void> {
    setBusy(true);
    setStatus(null);
    try {
      then(await run());
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  function create(e: Event): void {
    e.preventDefault();
    if (!name.trim()) return setStatus({ text: t('perf.required'), tone: 'error' });
    const allowedMetrics = allowed.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
    void act(
      async () => (await gql(CreateMetricSourceDocument, { name: name.trim(), kind, allowedMetrics })).createMetricSource,
      (r) => {
        if (r.__typename === 'UserError') return setStatus({ text: userErrorText(r), tone: 'error' });
        setSecret({ sourceId: r.source.id, name: r.source.name, secret: r.secret });
        setName('');
        setAllowed('');
        reload();
      },
    );
  }

  function rotate(source: PerfMetricSourceFragment): void {
    void act(
      async () => (await gql(RotateMetricSourceSecretDocument, { id: source.id })).rotateMetricSourceSecret,
      (r) => {
        if (r.__typename === 'UserError') return setStatus({ text: userErrorText(r), tone: 'error' });
        setRotating(null);
        setSecret({ sourceId: r.source.id, name: r.source.name, secret: r.secret });
      },
    );
  }

  function setActive(source: PerfMetricSourceFragment, active: boolean): void {
    void act(
      async () => (await gql(SetMetricSourceActiveDocument, { id: source.id, active })).setMetricSourceActive,
      (r) => {
        if (r.__typename === 'UserError') return setStatus({ text: userErrorText(r), tone: 'error' });
        setStatus({ text: active ? t('perf.sources.on', { name: source.name }) : t('perf.sources.off', { name: source.name }), tone: 'ok' });
        reload();
      },
    );
  }

  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus({ text: t('app.copied'), tone: 'ok' });
    } catch {
      setStatus({ text: t('perf.sources.copyFailed'), tone: 'error' });
    }
  }

  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title" class="section-title">
        {t('perf.sources.title')}
      </h2>
      <p class="muted">{t('perf.sources.intro')}</p>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {secret ? (
        <div class="secret-box" role="region" aria-label={t('perf.sources.secretFor', { name: secret.name })}>
          <h3>{t('perf.sources.secretFor', { name: secret.name })}</h3>
          <p>{t('perf.sources.secretOnce')}</p>
          <p class="secret">{secret.secret}</p>
          <div class="actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={() => void copy(secret.secret)}>
              {t('app.copy')}
            </button>
            <button type="button" class="btn btn-primary btn-small" onClick={() => setSecret(null)}>
              {t('perf.sources.stored')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={2} />
      ) : (
        <ul class="perf-list source-list">
          {data?.metricSources.map((s) => (
            <li key={s.id} class="card perf-item" data-id={s.id}>
              <div class="perf-item-head">
                <p class="perf-item-title">
                  {s.name} <span class="muted">· {sourceKindLabel(s.kind)}</span>
                </p>
                <Toggle label={t('perf.sources.active')} checked={s.active} disabled={busy} onChange={(on) => setActive(s, on)} ariaLabel={t('perf.sources.activeNamed', { name: s.name })} />
              </div>
              <p class="muted">{s.allowedMetrics.length ? t('perf.sources.allowed', { list: s.allowedMetrics.join(', ') }) : t('perf.sources.allowedAny')}</p>
              {s.webhookPath ? <p class="mono">POST {s.webhookPath}</p> : null}
              <p class="muted">{s.lastUsedAt ? t('perf.sources.lastUsed', { when: formatInstant(s.lastUsedAt, zone) }) : t('perf.sources.neverUsed')}</p>
              {rotating === s.id ? (
                <div class="confirm-box">
                  <p>{t('perf.sources.rotateConfirm', { name: s.name })}</p>
                  <div class="actions">
                    <button type="button" class="btn btn-danger" disabled={busy} onClick={() => rotate(s)}>
                      {t('perf.sources.rotate')}
                    </button>
                    <button type="button" class="btn btn-secondary" onClick={() => setRotating(null)}>
                      {t('app.cancel')}
                    </button>
                  </div>
                </div>
              ) : (
                <div class="actions">
                  <button type="button" class="btn btn-secondary btn-small" onClick={() => setRotating(s.id)}>
                    {t('perf.sources.rotate')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <form class="form card source-form" onSubmit={create} noValidate>
        <h3>{t('perf.sources.new')}</h3>
        <Field label={t('perf.sources.name')} name="sourceName" value={name} onValue={setName} required />
        <Select label={t('perf.sources.kind')} name="sourceKind" value={kind} onValue={(v) => setKind(v as MetricSourceKind)} options={SOURCE_KINDS.map((k) => ({ value: k, label: sourceKindLabel(k) }))} />
        <Field label={t('perf.sources.allowedLabel')} name="allowedMetrics" value={allowed} onValue={setAllowed} autoCapitalize="none" spellcheck={false} hint={t('perf.sources.allowedHint')} />
        <button type="submit" class="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t('perf.sources.create')}
        </button>
      </form>
    </section>
  );
}
