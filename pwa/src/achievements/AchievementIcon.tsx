/** The picture of a wall item: the badge's emoji, or an icon for its kind. Decorative. */
import type { JSX } from 'preact';
import type { AchievementKind } from '../gql/graphql';
import { Icon, type IconName } from '../ui/icons';

const kindIcon: Record<AchievementKind, IconName> = {
  PRAISE: 'star',
  KUDOS: 'heart',
  BADGE: 'medal',
  AWARD: 'trophy',
  BONUS: 'coin',
  CERTIFICATE: 'certificate',
  MILESTONE: 'flag',
};

export function AchievementIcon(props: { kind: AchievementKind; emoji?: string | null | undefined }): JSX.Element {
  return (
    <span class={`ach-icon ach-${props.kind.toLowerCase()}`} aria-hidden="true">
      {props.emoji ? <span class="emoji">{props.emoji}</span> : <Icon name={kindIcon[props.kind]} size={20} />}
    </span>
  );
}
