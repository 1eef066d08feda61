/** A cursor-paged list: the first page through useQuery, "load more" appends the next (ids deduplicated). */
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText } from '../api/errors';
import type { TypedDocumentString } from '../gql/graphql';
import { useQuery, type QueryState } from './useQuery';

type Connection<N> = { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };

export type PagedState<TResult, N> = QueryState<TResult> & {
  rows: N[];
  setRows: (update: (rows: N[]) => N[]) => void;
  hasMore: boolean;
  loadMore: () => Promise<void>;
  loadingMore: boolean;
  moreError: string | null;
};

export function usePagedQuery<TResult, TVariables extends { first: number; after?: string | null }, N extends { id: string }>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  pick: (result: TResult) => Connection<N>,
): PagedState<TResult, N> {
  const query = useQuery(document, variables);
  const [rows, setRows] = useState<N[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const next = (conn: Connection<N>) => (conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor ?? null : null);

  useEffect(() => {
    const conn = query.data ? pick(query.data) : null;
    setRows(conn ? conn.edges.map((e) => e.node) : []);
    setCursor(conn ? next(conn) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pick` is a pure selector
  }, [query.data]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const run = gql as (d: typeof document, v: TVariables) => Promise<TResult>;
      const conn = pick(await run(document, { ...variables, after: cursor }));
      setRows((old) => {
        const seen = new Set(old.map((r) => r.id));
        return [...old, ...conn.edges.map((e) => e.node).filter((n) => !seen.has(n.id))];
      });
      setCursor(next(conn));
    } catch (err) {
      setMoreError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return { ...query, rows, setRows, hasMore: cursor !== null, loadMore, loadingMore, moreError };
}
