/** Withdraw a pending request in two taps (ask, then confirm); the held points go back to the wallet. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { RedemptionRowFragment } from '../gql/graphql';
import { t } from '../i18n';
import { itemName } from './labels';
import { CancelRedemptionDocument } from '../gql/graphql';

export function CancelButton(props: {
  redemption: { id: string; points: number; item: { nameEn: string; nameZh: string } | null };
  disabled: boolean;
  onCancelled: (r: RedemptionRowFragment) => void;
}): JSX.Element {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const name = itemName(props.redemption.item);

  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);

  async function cancel(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(CancelRedemptionDocument, { id: props.redemption.id })).cancelRedemption;
      if (r.__typename === 'UserError') setError(userErrorText(r));
      else props.onCancelled(r.redemption);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="cancel-box">
      {asking ? (
        <div role="group" aria-label={t('redemptions.cancelAsk', { name })}>
          <p>{t('redemptions.cancelAsk', { name })}</p>
          <div class="actions">
            <button type="button" ref={yes} class="btn btn-small btn-danger-quiet confirm-cancel" onClick={cancel} disabled={busy || props.disabled} aria-busy={busy}>
              {t('redemptions.cancelYes')}
            </button>
            <button type="button" class="btn btn-small btn-secondary" onClick={() => setAsking(false)} disabled={busy}>
              {t('redemptions.cancelNo')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="btn btn-small btn-secondary cancel-redemption"
          aria-label={t('redemptions.cancelLabel', { name })}
          onClick={() => setAsking(true)}
          disabled={props.disabled}
        >
          {t('redemptions.cancel')}
        </button>
      )}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
