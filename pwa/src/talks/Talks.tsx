/** Tech-sharing talks (/community/talks): upcoming ones (or all), sign up or cancel, schedule one, check in. */
import '../feed/feed.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { can } from '../api/me';
import { TechTalksDocument } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { CommunityNav } from '../feed/CommunityNav';
import { ErrorNote, Loading, Page, Toggle } from '../ui/kit';
import { Icon } from '../ui/icons';
import type { Talk } from './labels';
import { TalkCard } from './TalkCard';

export function Talks({ session }: { session: Session }): JSX.Element {
  const [all, setAll] = useState(false);
  const { data, error, loading, reload } = useQuery(TechTalksDocument, { upcomingOnly: !all });
  const [rows, setRows] = useState<Talk[]>([]);
  useEffect(() => setRows(data?.techTalks ?? []), [data]);
  const takesPart = !!session.me.employee && can(session.me, 'community:take_part');
  return (
    <Page title={t('talks.title')}>
      <CommunityNav current="/community/talks" />
      {takesPart ? (
        <div class="feed-compose">
          <a class="btn btn-primary schedule-talk" href="/community/talks/new">
            <Icon name="plus" size={20} /> {t('talks.schedule')}
          </a>
          <a class="btn btn-secondary to-check-in" href="/community/talks/check-in">
            {t('talks.checkIn')}
          </a>
        </div>
      ) : null}
      <Toggle label={t('talks.showPast')} name="all" checked={all} onChange={setAll} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={4} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('talks.none')}</p>
      ) : (
        <ul class="talk-list">
          {rows.map((talk) => (
            <li key={talk.id}>
              <TalkCard talk={talk} meId={session.me.employee?.id ?? null} onChanged={(next) => setRows((list) => list.map((x) => (x.id === next.id ? next : x)))} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
