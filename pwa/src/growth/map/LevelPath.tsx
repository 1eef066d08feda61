/** The vertical path of levels; where it forks, each branch is a labelled path of its own (stacked, so it fits 360 px). */
import type { JSX } from 'preact';
import { localized, t } from '../../i18n';
import { named } from '../labels';
import { LevelNode } from './LevelNode';
import { run, type PathNode } from './tree';
import type { LevelItem } from './types';

type Props = { zone: string; employeeId?: string | null };

export function LevelPath({ roots, ...props }: Props & { roots: PathNode<LevelItem>[] }): JSX.Element {
  if (roots.length === 1 && roots[0]) return <Segment start={roots[0]} {...props} />;
  return <Fork branches={roots} {...props} />;
}

function Segment({ start, ...props }: Props & { start: PathNode<LevelItem> }): JSX.Element {
  const { chain, fork } = run(start);
  return (
    <>
      <ol class="lvl-path">
        {chain.map((item) => (
          <LevelNode key={item.level.id} item={item} {...props} />
        ))}
      </ol>
      {fork.length > 0 ? <Fork branches={fork} {...props} /> : null}
    </>
  );
}

function Fork({ branches, ...props }: Props & { branches: PathNode<LevelItem>[] }): JSX.Element {
  return (
    <div class="lvl-fork" role="group" aria-label={t('growth.map.fork', { count: branches.length })}>
      <p class="fork-note" aria-hidden="true">
        {t('growth.map.forkNote')}
      </p>
      {branches.map((b) => {
        const label = localized(b.item.level.branchEn, b.item.level.branchZh) || named(b.item.level);
        const onIt = onBranch(b);
        return (
          <section key={b.item.level.id} class={`lvl-branch${onIt ? ' is-mine' : ''}`} aria-label={t('growth.map.branch', { name: label })}>
            <h3 class="branch-label">
              {label}
              {onIt ? <span class="tag tag-current">{t('growth.map.yourBranch')}</span> : null}
            </h3>
            <Segment start={b} {...props} />
          </section>
        );
      })}
    </div>
  );
}

/** True when the person's current level (or a completed one) lies on this branch. */
function onBranch(node: PathNode<LevelItem>): boolean {
  if (node.item.isCurrent || node.item.complete) return true;
  return node.next.some(onBranch);
}
