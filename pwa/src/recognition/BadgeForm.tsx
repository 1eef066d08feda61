/** Grant a badge: managers the badges managers may grant (to their team), HR also the HR-only ones. */
import type { JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { newClientKey } from '../lib/clientKey';
import { errorText, userErrorText, type UserErrorShape } from '../api/errors';
import { localized, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Icon } from '../ui/icons';
import { ErrorNote, Loading, TextArea } from '../ui/kit';
import { errorFor, formLevel, type FormError } from './formError';
import { GrantableBadgesDocument, GrantBadgeDocument } from '../gql/graphql';

const FIELDS = ['badgeId', 'message'] as const;

export function BadgeForm(props: { receiverId: string; receiverName: string; hrBadges: boolean; disabled: boolean; onDone: (badge: string) => void }): JSX.Element {
  const { data, error: loadError, loading, reload } = useQuery(GrantableBadgesDocument, {});
  const [badgeId, setBadgeId] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const group = useId();

  const badges = (data?.badges ?? []).filter((b) => b.active && (b.grantedBy === 'MANAGER' || (props.hrBadges && b.grantedBy === 'HR')));
  const chosen = badges.find((b) => b.id === badgeId);

  function describe(r: UserErrorShape): FormError {
    if (r.code === 'LIMIT_EXCEEDED') return { field: 'badgeId', text: t('recognize.err.badgeCap') };
    if (r.code === 'FORBIDDEN') return { field: null, text: t('recognize.err.notInTeam', { name: props.receiverName }) };
    return { field: r.field ?? null, text: userErrorText(r) };
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!chosen) {
      setError({ field: 'badgeId', text: t('recognize.err.pickBadge') });
      return;
    }
    key.current ??= newClientKey();
    setBusy(true);
    setError(null);
    try {
      const res = await gql(GrantBadgeDocument, {
        input: { employeeId: props.receiverId, badgeId: chosen.id, message: message.trim(), clientKey: key.current },
      });
      const r = res.grantBadge;
      key.current = null;
      if (r.__typename === 'UserError') setError(describe(r));
      else props.onDone(`${chosen.icon} ${localized(chosen.nameEn, chosen.nameZh)}`);
    } catch (err) {
      setError({ field: null, text: errorText(err) }); // keep the key: a retry must not give twice
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <ErrorNote error={loadError} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  if (badges.length === 0) return <p class="muted">{t('recognize.noBadges')}</p>;
  const badgeErr = errorFor(error, 'badgeId');
  return (
    <form class="form" onSubmit={submit} noValidate>
      <fieldset class={`badge-pick${badgeErr ? ' field-invalid' : ''}`}>
        <legend>{t('recognize.badge')}</legend>
        {badges.map((b) => (
          <label key={b.id} class={`badge-option${b.id === badgeId ? ' on' : ''}`}>
            <input type="radio" name={`badge-${group}`} value={b.id} checked={b.id === badgeId} onChange={() => setBadgeId(b.id)} />
            <span class="badge-emoji" aria-hidden="true">
              {b.icon}
            </span>
            <span class="badge-text">
              <span class="badge-name">{localized(b.nameEn, b.nameZh)}</span>
              <span class="muted">{localized(b.criteriaEn, b.criteriaZh)}</span>
              <span class="muted">{t(`badges.level.${b.level === 3 ? 3 : b.level === 2 ? 2 : 1}`)}</span>
            </span>
          </label>
        ))}
        {badgeErr ? <p class="field-error">{badgeErr}</p> : null}
      </fieldset>
      <TextArea label={t('recognize.badgeMessage')} name="message" value={message} onValue={setMessage} maxLength={500} rows={2} error={errorFor(error, 'message')} />
      <p class="form-error" role="alert">
        {formLevel(error, FIELDS)}
      </p>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy || props.disabled} aria-busy={busy}>
        <Icon name="medal" size={20} /> {busy ? t('recognize.sending') : t('recognize.grantBadge')}
      </button>
    </form>
  );
}
