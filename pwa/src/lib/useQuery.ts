/** Run a GraphQL document when its variables change; exposes data, error and a reload. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import type { TypedDocumentString } from '../gql/graphql';

export type QueryState<T> = { data: T | null; error: unknown; loading: boolean; reload: () => void };

export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  opts: { skip?: boolean } = {},
): QueryState<TResult> {
  const [data, setData] = useState<TResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!opts.skip);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  const seq = useRef(0);

  useEffect(() => {
    if (opts.skip) {
      setLoading(false);
      return;
    }
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    const run = gql as (d: typeof document, v: TVariables) => Promise<TResult>;
    run(document, variables).then(
      (result) => {
        if (mine !== seq.current) return;
        setData(result);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setError(err);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- variables are compared by value via `key`
  }, [document, key, tick, opts.skip]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Debounce a fast-changing value (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
