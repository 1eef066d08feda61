/** What a rule would have done last month: totals and who it would have rewarded. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { PreviewRuleMutation } from '../gql/graphql';
import { t } from '../i18n';
import { formatInstant, formatInstantDate } from '../lib/dates';
import { formatMoney } from '../lib/money';
import { Facts } from '../ui/kit';

export type Preview = Extract<PreviewRuleMutation['previewRule'], { __typename: 'RulePreviewed' }>['preview'];
const SHOWN = 20;

export function RulePreviewPanel(props: { preview: Preview; zone: string; currency: string }): JSX.Element {
  const p = props.preview;
  const [all, setAll] = useState(false);
  // `until` is exclusive: the window's last day is the day before it.
  const lastDay = new Date(new Date(p.until).getTime() - 1).toISOString();
  const hits = all ? p.hits : p.hits.slice(0, SHOWN);
  return (
    <section class="card rule-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('rules.previewTitle')}</h2>
      <p class="muted">{t('rules.previewWindow', { from: formatInstantDate(p.since, props.zone), to: formatInstantDate(lastDay, props.zone) })}</p>
      <Facts
        rows={[
          [t('rules.previewEvents'), String(p.eventsConsidered)],
          [t('rules.previewRecipients'), String(p.recipients)],
          [t('rules.previewPoints'), String(p.pointsTotal)],
          [t('rules.previewBonus'), formatMoney(p.bonusMinorTotal, props.currency)],
          [t('rules.previewBadges'), String(p.badges)],
        ]}
      />
      {p.hits.length === 0 ? (
        <p class="muted">{t('rules.previewNone')}</p>
      ) : (
        <>
          <h3>{t('rules.previewHits')}</h3>
          <ol class="hits">
            {hits.map((h, i) => (
              <li key={`${h.occurredAt}-${i}`}>
                <span>{h.recipient?.name ?? '—'}</span>
                <time class="muted" dateTime={h.occurredAt}>
                  {formatInstant(h.occurredAt, props.zone)}
                </time>
              </li>
            ))}
          </ol>
          {!all && p.hits.length > SHOWN ? (
            <button type="button" class="btn btn-secondary btn-block" onClick={() => setAll(true)}>
              {t('rules.previewAll', { count: p.hits.length })}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
