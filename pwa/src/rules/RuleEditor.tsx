/** HR (rules:manage): define "when <trigger> [and conditions] then <awards>", try it on last month, save, switch it on or off. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { codeText, errorText, type UserErrorShape } from '../api/errors';
import { localized, t, type MessageKey } from '../i18n';
import { formatInstant } from '../lib/dates';
import { navigate } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Field, Loading, Page, Select, Status, TextArea, Toggle } from '../ui/kit';
import { ConditionRows } from './ConditionRows';
import { emptyDraft, fromRule, problemKey, toInput, type Draft, type Problems } from './draft';
import { RulePreviewPanel, type Preview } from './RulePreviewPanel';
import { CreateRuleDocument, PreviewRuleDocument, RuleDocument, RuleEditorOptionsDocument, SetRuleActiveDocument, UpdateRuleDocument } from '../gql/graphql';

type Busy = 'save' | 'preview' | 'active' | null;
type Tone = { text: string; tone: 'ok' | 'error' };

const problemText: Record<string, MessageKey> = {
  name: 'rules.err.name',
  trigger: 'rules.err.trigger',
  conditions: 'rules.err.conditions',
  points: 'rules.err.points',
  badge: 'rules.err.badge',
  bonus: 'rules.err.bonus',
  letterEn: 'rules.err.letter',
  letterZh: 'rules.err.letter',
  awards: 'rules.err.awards',
};

function textFor(key: string): string {
  return t(key.startsWith('row:') ? 'rules.err.condition' : problemText[key] ?? 'error.VALIDATION');
}

export function RuleEditor({ session, id }: { session: Session; id: string | null }): JSX.Element {
  const options = useQuery(RuleEditorOptionsDocument, {});
  const existing = useQuery(RuleDocument, { id: id ?? '' }, { skip: !id });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [active, setActive] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState('');
  const [status, setStatus] = useState<Tone | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const zone = orgZone(session);
  const currency = session.me.organization.currency;

  // Applied once per load; the activate button waits for it, so a late response cannot undo a switch.
  useEffect(() => {
    if (!existing.data) return;
    setDraft(fromRule(existing.data.rule));
    setActive(existing.data.rule.active);
    setDirty(false);
  }, [existing.data]);
  useEffect(() => {
    if (!id && options.data) setDraft((d) => d ?? emptyDraft(options.data?.ruleTriggers[0]?.key ?? ''));
  }, [options.data, id]);

  const title = id ? existing.data?.rule.name ?? t('rules.editTitle') : t('rules.newTitle');
  const failed = options.error ?? existing.error;
  if (failed || !options.data || !draft) {
    return (
      <Page title={title} back="/me/rules">
        {failed ? <ErrorNote error={failed} onRetry={() => (options.error ? options.reload() : existing.reload())} /> : <Loading lines={8} />}
      </Page>
    );
  }

  const triggers = options.data.ruleTriggers;
  const trigger = triggers.find((x) => x.key === draft.trigger);
  const fields = trigger?.fields ?? [];
  const badges = options.data.badges.filter((b) => b.active || b.code === draft.badgeCode);
  const current = draft;

  function change(patch: Partial<Draft>): void {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
    setPreview(null);
    const touched = Object.keys(patch);
    const stale = (k: string) => touched.includes(k) || (k.startsWith('row:') && touched.includes('rows')) || (k === 'badge' && touched.includes('badgeCode'));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !stale(k))));
  }

  function check(needName: boolean): ReturnType<typeof toInput> | null {
    const input = toInput(current, fields);
    const problems: Problems = { ...input.problems };
    if (needName && !current.name.trim()) problems.name = true;
    const keys = Object.keys(problems);
    setErrors(Object.fromEntries(keys.map((k) => [k, textFor(k)])));
    setFormError(keys.length ? t('rules.err.check') : '');
    return keys.length ? null : input;
  }

  function showUserError(r: UserErrorShape): void {
    const key = problemKey(r.field, current);
    const text = r.code === 'VALIDATION' && key ? textFor(key) : codeText(r.code, r.message);
    if (key) {
      setErrors({ [key]: text });
      setFormError(t('rules.err.check'));
    } else {
      setErrors({});
      setFormError(text);
    }
  }

  async function runPreview(): Promise<void> {
    const input = check(false);
    if (!input) return;
    setBusy('preview');
    setStatus(null);
    try {
      const res = await gql(PreviewRuleDocument, { input: { trigger: current.trigger, conditions: input.conditions, awards: input.awards } });
      const r = res.previewRule;
      if (r.__typename === 'UserError') {
        showUserError(r);
      } else {
        setPreview(r.preview);
        setStatus({ text: t('rules.previewSummary', { people: r.preview.recipients, points: r.preview.pointsTotal }), tone: 'ok' });
      }
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    const input = check(true);
    if (!input) return;
    setBusy('save');
    setStatus(null);
    const ruleInput = { name: current.name.trim(), trigger: current.trigger, conditions: input.conditions, awards: input.awards };
    try {
      if (id) {
        const res = await gql(UpdateRuleDocument, { id, input: ruleInput });
        const r = res.updateRule;
        if (r.__typename === 'UserError') return showUserError(r);
        setDraft(fromRule(r.rule));
        setActive(r.rule.active);
      } else {
        const res = await gql(CreateRuleDocument, { input: ruleInput, active: false });
        const r = res.createRule;
        if (r.__typename === 'UserError') return showUserError(r);
        navigate(`/me/rules/${encodeURIComponent(r.rule.id)}`, { replace: true });
      }
      setDirty(false);
      setStatus({ text: t('rules.saved'), tone: 'ok' });
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(null);
    }
  }

  async function toggleActive(): Promise<void> {
    if (!id) return;
    setBusy('active');
    setStatus(null);
    try {
      const res = await gql(SetRuleActiveDocument, { id, active: !active });
      const r = res.setRuleActive;
      if (r.__typename === 'UserError') {
        setStatus({ text: codeText(r.code, r.message), tone: 'error' });
      } else {
        setActive(r.rule.active);
        setStatus({ text: t(r.rule.active ? 'rules.nowActive' : 'rules.nowInactive', { name: current.name }), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  const firings = existing.data?.ruleFirings;
  return (
    <Page title={title} back="/me/rules">
      <form class="form rule-form" onSubmit={save} noValidate>
        <Card>
          <div class="form">
            <Field label={t('rules.name')} name="name" value={draft.name} onValue={(name) => change({ name })} maxLength={120} required error={errors.name ?? null} />
            <Select
              label={t('rules.trigger')}
              name="trigger"
              value={draft.trigger}
              onValue={(key) => change({ trigger: key, rows: [], complex: null })}
              options={triggers.map((x) => ({ value: x.key, label: localized(x.nameEn, x.nameZh) }))}
              hint={trigger ? localized(trigger.descriptionEn, trigger.descriptionZh) : undefined}
              error={errors.trigger ?? null}
            />
          </div>
        </Card>
        <Card>
          <ConditionRows draft={draft} fields={fields} errors={errors} onChange={change} />
        </Card>
        <Card>
          <fieldset class="form awards">
            <legend>{t('rules.awards')}</legend>
            <Field label={t('rules.points')} name="points" inputMode="numeric" value={draft.points} onValue={(points) => change({ points })} placeholder="0" error={errors.points ?? null} />
            <Select
              label={t('rules.badge')}
              name="badge"
              value={draft.badgeCode}
              onValue={(badgeCode) => change({ badgeCode })}
              options={[{ value: '', label: t('rules.noBadge') }, ...badges.map((b) => ({ value: b.code, label: `${b.icon} ${localized(b.nameEn, b.nameZh)}` }))]}
              error={errors.badge ?? null}
            />
            <Field
              label={t('rules.bonus', { currency })}
              name="bonus"
              inputMode="decimal"
              value={draft.bonus}
              onValue={(bonus) => change({ bonus })}
              placeholder="0"
              hint={t('rules.bonusHint')}
              error={errors.bonus ?? null}
            />
            <TextArea label={t('rules.letterEn')} name="letterEn" lang="en" value={draft.letterEn} onValue={(letterEn) => change({ letterEn })} maxLength={1000} rows={3} hint={t('rules.letterHint')} error={errors.letterEn ?? null} />
            <TextArea label={t('rules.letterZh')} name="letterZh" lang="zh-CN" value={draft.letterZh} onValue={(letterZh) => change({ letterZh })} maxLength={1000} rows={3} error={errors.letterZh ?? null} />
            <Toggle label={t('rules.announce')} name="announce" checked={draft.announce} onChange={(announce) => change({ announce })} hint={t('rules.announceHint')} />
            {errors.awards ? <p class="field-error">{errors.awards}</p> : null}
          </fieldset>
        </Card>
        <p class="form-error" role="alert">
          {formError}
        </p>
        <div class="actions">
          <button type="button" class="btn btn-secondary preview-rule" onClick={() => void runPreview()} disabled={busy !== null || session.offline} aria-busy={busy === 'preview'}>
            {t('rules.preview')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy !== null || session.offline} aria-busy={busy === 'save'}>
            {t('app.save')}
          </button>
        </div>
      </form>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {id ? (
        <Card title={t('rules.state')}>
          <p>
            <span class={`tag ${active ? '' : 'tag-quiet'}`}>{t(active ? 'rules.isActive' : 'rules.isInactive')}</span>
          </p>
          {dirty ? <p class="hint">{t('rules.saveFirst')}</p> : null}
          <div class="actions">
            <button
              type="button"
              class={`btn activate-rule ${active ? 'btn-danger-quiet' : 'btn-primary'}`}
              onClick={() => void toggleActive()}
              disabled={busy !== null || dirty || existing.loading || session.offline}
              aria-busy={busy === 'active'}
            >
              {t(active ? 'rules.deactivate' : 'rules.activate')}
            </button>
          </div>
        </Card>
      ) : null}
      {preview ? <RulePreviewPanel preview={preview} zone={zone} currency={currency} /> : null}
      {firings && firings.totalCount > 0 ? (
        <Card title={t('rules.firings', { count: firings.totalCount })}>
          <ol class="hits">
            {firings.edges.map(({ node }) => (
              <li key={node.id}>
                <span>{node.recipient?.name ?? '—'}</span>
                <time class="muted" dateTime={node.firedAt}>
                  {formatInstant(node.firedAt, zone)}
                </time>
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </Page>
  );
}
