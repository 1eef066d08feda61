/** The levels of a track as the map draws them: a path from the entry level, forking where two levels share the same
 * previous level (specialist vs management). Pure; levels are matched by id, siblings ordered by position. */

export type TreeLevel = { level: { id: string; position: number; previousId?: string | null } };
export type PathNode<L extends TreeLevel> = { item: L; next: PathNode<L>[] };

/** The forest of levels: normally one root (the entry level); orphans (previous level unknown) become roots too. */
export function buildPath<L extends TreeLevel>(levels: readonly L[]): PathNode<L>[] {
  const byPosition = [...levels].sort((a, b) => a.level.position - b.level.position);
  const ids = new Set(byPosition.map((l) => l.level.id));
  const nodes = new Map(byPosition.map((l) => [l.level.id, { item: l, next: [] as PathNode<L>[] }]));
  const roots: PathNode<L>[] = [];
  const seen = new Set<string>();
  for (const l of byPosition) {
    const node = nodes.get(l.level.id);
    if (!node) continue;
    const prev = l.level.previousId;
    const parent = prev && ids.has(prev) && prev !== l.level.id ? nodes.get(prev) : undefined;
    if (parent) parent.next.push(node);
    else roots.push(node);
  }
  // A cycle (which the server refuses) would leave levels unreachable; show them as roots rather than lose them.
  const walk = (n: PathNode<L>): void => {
    if (seen.has(n.item.level.id)) return;
    seen.add(n.item.level.id);
    n.next.forEach(walk);
  };
  roots.forEach(walk);
  for (const l of byPosition) {
    const node = nodes.get(l.level.id);
    if (node && !seen.has(l.level.id)) {
      roots.push(node);
      walk(node);
    }
  }
  return roots;
}

/** A straight run of levels (each followed by exactly one) and where it ends: nothing, or a fork into branches. */
export function run<L extends TreeLevel>(start: PathNode<L>): { chain: L[]; fork: PathNode<L>[] } {
  const chain: L[] = [];
  let node: PathNode<L> | undefined = start;
  const guard = new Set<string>();
  while (node && !guard.has(node.item.level.id)) {
    guard.add(node.item.level.id);
    chain.push(node.item);
    if (node.next.length !== 1) return { chain, fork: node.next };
    node = node.next[0];
  }
  return { chain, fork: [] };
}
