/** HR: add delivered units (or remove some) relative to the current stock; never below zero. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { CatalogueItemFragment } from '../gql/graphql';
import { t } from '../i18n';
import { itemName } from '../rewards/labels';
import { Field } from '../ui/kit';
import { AdjustRewardStockDocument } from '../gql/graphql';

export function StockAdjust(props: {
  item: CatalogueItemFragment;
  disabled: boolean;
  onDone: (item: CatalogueItemFragment) => void;
  onClose: () => void;
}): JSX.Element {
  const [delta, setDelta] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const text = delta.trim().replace(/^\+/, '');
    if (!/^-?\d+$/.test(text) || Number(text) === 0) {
      setError(t('catalogue.err.delta'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(AdjustRewardStockDocument, { id: props.item.id, delta: Number(text) })).adjustRewardStock;
      if (r.__typename === 'UserError') setError(r.code === 'VALIDATION' ? t('catalogue.err.deltaServer', { count: props.item.stock ?? 0 }) : userErrorText(r));
      else props.onDone(r.item);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form panel" onSubmit={submit} noValidate ref={form}>
      <h3>{t('catalogue.stockTitle', { name: itemName(props.item) })}</h3>
      <p class="muted">{t('rewards.stockLeft', { count: props.item.stock ?? 0 })}</p>
      <Field label={t('catalogue.delta')} name="delta" inputMode="text" value={delta} onValue={setDelta} hint={t('catalogue.deltaHint')} error={error} />
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
          {t('catalogue.applyStock')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onClose}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
