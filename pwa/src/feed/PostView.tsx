/** One post on its own (/community/posts/:id, where notifications about it lead), its comments open. */
import './feed.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FeedPostDocument } from '../gql/graphql';
import { t } from '../i18n';
import { navigate } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { ErrorNote, Page } from '../ui/kit';
import { PostCard } from './PostCard';
import { PostSkeleton } from './PostSkeleton';
import type { FeedItem } from './useFeed';

export function PostView({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(FeedPostDocument, { id });
  const [post, setPost] = useState<FeedItem | null>(null);
  useEffect(() => setPost(data?.post ?? null), [data]);
  return (
    <Page title={t('feed.postTitle')} back="/community/feed">
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !post ? (
        <PostSkeleton count={1} />
      ) : !post ? (
        <p class="muted">{t('feed.postGone')}</p>
      ) : (
        <PostCard session={session} post={post} openComments onPatch={(fn) => setPost((p) => (p ? fn(p) : p))} onRemoved={() => navigate('/community/feed')} />
      )}
    </Page>
  );
}
