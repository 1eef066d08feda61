/** One reward: what it gives, who may redeem it and why not (yet), a CEO meeting's free times, and redeeming
 * with a confirmation step. The client key is made once per confirmed request and reused when it is retried. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { localized, locale, t } from '../i18n';
import { newClientKey } from '../lib/clientKey';
import { formatInstant } from '../lib/dates';
import { navigate } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Facts, Loading, Page, TextArea } from '../ui/kit';
import { KindIcon } from './KindIcon';
import { gateLines, givesText, itemName, kindLabel, periodLabel, pointsText, timeRange } from './labels';
import { RedeemRewardDocument, RewardDetailDocument, RewardSlotsDocument } from '../gql/graphql';

const MAX_NOTE = 500;

export function RewardDetail({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(RewardDetailDocument, { id });
  const isMeeting = data?.reward.kind === 'CEO_MEETING';
  const slots = useQuery(RewardSlotsDocument, { itemId: id }, { skip: !isMeeting });
  const [slotId, setSlotId] = useState('');
  const [note, setNote] = useState('');
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const key = useRef<string | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const zone = orgZone(session);
  const currency = session.me.organization.currency;

  useEffect(() => {
    if (step === 'confirm') confirmHeading.current?.focus();
  }, [step]);

  if (error) {
    return (
      <Page title={t('rewards.title')} back="/rewards">
        <ErrorNote error={error} onRetry={reload} />
      </Page>
    );
  }
  if (loading || !data) {
    return (
      <Page title={t('rewards.title')} back="/rewards">
        <Loading lines={6} />
      </Page>
    );
  }

  const item = data.reward;
  const reasons = data.rewardEligibility;
  const wallet = data.pointsBalance.wallet;
  const missing = Math.max(0, item.costPoints - wallet);
  const gates = gateLines(item.eligibility);
  const freeSlots = slots.data?.rewardSlots ?? [];
  const fmt = new Intl.NumberFormat(locale());
  const description = localized(item.descriptionEn, item.descriptionZh);

  const why = !item.active
    ? t('rewards.why.inactive')
    : reasons.length > 0
      ? t('rewards.why.notEligible')
      : item.stock === 0
        ? t('rewards.outOfStock')
        : missing > 0
          ? t('rewards.why.short', { count: missing })
          : isMeeting && freeSlots.length === 0 && !slots.loading
            ? t('rewards.why.noSlots')
            : isMeeting && !slotId
              ? t('rewards.why.pickSlot')
              : null;

  function edit<T>(set: (v: T) => void): (v: T) => void {
    return (v) => {
      key.current = null; // a changed request is a new submission
      setStep('idle');
      set(v);
    };
  }

  async function redeem(): Promise<void> {
    key.current ??= newClientKey();
    setBusy(true);
    setFailure(null);
    try {
      const res = await gql(RedeemRewardDocument, {
        input: { itemId: item.id, clientKey: key.current, note: note.trim(), slotId: isMeeting ? slotId || null : null },
      });
      const r = res.redeemReward;
      if (r.__typename === 'UserError') {
        key.current = null;
        setStep('idle');
        setFailure(r.code === 'OUT_OF_STOCK' && r.field === 'slotId' ? t('rewards.err.slotTaken') : userErrorText(r));
        if (r.field === 'slotId') {
          setSlotId('');
          slots.reload();
        }
        if (r.code === 'NOT_ELIGIBLE' || r.code === 'INSUFFICIENT_POINTS' || r.code === 'OUT_OF_STOCK') reload();
        return;
      }
      key.current = null;
      navigate(`/rewards/redemptions/${encodeURIComponent(r.redemption.id)}`);
    } catch (err) {
      setFailure(errorText(err)); // keep the key: a retry must not redeem twice
    } finally {
      setBusy(false);
    }
  }

  const chosen = freeSlots.find((s) => s.id === slotId);
  return (
    <Page title={itemName(item)} back="/rewards">
      <Card class="reward-hero">
        <div class="hero-row">
          {item.imageUrl ? <img class="reward-thumb" src={item.imageUrl} alt="" width={64} height={64} decoding="async" /> : <KindIcon kind={item.kind} />}
          <div>
            <p class="reward-price">{pointsText(item.costPoints)}</p>
            <p class="muted">{kindLabel(item.kind)}</p>
          </div>
        </div>
        {description ? <p class="reward-description">{description}</p> : null}
      </Card>

      <Card title={t('rewards.whatYouGet')}>
        <Facts
          rows={[
            [t('rewards.givesLabel'), givesText(item, currency)],
            [t('rewards.session'), item.kind === 'TRAINING' && item.startsAt ? formatInstant(item.startsAt, zone) : null],
            [t('rewards.location'), item.kind === 'TRAINING' ? item.location : null],
            [t('rewards.stock'), item.stock === null ? null : item.stock === 0 ? t('rewards.outOfStock') : t('rewards.stockLeft', { count: item.stock })],
            [t('rewards.limit'), item.perPersonLimit ? t('rewards.limitText', { count: item.perPersonLimit, period: periodLabel(item.limitPeriod) }) : null],
            [t('rewards.approval'), item.requiresApproval ? t('rewards.approvalNeeded') : t('rewards.approvalNone')],
          ]}
        />
      </Card>

      {reasons.length > 0 ? (
        <Card title={t('rewards.notYet')} class="eligibility not-eligible">
          <ul class="reasons">
            {reasons.map((r) => (
              <li key={r.code}>{localized(r.textEn, r.textZh)}</li>
            ))}
          </ul>
        </Card>
      ) : gates.length > 0 ? (
        <Card title={t('rewards.whoCan')} class="eligibility">
          <ul class="reasons">
            {gates.map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
          <p class="status-ok">{t('rewards.youQualify')}</p>
        </Card>
      ) : null}

      {isMeeting ? (
        <Card title={t('rewards.pickSlot')}>
          {slots.error ? (
            <ErrorNote error={slots.error} onRetry={slots.reload} />
          ) : slots.loading && !slots.data ? (
            <Loading lines={2} />
          ) : freeSlots.length === 0 ? (
            <p class="muted">{t('rewards.noSlots')}</p>
          ) : (
            <fieldset class="badge-pick">
              <legend class="visually-hidden">{t('rewards.pickSlot')}</legend>
              {freeSlots.map((s) => (
                <label key={s.id} class={`badge-option slot-option${s.id === slotId ? ' on' : ''}`}>
                  <input type="radio" name="slotId" value={s.id} checked={s.id === slotId} onChange={() => edit(setSlotId)(s.id)} />
                  <span class="badge-text">
                    <span class="badge-name">{timeRange(s.startsAt, s.endsAt, zone)}</span>
                    <span class="muted">
                      {[s.location, s.host ? t('rewards.withHost', { name: s.host.name }) : ''].filter(Boolean).join(' · ')}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
        </Card>
      ) : null}

      <Card title={t('rewards.redeemTitle')} class="redeem-card">
        <p>
          {t('rewards.walletNow', { points: fmt.format(wallet) })}
          {missing === 0 ? ` ${t('rewards.walletAfter', { points: fmt.format(wallet - item.costPoints) })}` : ''}
        </p>
        {item.requiresApproval && step === 'idle' && why === null ? (
          <TextArea label={t('rewards.note')} name="note" value={note} onValue={edit(setNote)} maxLength={MAX_NOTE} rows={2} hint={t('rewards.noteHint')} />
        ) : null}
        {step === 'idle' ? (
          <>
            <p class="hint" id="redeem-why">
              {why ?? ''}
            </p>
            <p class="form-error" role="alert">
              {failure ?? ''}
            </p>
            <button
              type="button"
              class="btn btn-primary btn-block redeem"
              disabled={why !== null || session.offline}
              aria-describedby={why ? 'redeem-why' : undefined}
              onClick={() => {
                setFailure(null);
                setStep('confirm');
              }}
            >
              {t('rewards.redeem', { points: fmt.format(item.costPoints) })}
            </button>
          </>
        ) : (
          <div class="confirm-box" role="group" aria-labelledby="confirm-title">
            <h3 id="confirm-title" tabIndex={-1} ref={confirmHeading}>
              {t('rewards.confirmTitle', { name: itemName(item) })}
            </h3>
            <Facts
              rows={[
                [t('rewards.cost'), pointsText(item.costPoints)],
                [t('rewards.after'), pointsText(wallet - item.costPoints)],
                [t('rewards.when'), chosen ? timeRange(chosen.startsAt, chosen.endsAt, zone) : null],
              ]}
            />
            <p class="muted">{item.requiresApproval ? t('rewards.confirmHeld') : t('rewards.confirmAtOnce')}</p>
            <p class="form-error" role="alert">
              {failure ?? ''}
            </p>
            <div class="actions">
              <button type="button" class="btn btn-primary confirm-redeem" onClick={redeem} disabled={busy || session.offline} aria-busy={busy}>
                {busy ? t('rewards.redeeming') : t('rewards.confirm')}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setStep('idle')} disabled={busy}>
                {t('app.back')}
              </button>
            </div>
          </div>
        )}
      </Card>
    </Page>
  );
}
