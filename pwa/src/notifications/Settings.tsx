/** Notification settings: push on this device (opt-in from a button only, never on load), what reaches the
 * phone (push, chat, muted kinds, quiet hours) and, for HR, the company's chat robot. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { can } from '../api/me';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { NotificationSettingsQuery } from '../gql/graphql';
import { hasKey, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Card, ErrorNote, Field, Loading, Page, Status, Toggle } from '../ui/kit';
import { ChatRobot } from './ChatRobot';
import { currentSubscription, pushState, subscribeThisDevice, subscriptionInput, type PushState } from './push';
import {
  NotificationSettingsDocument,
  SubscribePushDocument,
  UnsubscribePushDocument,
  UpdateNotificationPreferencesDocument,
} from '../gql/graphql';

type Prefs = NotificationSettingsQuery['notificationPreferences'];
type Note = { text: string; tone: 'ok' | 'error' } | null;

export function kindName(kind: string): string {
  const key = `notify.kind.${kind}`;
  return hasKey(key) ? t(key) : kind;
}

export function NotificationSettings({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(NotificationSettingsDocument, {});
  return (
    <Page title={t('notify.title')} back="/me">
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Loading lines={6} />
      ) : (
        <>
          <PushCard publicKey={data.pushPublicKey} pushEnabled={data.notificationPreferences.pushEnabled} disabled={session.offline} />
          <PreferencesForm prefs={data.notificationPreferences} zone={orgZone(session)} disabled={session.offline} />
        </>
      )}
      {can(session.me, 'org:configure') ? <ChatRobot disabled={session.offline} /> : null}
    </Page>
  );
}

function PushCard(props: { publicKey: string; pushEnabled: boolean; disabled: boolean }): JSX.Element {
  const [state, setState] = useState<PushState | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);

  useEffect(() => {
    void pushState().then(setState, () => setState('unsupported'));
  }, []);

  async function turnOn(): Promise<void> {
    setBusy(true);
    setNote(null);
    try {
      const outcome = await subscribeThisDevice(props.publicKey);
      if (!outcome.ok) {
        if (outcome.reason === 'denied') setState('blocked');
        setNote({ text: t(`notify.push.fail.${outcome.reason}`), tone: 'error' });
        return;
      }
      const input = subscriptionInput(outcome.subscription);
      if (!input) {
        await outcome.subscription.unsubscribe().catch(() => false);
        setNote({ text: t('notify.push.fail.failed'), tone: 'error' });
        return;
      }
      const r = (await gql(SubscribePushDocument, { input })).subscribePush;
      if (r.__typename === 'UserError') {
        await outcome.subscription.unsubscribe().catch(() => false);
        setNote({ text: userErrorText(r), tone: 'error' });
        return;
      }
      setState('on');
      setNote({ text: t('notify.push.nowOn'), tone: 'ok' });
    } catch (err) {
      setNote({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  async function turnOff(): Promise<void> {
    setBusy(true);
    setNote(null);
    try {
      const sub = await currentSubscription();
      if (sub) {
        const r = (await gql(UnsubscribePushDocument, { endpoint: sub.endpoint })).unsubscribePush;
        if (r.__typename === 'UserError' && r.code !== 'NOT_FOUND') {
          setNote({ text: userErrorText(r), tone: 'error' });
          return;
        }
        await sub.unsubscribe();
      }
      setState('off');
      setNote({ text: t('notify.push.nowOff'), tone: 'ok' });
    } catch (err) {
      setNote({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('notify.push.title')} class="push-card">
      <p class="push-state" aria-live="polite">
        {state === null ? t('app.loading') : t(`notify.push.state.${state}`)}
      </p>
      {state === 'on' && !props.pushEnabled ? <p class="hint">{t('notify.push.prefOff')}</p> : null}
      {state === 'off' ? (
        <button type="button" class="btn btn-primary btn-block push-on" onClick={turnOn} disabled={busy || props.disabled} aria-busy={busy}>
          {t('notify.push.turnOn')}
        </button>
      ) : state === 'on' ? (
        <button type="button" class="btn btn-secondary btn-block push-off" onClick={turnOff} disabled={busy || props.disabled} aria-busy={busy}>
          {t('notify.push.turnOff')}
        </button>
      ) : null}
      <p class="hint">{t('notify.push.hint')}</p>
      <Status text={note?.text ?? null} tone={note?.tone ?? 'ok'} />
    </Card>
  );
}

function PreferencesForm(props: { prefs: Prefs; zone: string; disabled: boolean }): JSX.Element {
  const p = props.prefs;
  const [push, setPush] = useState(p.pushEnabled);
  const [chat, setChat] = useState(p.chatEnabled);
  const [muted, setMuted] = useState<string[]>(p.mutedKinds);
  const [quietStart, setQuietStart] = useState((p.quietStart ?? '').slice(0, 5));
  const [quietEnd, setQuietEnd] = useState((p.quietEnd ?? '').slice(0, 5));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!quietStart !== !quietEnd) {
      setError({ field: quietStart ? 'quietEnd' : 'quietStart', text: t('notify.err.quietBoth') });
      return;
    }
    if (quietStart && quietStart === quietEnd) {
      setError({ field: 'quietEnd', text: t('notify.err.quietSame') });
      return;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = (
        await gql(UpdateNotificationPreferencesDocument, {
          input: { pushEnabled: push, chatEnabled: chat, mutedKinds: muted, quietStart: quietStart || null, quietEnd: quietEnd || null },
        })
      ).updateNotificationPreferences;
      if (r.__typename === 'UserError') {
        const text = r.field === 'quietStart' || r.field === 'quietEnd' ? t('notify.err.quietBoth') : userErrorText(r);
        setError({ field: r.field ?? null, text });
      } else {
        setMuted(r.preferences.mutedKinds);
        setStatus(t('notify.saved'));
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const errFor = (k: string) => (error?.field === k ? error.text : null);
  return (
    <Card title={t('notify.prefs')}>
      <form class="form preferences-form" onSubmit={submit} noValidate>
        <Toggle label={t('notify.pushEnabled')} name="pushEnabled" checked={push} onChange={setPush} hint={t('notify.pushEnabledHint')} />
        <Toggle label={t('notify.chatEnabled')} name="chatEnabled" checked={chat} onChange={setChat} hint={t('notify.chatEnabledHint')} />
        <fieldset class="form">
          <legend>{t('notify.muted')}</legend>
          <p class="hint">{t('notify.mutedHint')}</p>
          {p.kinds.map((k) => (
            <label key={k} class="check">
              <input
                type="checkbox"
                name="mutedKinds"
                value={k}
                checked={muted.includes(k)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setMuted((list) => (on ? [...list.filter((x) => x !== k), k] : list.filter((x) => x !== k)));
                }}
              />
              <span>{kindName(k)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="form">
          <legend>{t('notify.quiet')}</legend>
          <p class="hint">{t('notify.quietHint', { zone: props.zone })}</p>
          <div class="two-col">
            <Field label={t('notify.quietStart')} name="quietStart" type="time" value={quietStart} onValue={setQuietStart} error={errFor('quietStart')} />
            <Field label={t('notify.quietEnd')} name="quietEnd" type="time" value={quietEnd} onValue={setQuietEnd} error={errFor('quietEnd')} />
          </div>
        </fieldset>
        <p class="form-error" role="alert">
          {error && error.field !== 'quietStart' && error.field !== 'quietEnd' ? error.text : ''}
        </p>
        <Status text={status} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
            {t('app.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
