/** The community feed (/feed): category chips, pinned posts first, infinite scroll with skeletons, pull-to-refresh
 * (and a refresh button for desktops), live updates behind an "N new posts" pill, and the composers' entries. */
import './feed.css';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { can } from '../api/me';
import type { PostCategory } from '../gql/graphql';
import { t } from '../i18n';
import { type Session } from '../shell/session';
import { Chips, ErrorNote, Page, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { CommunityNav } from './CommunityNav';
import { CATEGORIES, categoryLabel } from './labels';
import { PostCard } from './PostCard';
import { PostSkeleton } from './PostSkeleton';
import { usePullToRefresh } from './pull';
import { useFeed } from './useFeed';

export function Feed({ session }: { session: Session }): JSX.Element {
  const [category, setCategory] = useState<PostCategory | 'ALL'>('ALL');
  const feed = useFeed(category === 'ALL' ? null : category, !session.offline);
  const sentinel = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const pull = usePullToRefresh(list, feed.refresh);
  const takesPart = can(session.me, 'community:take_part') && !!session.me.employee;

  // Infinite scroll: the sentinel under the last post asks for the next page a screen ahead of time.
  const { hasMore, loadMore, loadingMore, loading } = feed;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { rootMargin: '600px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, loadMore, loadingMore, loading]);

  async function showFresh(): Promise<void> {
    await feed.refresh();
    window.scrollTo({ top: 0 });
  }

  return (
    <Page title={t('feed.title')}>
      <CommunityNav current="/community/feed" />
      <div class="feed-compose">
        {takesPart ? (
          <>
            <a class="btn btn-primary new-post" href="/community/feed/new">
              <Icon name="plus" size={20} /> {t('feed.newPost')}
            </a>
            <a class="btn btn-secondary new-poll" href="/community/feed/new-poll">
              {t('poll.new')}
            </a>
          </>
        ) : null}
        <button type="button" class="icon-btn feed-refresh" aria-label={t('feed.refresh')} title={t('feed.refresh')} disabled={feed.loading} onClick={() => void feed.refresh()}>
          <Icon name="refresh" />
        </button>
      </div>
      {can(session.me, 'community:moderate') ? (
        <p class="card-link">
          <a href="/community/moderation" class="to-moderation">
            {t('moderation.title')} <Icon name="chevron" size={16} />
          </a>
        </p>
      ) : null}
      <Chips
        legend={t('feed.filter')}
        name="category"
        value={category}
        onValue={(v) => setCategory(v as PostCategory | 'ALL')}
        options={[{ value: 'ALL', label: t('feed.all') }, ...CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))]}
      />
      <div class="pull-indicator" aria-hidden="true" style={{ height: `${pull.offset}px` }}>
        {pull.offset > 0 ? <span class={pull.armed ? 'armed' : ''}>{pull.armed ? t('feed.pullRelease') : t('feed.pullHint')}</span> : null}
      </div>
      {feed.fresh > 0 ? (
        <button type="button" class="fresh-pill" onClick={() => void showFresh()}>
          {t('feed.fresh', { count: feed.fresh })}
        </button>
      ) : null}
      <div ref={list} class="feed" aria-busy={feed.loading || feed.loadingMore}>
        {feed.error ? (
          <ErrorNote error={feed.error} onRetry={() => void feed.refresh()} />
        ) : feed.loading && feed.posts.length === 0 ? (
          <PostSkeleton count={3} />
        ) : feed.posts.length === 0 ? (
          <p class="muted feed-empty">{t('feed.empty')}</p>
        ) : (
          <ul class="post-list">
            {feed.posts.map((p) => (
              <li key={p.id}>
                <PostCard session={session} post={p} onPatch={(fn) => feed.patch(p.id, fn)} onRemoved={() => feed.remove(p.id)} />
              </li>
            ))}
          </ul>
        )}
        {feed.loadingMore ? <PostSkeleton count={2} /> : null}
        <Status text={feed.moreError} tone="error" />
        <div ref={sentinel} class="feed-sentinel" />
        {feed.hasMore && !feed.loadingMore && !feed.loading ? (
          <button type="button" class="btn btn-secondary btn-block load-more" onClick={feed.loadMore}>
            {t('app.loadMore')}
          </button>
        ) : !feed.loading && feed.posts.length > 0 ? (
          <p class="muted feed-end">{t('feed.end')}</p>
        ) : null}
      </div>
    </Page>
  );
}
