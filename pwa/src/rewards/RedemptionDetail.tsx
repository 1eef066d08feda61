/** One redemption: where it stands (a timeline), what it gives (voucher code with copy, days and their last
 * day, money, session or meeting time with an .ics invite), the decline reason; withdraw while pending. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { RedemptionDetailQuery } from '../gql/graphql';
import { formatCivil, formatInstant, parseCivil } from '../lib/dates';
import { formatMoneyShort } from '../lib/money';
import { isAppPath } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Facts, Loading, Page, Status } from '../ui/kit';
import { Icon, type IconName } from '../ui/icons';
import { CancelButton } from './CancelButton';
import { itemName, pointsText, statusLabel, timeRange } from './labels';
import { RedemptionDetailDocument } from '../gql/graphql';

type Detail = RedemptionDetailQuery['redemption'];

export function RedemptionDetail({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(RedemptionDetailDocument, { id });
  const [override, setOverride] = useState<Detail | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const zone = orgZone(session);

  if (error || (loading && !data) || !data) {
    return (
      <Page title={t('redemption.title')} back="/rewards/redemptions">
        {error ? <ErrorNote error={error} onRetry={reload} /> : <Loading lines={6} />}
      </Page>
    );
  }
  const r = override ?? data.redemption;
  const c = r.confirmation;
  const name = itemName(r.item);
  // The API also returns an invite URL for fulfilled rewards that are not meetings (its .ics answers 400 then).
  const invite = r.item?.kind === 'CEO_MEETING' && r.meetingInviteUrl && isAppPath(r.meetingInviteUrl) ? r.meetingInviteUrl : null;

  const steps: { icon: IconName; title: string; when: string | null; detail?: string | null; next?: boolean }[] = [
    { icon: 'send', title: t('redemption.step.requested'), when: r.requestedAt, detail: pointsText(r.points) },
  ];
  if (r.status === 'PENDING') {
    steps.push({
      icon: 'people',
      title: r.approver ? t('redemption.step.waitingFor', { name: r.approver.name }) : t('redemption.step.waitingHr'),
      when: null,
      detail: t('redemptions.held', { count: r.points }),
      next: true,
    });
  } else if (r.status === 'DECLINED') {
    steps.push({
      icon: 'close',
      title: r.decidedBy ? t('redemption.step.declinedBy', { name: r.decidedBy.name }) : t('redemption.status.DECLINED'),
      when: r.decidedAt,
      detail: t('redemption.refunded', { count: r.points }),
    });
  } else if (r.status === 'CANCELLED') {
    steps.push({ icon: 'close', title: t('redemption.step.cancelled'), when: r.decidedAt, detail: t('redemption.refunded', { count: r.points }) });
  } else if (r.status === 'FULFILLED') {
    if (r.decidedBy) steps.push({ icon: 'check', title: t('redemption.step.approvedBy', { name: r.decidedBy.name }), when: r.decidedAt });
    steps.push({ icon: 'rewards', title: t('redemption.step.fulfilled'), when: r.fulfilledAt, detail: t('redemption.spent', { count: r.points }) });
  }

  const fulfilled = r.status === 'FULFILLED';
  const gives: [string, JSX.Element | string | null][] = [
    [t('redemption.amount'), c.amountMinor > 0 ? formatMoneyShort(c.amountMinor, c.currency) : null],
    [t('redemption.days'), c.days > 0 ? t(r.item?.kind === 'EXTRA_LEAVE' ? 'rewards.gives.leave' : 'rewards.gives.remote', { count: c.days }) : null],
    [t('redemption.validUntil'), c.validUntil ? formatCivil(parseCivil(c.validUntil)) : null],
    [t('redemption.when'), c.startsAt ? timeRange(c.startsAt, c.endsAt, zone) : null],
    [t('rewards.location'), c.location],
  ];

  return (
    <Page title={name} back="/rewards/redemptions">
      <p class="redemption-head">
        <span class={`tag redemption-status tag-${r.status.toLowerCase()}`}>{statusLabel(r.status)}</span>
        <span class="muted">{pointsText(r.points)}</span>
      </p>
      <Status text={status} />

      {fulfilled && c.voucherCode ? <VoucherCode code={c.voucherCode} /> : null}

      {(r.status === 'PENDING' || fulfilled) && (gives.some(([, v]) => v) || invite) ? (
        <Card title={fulfilled ? t('redemption.youGot') : t('redemption.youGet')} class="confirmation">
          <Facts rows={gives} />
          {invite ? (
            <p class="card-link">
              <a href={invite} download class="add-to-calendar">
                <Icon name="calendar" size={20} /> {t('redemption.addToCalendar')}
              </a>
            </p>
          ) : null}
        </Card>
      ) : null}

      {r.status === 'DECLINED' && r.declineReason ? (
        <Card title={t('redemption.declineReason')} class="decline-reason">
          <p class="feedback-message">{r.declineReason}</p>
        </Card>
      ) : null}

      <Card title={t('redemption.timeline')}>
        <ol class="timeline">
          {steps.map((s) => (
            <li key={s.title} class={s.next ? 'next' : undefined}>
              <span class="dot" aria-hidden="true">
                <Icon name={s.icon} size={18} />
              </span>
              <div>
                <p class="tl-title">{s.title}</p>
                {s.when ? (
                  <p class="muted">
                    <time dateTime={s.when}>{formatInstant(s.when, zone)}</time>
                  </p>
                ) : null}
                {s.detail ? <p class="muted">{s.detail}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      </Card>

      {r.note ? (
        <Card title={t('redemption.note')}>
          <p class="feedback-message">{r.note}</p>
        </Card>
      ) : null}

      {r.status === 'PENDING' ? (
        <CancelButton
          redemption={r}
          disabled={session.offline}
          onCancelled={(row) => {
            setOverride({ ...r, ...row });
            setStatus(t('redemptions.cancelled', { name }));
          }}
        />
      ) : null}
      {r.item ? (
        <p class="card-link">
          <a href={`/rewards/${encodeURIComponent(r.item.id)}`}>
            {t('redemption.seeReward')} <Icon name="chevron" size={16} />
          </a>
        </p>
      ) : null}
    </Page>
  );
}

function VoucherCode({ code }: { code: string }): JSX.Element {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(t('app.copied'));
    } catch {
      setCopied(t('redemption.copyFailed'));
    }
  }
  return (
    <Card title={t('redemption.voucherCode')} class="voucher">
      <p class="voucher-code mono">
        {code}
      </p>
      <button type="button" class="btn btn-secondary copy-code" onClick={copy}>
        <Icon name="copy" size={20} /> {t('redemption.copyCode')}
      </button>
      <Status text={copied} />
    </Card>
  );
}
