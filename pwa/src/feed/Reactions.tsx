/** The five reactions with counts; a tap toggles mine at once (optimistic) and the server's counts then replace it,
 * or the change is undone with a note if it failed. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { ReactDocument, type ReactionKind } from '../gql/graphql';
import { Status } from '../ui/kit';
import { REACTION_EMOJI, REACTIONS, reactionLabel } from './labels';
import type { FeedItem } from './useFeed';

type Counts = FeedItem['reactions'];

/** All five kinds in their fixed order, whatever the server sent. */
function allKinds(counts: Counts): Counts {
  return REACTIONS.map((k) => counts.find((c) => c.kind === k) ?? { __typename: 'ReactionCount' as const, kind: k, count: 0, mine: false });
}

function toggled(counts: Counts, kind: ReactionKind, on: boolean): Counts {
  return allKinds(counts).map((c) => (c.kind === kind && c.mine !== on ? { ...c, mine: on, count: Math.max(0, c.count + (on ? 1 : -1)) } : c));
}

export function Reactions({ post, canReact, onPatch }: { post: FeedItem; canReact: boolean; onPatch: (fn: (p: FeedItem) => FeedItem) => void }): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const counts = allKinds(post.reactions);

  async function react(kind: ReactionKind, on: boolean): Promise<void> {
    setError(null);
    onPatch((p) => ({ ...p, reactions: toggled(p.reactions, kind, on) }));
    try {
      const r = (await gql(ReactDocument, { postId: post.id, kind, on })).react;
      if (r.__typename === 'UserError') {
        onPatch((p) => ({ ...p, reactions: toggled(p.reactions, kind, !on) }));
        setError(userErrorText(r));
      } else onPatch((p) => ({ ...p, reactions: r.post.reactions }));
    } catch (err) {
      onPatch((p) => ({ ...p, reactions: toggled(p.reactions, kind, !on) }));
      setError(errorText(err));
    }
  }

  return (
    <div class="reactions">
      <ul class="reaction-bar">
        {counts.map((c) => (
          <li key={c.kind}>
            <button
              type="button"
              class={`reaction${c.mine ? ' mine' : ''}`}
              data-kind={c.kind}
              aria-pressed={c.mine}
              aria-label={`${reactionLabel(c.kind)} ${c.count}`}
              disabled={!canReact}
              onClick={() => void react(c.kind, !c.mine)}
            >
              <span aria-hidden="true">{REACTION_EMOJI[c.kind]}</span>
              <span class="reaction-count" aria-hidden="true">{c.count || ''}</span>
            </button>
          </li>
        ))}
      </ul>
      <Status text={error} tone="error" />
    </div>
  );
}
