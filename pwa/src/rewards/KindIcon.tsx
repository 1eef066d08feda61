/** A round, decorative icon per reward kind (used where an item has no picture). */
import type { JSX } from 'preact';
import type { RewardKind } from '../gql/graphql';
import { Icon, type IconName } from '../ui/icons';

const ICONS: Record<RewardKind, IconName> = {
  CASH_BONUS: 'coin',
  TRAINING: 'certificate',
  EXTRA_LEAVE: 'calendar',
  REMOTE_DAYS: 'home',
  CEO_MEETING: 'chat',
  VOUCHER: 'ticket',
};

export function KindIcon({ kind }: { kind: RewardKind }): JSX.Element {
  return (
    <span class={`kind-icon kind-${kind.toLowerCase()}`} aria-hidden="true">
      <Icon name={ICONS[kind]} />
    </span>
  );
}
