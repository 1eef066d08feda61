/** HR: the company's workplace-chat robot (DingTalk, Feishu or WeCom), the fallback for phones that push
 * cannot reach; save it and send a test message. The API shows only the URL's host, so changes re-enter it. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { ChatProvider } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote, Field, Loading, Select, Status, Toggle } from '../ui/kit';
import { ChatWebhookSettingsDocument, SetChatWebhookDocument, TestChatWebhookDocument } from '../gql/graphql';

const PROVIDERS: ChatProvider[] = ['DINGTALK', 'FEISHU', 'WECOM'];
type Note = { text: string; tone: 'ok' | 'error' } | null;

export function ChatRobot(props: { disabled: boolean }): JSX.Element {
  const { data, error: loadError, loading, reload } = useQuery(ChatWebhookSettingsDocument, {});
  const current = data?.chatWebhook ?? null;
  const [provider, setProvider] = useState<ChatProvider>('DINGTALK');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [active, setActive] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [saved, setSaved] = useState<Note>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<Note>(null);

  useEffect(() => {
    if (!current) return;
    setProvider(current.provider);
    setActive(current.active);
  }, [current]);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!url.trim()) {
      setError({ field: 'url', text: t('chat.err.url') });
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const input = { provider, url: url.trim(), secret: removeSecret ? '' : secret.trim() || null, active };
      const r = (await gql(SetChatWebhookDocument, { input })).setChatWebhook;
      if (r.__typename === 'UserError') {
        setError({ field: r.field ?? null, text: r.field === 'url' ? t('chat.err.urlProvider', { provider: t(`chat.provider.${provider}`) }) : userErrorText(r) });
      } else {
        setSecret('');
        setRemoveSecret(false);
        setUrl('');
        setSaved({ text: t('chat.saved'), tone: 'ok' });
        reload();
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  async function test(): Promise<void> {
    setTesting(true);
    setTested(null);
    try {
      const r = (await gql(TestChatWebhookDocument)).testChatWebhook;
      if (r.__typename === 'UserError') setTested({ text: r.code === 'NOT_FOUND' ? t('chat.testNone') : userErrorText(r), tone: 'error' });
      else if (r.status === 'sent') setTested({ text: t('chat.testSent'), tone: 'ok' });
      else setTested({ text: t('chat.testFailed', { detail: r.detail || r.status }), tone: 'error' });
    } catch (err) {
      setTested({ text: errorText(err), tone: 'error' });
    } finally {
      setTesting(false);
    }
  }

  const errFor = (k: string) => (error?.field === k ? error.text : null);
  return (
    <Card title={t('chat.title')} class="chat-robot">
      <p class="muted">{t('chat.hint')}</p>
      {loadError ? (
        <ErrorNote error={loadError} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={2} />
      ) : (
        <p class="chat-current">
          {current
            ? t('chat.current', {
                provider: t(`chat.provider.${current.provider}`),
                url: current.url,
                state: current.active ? t('chat.on') : t('chat.off'),
                signed: current.signed ? t('chat.signed') : t('chat.unsigned'),
              })
            : t('chat.none')}
        </p>
      )}
      <form class="form" onSubmit={submit} noValidate>
        <Select
          label={t('chat.provider')}
          name="provider"
          value={provider}
          onValue={(v) => setProvider(v as ChatProvider)}
          options={PROVIDERS.map((p) => ({ value: p, label: t(`chat.provider.${p}`) }))}
          error={errFor('provider')}
        />
        <Field label={t('chat.url')} name="url" type="url" inputMode="url" autoCapitalize="none" spellcheck={false} value={url} onValue={setUrl} required hint={current ? t('chat.urlHintEdit') : t('chat.urlHint')} error={errFor('url')} />
        <Field
          label={t('chat.secret')}
          name="secret"
          type="password"
          autocomplete="off"
          value={secret}
          onValue={setSecret}
          disabled={removeSecret}
          hint={current?.signed ? t('chat.secretKeep') : t('chat.secretHint')}
          error={errFor('secret')}
        />
        {current?.signed ? (
          <label class="check">
            <input type="checkbox" name="removeSecret" checked={removeSecret} onChange={(e) => setRemoveSecret(e.currentTarget.checked)} />
            <span>{t('chat.removeSecret')}</span>
          </label>
        ) : null}
        <Toggle label={t('chat.active')} name="active" checked={active} onChange={setActive} />
        <p class="form-error" role="alert">
          {error && !['provider', 'url', 'secret'].includes(error.field ?? '') ? error.text : ''}
        </p>
        <Status text={saved?.text ?? null} tone={saved?.tone ?? 'ok'} />
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
            {t('app.save')}
          </button>
          <button type="button" class="btn btn-secondary send-test" onClick={test} disabled={testing || props.disabled || !current} aria-busy={testing}>
            {t('chat.test')}
          </button>
        </div>
        <Status text={tested?.text ?? null} tone={tested?.tone ?? 'ok'} />
      </form>
    </Card>
  );
}
