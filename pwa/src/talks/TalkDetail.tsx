/** One talk (/community/talks/:id): details, sign-up, a 1–5 rating once it was held; for its speaker, creator and
 * HR the door QR code (attendees scan it to check in), manual attendance, complete and cancel. */
import '../feed/feed.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CancelTechTalkDocument, CompleteTechTalkDocument, RateTalkDocument, TechTalkDocument } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Card, ErrorNote, Facts, Loading, Page, Status } from '../ui/kit';
import { Attendance } from './Attendance';
import { gql, seatsText, talkAction, whenText, type Talk } from './labels';
import { SignUpButton, statusText } from './TalkCard';
import { DoorCode } from './DoorCode';

export function TalkDetail({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(TechTalkDocument, { id });
  const [talk, setTalk] = useState<Talk | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setTalk(data?.techTalk ?? null), [data]);

  if (error) return <Page title={t('talks.title')} back="/community/talks"><ErrorNote error={error} onRetry={reload} /></Page>;
  if (loading && !talk) return <Page title={t('talks.title')} back="/community/talks"><Loading lines={5} /></Page>;
  if (!talk) return <Page title={t('talks.title')} back="/community/talks"><p class="muted">{t('talks.gone')}</p></Page>;
  const current = talk;
  const started = new Date(current.startsAt).getTime() <= Date.now();

  async function run(what: 'complete' | 'cancel' | number): Promise<void> {
    if (what === 'cancel' && !window.confirm(t('talks.confirmCancel'))) return;
    setBusy(true);
    setStatus(null);
    const r = await talkAction(async () =>
      what === 'complete'
        ? (await gql(CompleteTechTalkDocument, { id: current.id })).completeTechTalk
        : what === 'cancel'
          ? (await gql(CancelTechTalkDocument, { id: current.id })).cancelTechTalk
          : (await gql(RateTalkDocument, { id: current.id, rating: what })).rateTalk,
    );
    setBusy(false);
    if ('error' in r) setStatus({ text: r.error, tone: 'error' });
    else {
      setTalk(r.talk);
      setStatus({ text: typeof what === 'number' ? t('talks.rated') : what === 'complete' ? t('talks.completed') : t('talks.cancelled'), tone: 'ok' });
    }
  }

  return (
    <Page title={current.topic} back="/community/talks">
      <article class="talk-detail" data-id={current.id} data-status={current.status}>
        <Card>
          <Facts
            rows={[
              [t('talks.speaker'), current.speaker.name],
              [t('talks.when'), whenText(current)],
              [t('talks.where'), current.location],
              [t('talks.link'), current.link ? <a href={current.link} target="_blank" rel="noopener noreferrer">{current.link}</a> : null],
              [t('talks.seatsLabel'), <span class="seats">{seatsText(current)}</span>],
              [t('talks.statusLabel'), <span class="talk-status">{statusText(current.status)}</span>],
              [t('talks.rating'), current.ratingCount ? t('talks.ratingValue', { avg: (current.averageRating ?? 0).toFixed(1), count: current.ratingCount }) : null],
            ]}
          />
          {current.description ? <p class="talk-description">{current.description}</p> : null}
          <SignUpButton talk={current} meId={session.me.employee?.id ?? null} onChanged={setTalk} />
        </Card>
        {current.canRate ? (
          <Card title={t('talks.rateTitle')}>
            <fieldset class="rating" disabled={busy}>
              <legend class="visually-hidden">{t('talks.rateTitle')}</legend>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class={`star${(current.myRating ?? 0) >= n ? ' on' : ''}`}>
                  <input type="radio" name="rating" value={n} checked={current.myRating === n} onChange={() => void run(n)} />
                  <span aria-hidden="true">★</span>
                  <span class="visually-hidden">{t('talks.stars', { count: n })}</span>
                </label>
              ))}
            </fieldset>
          </Card>
        ) : null}
        {current.canManage ? (
          <>
            {current.doorCode && current.status === 'SCHEDULED' ? <DoorCode code={current.doorCode} /> : null}
            <Attendance talk={current} onChanged={setTalk} />
            {current.status === 'SCHEDULED' ? (
              <div class="actions talk-manage">
                <button type="button" class="btn btn-primary complete-talk" disabled={busy || !started} title={started ? undefined : t('talks.completeLater')} onClick={() => void run('complete')}>
                  {t('talks.complete')}
                </button>
                <button type="button" class="btn btn-danger-quiet cancel-talk" disabled={busy} onClick={() => void run('cancel')}>
                  {t('talks.cancelTalk')}
                </button>
              </div>
            ) : null}
          </>
        ) : null}
        <Status text={status?.text ?? null} tone={status?.tone} />
      </article>
    </Page>
  );
}
