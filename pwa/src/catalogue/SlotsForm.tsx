/** HR: publish 1:1 times for a CEO-meeting reward. Dates and times are picked in the organisation's zone and
 * sent as instants with that zone's offset; the free times already published are listed above. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { CatalogueItemFragment } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { zonedIso } from '../lib/zoned';
import { itemName, timeRange } from '../rewards/labels';
import { ErrorNote, Field, Loading, Status } from '../ui/kit';
import { CatalogueSlotsDocument, PublishRewardSlotsDocument } from '../gql/graphql';

type Row = { key: number; date: string; start: string; end: string; location: string };
let nextKey = 1;
const blank = (location = ''): Row => ({ key: nextKey++, date: '', start: '12:00', end: '13:00', location });

export function SlotsForm(props: { item: CatalogueItemFragment; zone: string; disabled: boolean; onPublished: () => void; onClose: () => void }): JSX.Element {
  const existing = useQuery(CatalogueSlotsDocument, { itemId: props.item.id });
  const [rows, setRows] = useState<Row[]>(() => [blank()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ row: number | null; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input')?.focus(), []);

  const update = (key: number, k: keyof Row) => (v: string) => setRows((list) => list.map((r) => (r.key === key ? { ...r, [k]: v } : r)));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const slots: { startsAt: string; endsAt: string; location: string }[] = [];
    for (const [i, r] of rows.entries()) {
      const startsAt = zonedIso(r.date, r.start, props.zone);
      const endsAt = zonedIso(r.date, r.end, props.zone);
      if (!startsAt || !endsAt) {
        setError({ row: i, text: t('slots.err.incomplete') });
        return;
      }
      const start = new Date(startsAt).getTime();
      const end = new Date(endsAt).getTime();
      if (start <= Date.now()) {
        setError({ row: i, text: t('slots.err.past') });
        return;
      }
      if (end <= start || end - start > 4 * 3_600_000) {
        setError({ row: i, text: t('slots.err.order') });
        return;
      }
      slots.push({ startsAt, endsAt, location: r.location.trim() });
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = (await gql(PublishRewardSlotsDocument, { itemId: props.item.id, slots })).publishRewardSlots;
      if (r.__typename === 'UserError') {
        // The API names the slot by its 1-based number ("Slot 2 …"): point at that row.
        const n = r.field === 'slots' ? Number(/\b(\d+)\b/.exec(r.message)?.[1] ?? 0) : 0;
        const row = n >= 1 && n <= rows.length ? n - 1 : null;
        setError({ row, text: r.code === 'VALIDATION' ? t('slots.err.server') : userErrorText(r) });
      } else {
        setStatus(t('slots.published', { count: r.slots.length }));
        setRows([blank(rows[rows.length - 1]?.location ?? '')]);
        existing.reload();
        props.onPublished();
      }
    } catch (err) {
      setError({ row: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const free = existing.data?.rewardSlots ?? [];
  return (
    <form class="form panel slots-form" onSubmit={submit} noValidate ref={form}>
      <h3>{t('slots.title', { name: itemName(props.item) })}</h3>
      <p class="hint">{t('catalogue.zoneHint', { zone: props.zone })}</p>
      {existing.error ? (
        <ErrorNote error={existing.error} onRetry={existing.reload} />
      ) : existing.loading && !existing.data ? (
        <Loading lines={1} />
      ) : (
        <>
          <p class="muted">{t('slots.free', { count: free.length })}</p>
          {free.length > 0 ? (
            <ul class="hits">
              {free.map((s) => (
                <li key={s.id}>
                  <span>{timeRange(s.startsAt, s.endsAt, props.zone)}</span>
                  <span class="muted">{[s.location, s.host?.name].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <ol class="condition-rows">
        {rows.map((r, i) => (
          <li key={r.key} class={`condition-row${error?.row === i ? ' row-invalid' : ''}`}>
            <fieldset class="form">
              <legend>{t('slots.rowN', { n: i + 1 })}</legend>
              <Field label={t('catalogue.date')} name="slot-date" type="date" value={r.date} onValue={update(r.key, 'date')} required />
              <div class="two-col">
                <Field label={t('slots.start')} name="slot-start" type="time" value={r.start} onValue={update(r.key, 'start')} required />
                <Field label={t('slots.end')} name="slot-end" type="time" value={r.end} onValue={update(r.key, 'end')} required />
              </div>
              <Field label={t('catalogue.location')} name="slot-location" value={r.location} onValue={update(r.key, 'location')} maxLength={200} />
              {error?.row === i ? (
                <p class="field-error" role="alert">
                  {error.text}
                </p>
              ) : null}
              {rows.length > 1 ? (
                <button type="button" class="btn btn-small btn-secondary" onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))} aria-label={t('slots.removeN', { n: i + 1 })}>
                  {t('rules.removeCondition')}
                </button>
              ) : null}
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" class="btn btn-secondary" onClick={() => setRows((list) => [...list, blank(list[list.length - 1]?.location ?? '')])}>
        {t('slots.add')}
      </button>
      <p class="form-error" role="alert">
        {error && error.row === null ? error.text : ''}
      </p>
      <Status text={status} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
          {t('slots.publish', { count: rows.length })}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>
          {t('app.close')}
        </button>
      </div>
    </form>
  );
}
