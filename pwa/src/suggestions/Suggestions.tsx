/** The suggestion box (/community/suggestions): submit one (optionally anonymous: HR does not see the name), follow
 * mine with their 24-hour answer clock, answer those I own, the public "you said / we did" board, and HR's numbers. */
import '../feed/feed.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { can } from '../api/me';
import { SubmitSuggestionDocument, SuggestionDocument, SuggestionsDocument, type SuggestionFieldsFragment, type SuggestionScope } from '../gql/graphql';
import { t, type MessageKey } from '../i18n';
import { useHighlight } from '../lib/highlight';
import { useSearchParams } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { CommunityNav } from '../feed/CommunityNav';
import { Card, ErrorNote, Field, Loading, Page, Status, TextArea, Toggle } from '../ui/kit';
import { Board } from './Board';
import { Stats } from './Stats';
import { SuggestionCard } from './SuggestionCard';

type Tab = 'mine' | 'answer' | 'board' | 'stats';

export function Suggestions({ session, highlight }: { session: Session; highlight: string | null }): JSX.Element {
  const params = useSearchParams();
  const hr = can(session.me, 'community:manage');
  const tabs: Tab[] = hr ? ['mine', 'answer', 'board', 'stats'] : ['mine', 'answer', 'board'];
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) ? asked : 'mine';
  return (
    <Page title={t('suggestions.title')}>
      <CommunityNav current="/community/suggestions" />
      <nav class="sub-tabs" aria-label={t('suggestions.sections')}>
        {tabs.map((k) => (
          <a key={k} href={`/community/suggestions?tab=${k}`} class={`sub-tab tab-${k}`} aria-current={k === tab ? 'page' : undefined}>
            {t(`suggestions.tab.${k}` as MessageKey)}
          </a>
        ))}
      </nav>
      {highlight && !asked ? (
        // A link from a notification (/community/suggestions/<id>): that one suggestion, mine or one I answer.
        <One session={session} id={highlight} />
      ) : tab === 'mine' ? (
        <Mine session={session} highlight={highlight} />
      ) : null}
      {tab === 'answer' ? <List session={session} scope={hr ? 'ALL' : 'TO_ANSWER'} highlight={highlight} /> : null}
      {tab === 'board' ? <Board /> : null}
      {tab === 'stats' ? <Stats /> : null}
    </Page>
  );
}

function Mine({ session, highlight }: { session: Session; highlight: string | null }): JSX.Element {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [added, setAdded] = useState<SuggestionFieldsFragment | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(SubmitSuggestionDocument, { input: { title: title.trim(), body: body.trim(), anonymous } })).submitSuggestion;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setTitle('');
        setBody('');
        setAdded(r.suggestion);
        setStatus({ text: t('suggestions.sent'), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {session.me.employee && can(session.me, 'community:take_part') ? (
        <Card title={t('suggestions.new')}>
          <form class="form suggestion-form" onSubmit={(e) => void submit(e)}>
            <Field label={t('suggestions.titleLabel')} name="title" value={title} onValue={setTitle} required maxLength={200} />
            <TextArea label={t('suggestions.bodyLabel')} name="body" value={body} onValue={setBody} maxLength={5000} rows={4} required />
            <Toggle label={t('suggestions.anonymous')} name="anonymous" checked={anonymous} onChange={setAnonymous} hint={t('suggestions.anonymousHint')} />
            <p class="hint">{t('suggestions.clockHint')}</p>
            <Status text={status?.text ?? null} tone={status?.tone} />
            <button type="submit" class="btn btn-primary btn-block submit-suggestion" disabled={busy || !title.trim() || !body.trim()} aria-busy={busy}>
              {t('suggestions.submit')}
            </button>
          </form>
        </Card>
      ) : null}
      <h2 class="section-title">{t('suggestions.mine')}</h2>
      <List key={added?.id ?? 'none'} session={session} scope="MINE" highlight={highlight} />
    </>
  );
}

function One({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(SuggestionDocument, { id });
  const [row, setRow] = useState<SuggestionFieldsFragment | null>(null);
  useEffect(() => setRow(data?.suggestion ?? null), [data]);
  useHighlight(row ? `suggestion-${row.id}` : null, !!row);
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  if (!row) return <p class="muted suggestion-gone">{t('suggestions.gone')}</p>;
  return (
    <>
      <SuggestionCard s={row} zone={orgZone(session)} highlight onChanged={setRow} />
      <p>
        <a href="/community/suggestions">{t('suggestions.all')}</a>
      </p>
    </>
  );
}

function List({ session, scope, highlight }: { session: Session; scope: SuggestionScope; highlight: string | null }): JSX.Element {
  const { data, error, loading, reload } = useQuery(SuggestionsDocument, { scope });
  const [rows, setRows] = useState<SuggestionFieldsFragment[]>([]);
  useEffect(() => setRows(data?.suggestions ?? []), [data]);
  useHighlight(highlight ? `suggestion-${highlight}` : null, rows.length > 0);
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  if (rows.length === 0) return <p class="muted suggestions-empty">{t(scope === 'MINE' ? 'suggestions.noneMine' : 'suggestions.noneToAnswer')}</p>;
  return (
    <ul class={`suggestion-list scope-${scope.toLowerCase()}`}>
      {rows.map((s) => (
        <li key={s.id}>
          <SuggestionCard
            s={s}
            zone={orgZone(session)}
            highlight={s.id === highlight}
            onChanged={(next) => setRows((list) => list.map((x) => (x.id === next.id ? next : x)))}
          />
        </li>
      ))}
    </ul>
  );
}
