/** Scan to confirm (/growth/scan, supervisors): scan the QR code on the employee's phone with the camera, or type the
 * code; the record is shown (growthRecordByCode) before anything changes, then Confirm (by the code) or Reject. */
import '../growth.css';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../../api/errors';
import { t } from '../../i18n';
import { navigate, useSearchParams } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Page, Status } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { RecordActions } from '../records/RecordActions';
import { RecordCard, type RecordItem } from '../records/RecordCard';
import { codeFrom, startScan } from './scanner';
import { GrowthRecordByCodeDocument } from '../../gql/graphql';

export function Scan({ session }: { session: Session }): JSX.Element {
  const fromLink = useSearchParams().get('code');
  const [typed, setTyped] = useState(fromLink ? codeFrom(fromLink) : '');
  const [code, setCode] = useState(fromLink ? codeFrom(fromLink) : '');
  const [changed, setChanged] = useState<RecordItem | null>(null);
  const found = useQuery(GrowthRecordByCodeDocument, { code }, { skip: !code || session.offline });
  const record = changed ?? found.data?.growthRecordByCode ?? null;

  function lookUp(text: string): void {
    const c = codeFrom(text);
    setTyped(c);
    setChanged(null);
    setCode(c);
    if (c) found.reload();
  }

  function another(): void {
    setTyped('');
    setCode('');
    setChanged(null);
    if (fromLink) navigate('/growth/scan', { replace: true });
  }

  let result: JSX.Element | null = null;
  if (!code) result = null;
  else if (found.error) result = <ErrorNote error={found.error} onRetry={found.reload} />;
  else if (found.loading && !record) result = <Loading lines={4} />;
  else if (!record) result = <p class="note note-error scan-none" role="alert">{t('growth.scan.notFound', { code })}</p>;
  else
    result = (
      <div class="scan-result">
        <RecordCard record={record} zone={orgZone(session)} showEmployee>
          {record.status === 'CLAIMED' && !record.canConfirm ? <p class="muted">{t('growth.scan.cannot')}</p> : null}
          <RecordActions record={record} byCode={code} onChanged={setChanged} />
        </RecordCard>
        {record.status !== 'CLAIMED' ? (
          <button type="button" class="btn btn-secondary btn-block scan-another" onClick={another}>
            {t('growth.scan.another')}
          </button>
        ) : null}
      </div>
    );

  return (
    <Page title={t('growth.scan.title')} back="/growth/inbox">
      {session.offline ? (
        <p class="muted">{t('growth.needsConnection')}</p>
      ) : (
        <>
          <Camera onCode={lookUp} />
          <Card>
            <form
              class="form code-form"
              onSubmit={(e) => {
                e.preventDefault();
                lookUp(typed);
              }}
            >
              <Field label={t('growth.scan.code')} name="code" value={typed} onValue={setTyped} autoCapitalize="characters" autocomplete="off" spellcheck={false} maxLength={20} hint={t('growth.scan.codeHint')} />
              <button type="submit" class="btn btn-primary btn-block look-up" disabled={!typed.trim()}>
                {t('growth.scan.lookUp')}
              </button>
            </form>
          </Card>
          {result}
        </>
      )}
    </Page>
  );
}

/** The camera view: off until asked (the permission prompt comes from a tap), stops itself after a read. */
function Camera({ onCode }: { onCode: (text: string) => void }): JSX.Element | null {
  const video = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const [on, setOn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => () => stopRef.current?.(), []);

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
      setError(err instanceof DOMException && err.name === 'NotAllowedError' ? t('growth.scan.denied') : err instanceof DOMException ? t('growth.scan.noCamera') : errorText(err));
    }
  }

  function stop(): void {
    stopRef.current?.();
    stopRef.current = null;
    setOn(false);
  }

  if (!supported) return <p class="muted">{t('growth.scan.noCamera')}</p>;
  return (
    <Card class="camera-card">
      <div class={`camera-box${on ? ' is-on' : ''}`}>
        <video ref={video} muted playsInline aria-label={t('growth.scan.viewfinder')} />
        {on ? null : <Icon name="check" size={40} />}
      </div>
      {on ? (
        <button type="button" class="btn btn-secondary btn-block stop-camera" onClick={stop}>
          {t('growth.scan.stop')}
        </button>
      ) : (
        <button type="button" class="btn btn-primary btn-block start-camera" onClick={() => void start()}>
          {t('growth.scan.start')}
        </button>
      )}
      <Status text={error} tone="error" />
    </Card>
  );
}
