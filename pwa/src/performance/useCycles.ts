/** The cycle a performance screen shows: `?cycle=` in the address, else the current one, else the newest. */
import type { PerformanceCyclesQuery, PerfCycleFragment } from '../gql/graphql';
import { navigate, useSearchParams } from '../lib/router';
import { useQuery, type QueryState } from '../lib/useQuery';
import { PerformanceCyclesDocument } from '../gql/graphql';

export type CycleChoice = QueryState<PerformanceCyclesQuery> & {
  cycles: PerfCycleFragment[];
  selected: PerfCycleFragment | null;
  select: (id: string) => void;
};

export function useCycles(): CycleChoice {
  const query = useQuery(PerformanceCyclesDocument, {});
  const params = useSearchParams();
  const cycles = query.data?.reviewCycles ?? [];
  const wanted = params.get('cycle');
  const selected = cycles.find((c) => c.id === wanted) ?? query.data?.currentReviewCycle ?? cycles[0] ?? null;

  function select(id: string): void {
    const next = new URLSearchParams(location.search);
    next.set('cycle', id);
    navigate(`${location.pathname}?${next.toString()}`, { replace: true });
  }

  return { ...query, cycles, selected, select };
}
