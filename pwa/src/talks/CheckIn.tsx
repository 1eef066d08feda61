/** Check in to a talk (/community/talks/check-in): scan the door QR code with the camera (growth's scanner) or type
 * the code; a link from the QR opened by the phone's own camera arrives here with ?code= and checks in at once. */
import '../feed/feed.css';
import '../growth/growth.css';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../api/errors';
import { codeFrom, startScan } from '../growth/team/scanner';
import { CheckInToTalkDocument } from '../gql/graphql';
import { t } from '../i18n';
import { useSearchParams } from '../lib/router';
import type { Session } from '../shell/session';
import { Card, Field, Page, Status } from '../ui/kit';
import { gql, talkAction, whenText, type Talk } from './labels';

export function CheckIn(_props: { session: Session }): JSX.Element {
  const fromLink = useSearchParams().get('code');
  const [typed, setTyped] = useState(fromLink ? codeFrom(fromLink) : '');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Talk | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function checkIn(text: string): Promise<void> {
    const code = codeFrom(text);
    setTyped(code);
    if (!code) return;
    setBusy(true);
    setError(null);
    const r = await talkAction(async () => (await gql(CheckInToTalkDocument, { doorCode: code })).checkInToTalk);
    setBusy(false);
    if ('error' in r) setError(r.error);
    else setDone(r.talk);
  }

  useEffect(() => {
    if (fromLink) void checkIn(fromLink);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for a code that came in the link
  }, []);

  return (
    <Page title={t('talks.checkIn')} back="/community/talks">
      {done ? (
        <Card class="checked-in">
          <p class="status-ok">{t('talks.checkedIn', { topic: done.topic })}</p>
          <p class="muted">{whenText(done)}</p>
          <a class="btn btn-secondary btn-block" href={`/community/talks/${encodeURIComponent(done.id)}`}>
            {t('talks.open')}
          </a>
        </Card>
      ) : (
        <>
          <Camera onCode={(text) => void checkIn(text)} />
          <Card>
            <form class="form code-form" onSubmit={(e) => { e.preventDefault(); void checkIn(typed); }}>
              <Field label={t('talks.door.code')} name="code" value={typed} onValue={setTyped} autoCapitalize="characters" autocomplete="off" spellcheck={false} maxLength={20} />
              <button type="submit" class="btn btn-primary btn-block check-in" disabled={busy || !typed.trim()} aria-busy={busy}>
                {t('talks.checkIn')}
              </button>
            </form>
          </Card>
          <Status text={error} tone="error" />
        </>
      )}
    </Page>
  );
}

function Camera({ onCode }: { onCode: (text: string) => void }): JSX.Element | null {
  const video = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => stopRef.current?.(), []);
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) return null;

  async function start(): Promise<void> {
    if (!video.current) return;
    setError(null);
    setOn(true);
    try {
      stopRef.current = await startScan(video.current, (text) => {
        stopRef.current = null;
        setOn(false);
        onCode(text);
      });
    } catch (err) {
      setOn(false);
      setError(err instanceof DOMException ? t('talks.door.noCamera') : errorText(err));
    }
  }

  return (
    <Card class="camera-card">
      <div class={`camera-box${on ? ' is-on' : ''}`}>
        <video ref={video} muted playsInline aria-label={t('talks.door.viewfinder')} />
      </div>
      {on ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={() => { stopRef.current?.(); stopRef.current = null; setOn(false); }}>
          {t('talks.door.stop')}
        </button>
      ) : (
        <button type="button" class="btn btn-primary btn-block start-camera" onClick={() => void start()}>
          {t('talks.door.scan')}
        </button>
      )}
      <Status text={error} tone="error" />
    </Card>
  );
}
