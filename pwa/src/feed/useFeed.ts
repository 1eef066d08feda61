/** The feed's state: pages by cursor (pinned posts come on the first page only), live changes (a new post waits
 * behind the "N new posts" pill, a changed one is refetched in place), and a refresh that starts over. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import { FeedDocument, FeedPostDocument, type FeedPostFragment, type PostCategory } from '../gql/graphql';
import { watchFeed } from './live';

export const PAGE = 10;
export type FeedItem = FeedPostFragment;

export type FeedState = {
  posts: FeedItem[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  fresh: number;
  loadMore: () => void;
  refresh: () => Promise<void>;
  patch: (id: string, change: (p: FeedItem) => FeedItem) => void;
  remove: (id: string) => void;
};

export function useFeed(category: PostCategory | null, live: boolean): FeedState {
  const [posts, setPosts] = useState<FeedItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [freshIds, setFreshIds] = useState<string[]>([]);
  const seq = useRef(0);
  const known = useRef(new Set<string>());
  known.current = new Set(posts.map((p) => p.id));

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const page = (await gql(FeedDocument, { first: PAGE, after: null, category })).feed;
      if (mine !== seq.current) return;
      setPosts(page.edges.map((e) => e.node));
      setCursor(page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null);
      setFreshIds([]);
    } catch (err) {
      if (mine === seq.current) setError(err);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [category]);

  useEffect(() => {
    setPosts([]);
    void refresh();
  }, [refresh]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    const mine = seq.current;
    gql(FeedDocument, { first: PAGE, after: cursor, category }).then(
      ({ feed }) => {
        if (mine !== seq.current) return;
        setPosts((old) => {
          const have = new Set(old.map((p) => p.id));
          return [...old, ...feed.edges.map((e) => e.node).filter((n) => !have.has(n.id))];
        });
        setCursor(feed.pageInfo.hasNextPage ? feed.pageInfo.endCursor ?? null : null);
      },
      (err: unknown) => setMoreError(errorText(err)),
    ).finally(() => setLoadingMore(false));
  }, [cursor, loadingMore, category]);

  const patch = useCallback((id: string, change: (p: FeedItem) => FeedItem) => setPosts((old) => old.map((p) => (p.id === id ? change(p) : p))), []);
  const remove = useCallback((id: string) => setPosts((old) => old.filter((p) => p.id !== id)), []);

  // Live: refetch a changed post we show; count new ones for the pill. Polling compares the first page instead.
  useEffect(() => {
    if (!live) return;
    const refetch = (id: string) =>
      gql(FeedPostDocument, { id }).then(
        ({ post }) => {
          if (!post || post.status === 'DELETED') setPosts((old) => old.filter((p) => p.id !== id));
          else setPosts((old) => old.map((p) => (p.id === id ? post : p)));
        },
        () => undefined,
      );
    const poll = () =>
      gql(FeedDocument, { first: PAGE, after: null, category }).then(
        ({ feed }) => {
          const nodes = feed.edges.map((e) => e.node);
          const byId = new Map(nodes.map((n) => [n.id, n]));
          setPosts((old) => old.map((p) => byId.get(p.id) ?? p));
          const unseen = nodes.filter((n) => !known.current.has(n.id)).map((n) => n.id);
          if (unseen.length) setFreshIds((f) => [...new Set([...f, ...unseen])]);
        },
        () => undefined,
      );
    return watchFeed((change) => {
      if (change.type === 'resync') void poll();
      else if (!change.postId) return;
      else if (change.type === 'post_created' && !known.current.has(change.postId)) {
        const id = change.postId;
        setFreshIds((f) => (f.includes(id) ? f : [...f, id]));
      } else if (known.current.has(change.postId)) void refetch(change.postId);
    }, () => void poll());
  }, [live, category]);

  return {
    posts,
    loading,
    error,
    hasMore: cursor !== null,
    loadingMore,
    moreError,
    fresh: freshIds.filter((id) => !known.current.has(id)).length,
    loadMore,
    refresh,
    patch,
    remove,
  };
}
