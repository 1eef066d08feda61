/** Kiosk mode (/kiosk, a kiosk session): a full-screen check-in screen for a shared tablet. A person scans their QR
 * badge or types number + PIN; the check-in is saved on the tablet first (IndexedDB queue) and sent by the drainer,
 * so it works offline. A large confirmation shows the name and time (or "saved, will send" offline, when the server
 * cannot confirm the name), then the screen resets for the next person after ~4 s. */
import './kiosk.css';
import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { auth } from '../api/client';
import { userErrorText } from '../api/errors';
import { forgetViewer } from '../api/me';
import { locale, t } from '../i18n';
import { formatTimeOnly } from '../lib/zoned';
import { useQuery } from '../lib/useQuery';
import { KioskInfoDocument } from '../gql/graphql';
import { kick, startDrainer, waitFor, onOutcome, type Outcome } from './drain';
import { KioskCamera } from './KioskCamera';
import { Keypad } from './Keypad';
import { depth, enqueue, newCheckIn, onQueueChange, type Pending } from './queue';

const RESET_MS = 4_000;
const ANSWER_MS = 6_000; // online: wait this long for the server's name before saying "saved, will send"
const INFO_KEY = 'seen.kiosk.info.v1';

type Shown =
  | { kind: 'done'; name: string; at: string; direction: string }
  | { kind: 'queued'; who: string; at: string }
  | { kind: 'refused'; text: string };

type Info = { siteName: string; timeZone: string; label: string };

function savedInfo(): Info | null {
  try {
    return JSON.parse(localStorage.getItem(INFO_KEY) ?? 'null') as Info | null;
  } catch {
    return null;
  }
}

export function Kiosk(props: { offline: boolean; signOut: () => void }): JSX.Element {
  const fetched = useQuery(KioskInfoDocument, {}, { skip: props.offline });
  const info: Info | null = fetched.data?.kioskInfo ?? savedInfo();
  const zone = info?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [online, setOnline] = useState(navigator.onLine);
  const [queued, setQueued] = useState(0);
  const [mode, setMode] = useState<'scan' | 'pin'>('scan');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [lateRefusal, setLateRefusal] = useState<string | null>(null);
  const resetTimer = useRef(0);

  useEffect(() => {
    if (fetched.data) localStorage.setItem(INFO_KEY, JSON.stringify(fetched.data.kioskInfo));
  }, [fetched.data]);

  useEffect(() => {
    document.title = `${t('kiosk.title')} · Seen`;
    const refresh = () => void depth().then(setQueued, () => undefined);
    const net = () => setOnline(navigator.onLine);
    const tick = window.setInterval(() => setNow(new Date()), 1_000);
    window.addEventListener('online', net);
    window.addEventListener('offline', net);
    const offQueue = onQueueChange(refresh);
    // A queued check-in refused later (e.g. a wrong PIN typed offline): say so at the top for a while.
    const offOutcome = onOutcome((o) => {
      if (o.kind === 'refused') setLateRefusal(`${whoOf(o.item)}: ${refusalText(o)}`);
    });
    const stopDrainer = startDrainer();
    refresh();
    return () => {
      window.clearInterval(tick);
      window.removeEventListener('online', net);
      window.removeEventListener('offline', net);
      offQueue();
      offOutcome();
      stopDrainer();
    };
  }, []);

  const show = useCallback((s: Shown) => {
    setShown(s);
    window.clearTimeout(resetTimer.current);
    resetTimer.current = window.setTimeout(() => {
      setShown(null);
      setMode('scan');
    }, RESET_MS);
  }, []);

  const checkIn = useCallback(async (who: Pick<Pending, 'badgeToken' | 'employeeNumber' | 'pin'>) => {
    const item = newCheckIn(who);
    setBusy(true);
    try {
      await enqueue(item); // durable before anything else happens
    } catch {
      setBusy(false);
      show({ kind: 'refused', text: t('kiosk.saveFailed') });
      return;
    }
    const queuedView: Shown = { kind: 'queued', who: whoOf(item), at: item.occurredAt };
    if (!navigator.onLine) {
      setBusy(false);
      show(queuedView);
      return;
    }
    const answer = waitFor(item.eventId, ANSWER_MS);
    kick();
    const o = await answer;
    setBusy(false);
    if (!o) show(queuedView);
    else if (o.kind === 'delivered') show({ kind: 'done', name: o.name, at: o.occurredAt, direction: o.item.direction ?? '' });
    else show({ kind: 'refused', text: refusalText(o) });
  }, [show]);

  async function exit(): Promise<void> {
    if (!window.confirm(t('kiosk.exitConfirm'))) return;
    try {
      await auth.logout();
    } catch {
      /* offline: forget locally; the session expires on the server */
    }
    forgetViewer();
    props.signOut();
  }

  return (
    <main class="kiosk" id="main" data-online={online ? 'true' : 'false'}>
      <header class="kiosk-head">
        <div>
          <p class="kiosk-site">{info ? `${info.siteName} · ${info.label}` : t('kiosk.title')}</p>
          <p class="kiosk-clock" aria-live="off">{formatTimeOnly(now.toISOString(), zone, locale())}</p>
        </div>
        <div class="kiosk-net">
          <span class={`kiosk-online ${online ? 'is-online' : 'is-offline'}`}>{online ? t('kiosk.online') : t('kiosk.offline')}</span>
          <span class="kiosk-queue" data-depth={queued}>{t('kiosk.queue', { count: queued })}</span>
          <button type="button" class="kiosk-exit" onClick={() => void exit()} aria-label={t('kiosk.exit')}>×</button>
        </div>
      </header>
      {lateRefusal ? (
        <p class="note note-error kiosk-late" role="alert">
          {lateRefusal}
          <button type="button" class="btn btn-secondary" onClick={() => setLateRefusal(null)}>{t('kiosk.dismiss')}</button>
        </p>
      ) : null}
      {shown ? (
        <Confirmation shown={shown} zone={zone} />
      ) : mode === 'scan' ? (
        <section class="kiosk-home" aria-labelledby="kiosk-title">
          <h1 id="kiosk-title">{t('kiosk.prompt')}</h1>
          <KioskCamera paused={busy || shown !== null} onBadge={(token) => void checkIn({ badgeToken: token })} />
          <button type="button" class="btn btn-secondary btn-block kiosk-use-pin" onClick={() => setMode('pin')}>
            {t('kiosk.usePin')}
          </button>
        </section>
      ) : (
        <section class="kiosk-home" aria-labelledby="kiosk-title">
          <h1 id="kiosk-title">{t('kiosk.pinTitle')}</h1>
          <Keypad busy={busy} onCancel={() => setMode('scan')} onSubmit={(number, pin) => void checkIn({ employeeNumber: number, pin })} />
        </section>
      )}
    </main>
  );
}

function Confirmation({ shown, zone }: { shown: Shown; zone: string }): JSX.Element {
  if (shown.kind === 'refused') {
    return (
      <section class="kiosk-result is-refused" role="alert">
        <p class="kiosk-mark" aria-hidden="true">!</p>
        <p class="kiosk-result-text">{shown.text}</p>
      </section>
    );
  }
  const time = formatTimeOnly(shown.at, zone, locale());
  if (shown.kind === 'queued') {
    return (
      <section class="kiosk-result is-queued" role="status" data-state="queued">
        <p class="kiosk-mark" aria-hidden="true">✓</p>
        <p class="kiosk-name">{shown.who}</p>
        <p class="kiosk-time">{time}</p>
        <p class="kiosk-result-text">{t('kiosk.queued')}</p>
      </section>
    );
  }
  return (
    <section class="kiosk-result is-done" role="status" data-state="done">
      <p class="kiosk-mark" aria-hidden="true">✓</p>
      <p class="kiosk-name">{shown.name}</p>
      <p class="kiosk-time">{time}</p>
      <p class="kiosk-result-text">{shown.direction === 'out' ? t('kiosk.doneOut') : shown.direction === 'in' ? t('kiosk.doneIn') : t('kiosk.done')}</p>
    </section>
  );
}

function whoOf(item: Pending): string {
  return item.employeeNumber ?? t('kiosk.badge');
}

function refusalText(o: Extract<Outcome, { kind: 'refused' }>): string {
  if (o.code === 'INVALID_CREDENTIALS') return o.item.badgeToken ? t('kiosk.badBadge') : t('kiosk.wrongPin');
  if (o.code === 'VALIDATION' && o.field === 'occurredAt') return t('kiosk.badTime');
  return userErrorText({ code: o.code, message: o.message });
}
