/** HR (rules:manage): the organisation's rules, newest first, with their trigger, how often they fired and an on/off switch. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { RulesQuery } from '../gql/graphql';
import { localized, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Icon } from '../ui/icons';
import { ErrorNote, Loading, Page, Status, Toggle } from '../ui/kit';
import { RulesDocument, SetRuleActiveDocument } from '../gql/graphql';

type RuleRow = RulesQuery['rules'][number];

export function Rules({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(RulesDocument, {});
  const [rows, setRows] = useState<RuleRow[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);

  useEffect(() => setRows(data?.rules ?? []), [data]);
  const triggerName = (key: string) => {
    const tr = data?.ruleTriggers.find((x) => x.key === key);
    return tr ? localized(tr.nameEn, tr.nameZh) : key;
  };

  async function setActive(rule: RuleRow, active: boolean): Promise<void> {
    setBusy(rule.id);
    setStatus(null);
    try {
      const res = await gql(SetRuleActiveDocument, { id: rule.id, active });
      const r = res.setRuleActive;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
      } else {
        setRows((list) => list.map((x) => (x.id === r.rule.id ? { ...x, active: r.rule.active } : x)));
        setStatus({ text: t(r.rule.active ? 'rules.nowActive' : 'rules.nowInactive', { name: rule.name }), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t('rules.title')} back="/me">
      <p class="muted">{t('rules.intro')}</p>
      <a class="btn btn-primary btn-block" href="/me/rules/new">
        <Icon name="plus" size={20} /> {t('rules.new')}
      </a>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={5} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('rules.empty')}</p>
      ) : (
        <ul class="rule-list">
          {rows.map((r) => (
            <li key={r.id} class={`card rule-row${r.active ? ' is-active' : ''}`}>
              <a class="rule-name" href={`/me/rules/${encodeURIComponent(r.id)}`}>
                {r.name}
              </a>
              <p class="muted">
                {triggerName(r.trigger)} · {t('rules.fired', { count: r.firingCount })}
              </p>
              <Toggle
                label={t('rules.active')}
                ariaLabel={t('rules.activeFor', { name: r.name })}
                checked={r.active}
                disabled={busy === r.id || session.offline}
                onChange={(on) => void setActive(r, on)}
              />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
