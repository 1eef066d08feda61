/** Names and marks of the feed's fixed sets (categories, reactions) and times in the viewer's own zone. */
import type { PostCategory, ReactionKind } from '../gql/graphql';
import { locale, t, type MessageKey } from '../i18n';

export const CATEGORIES: PostCategory[] = ['WARM_MOMENT', 'TECH_SHARING', 'ANNOUNCEMENT', 'RECOGNITION'];
export const REACTIONS: ReactionKind[] = ['LIKE', 'LOVE', 'CLAP', 'LAUGH', 'WOW'];
export const REACTION_EMOJI: Record<ReactionKind, string> = { LIKE: '👍', LOVE: '❤️', CLAP: '👏', LAUGH: '😄', WOW: '😮' };

export function categoryLabel(c: PostCategory): string {
  return t(`feed.category.${c}` as MessageKey);
}

export function reactionLabel(k: ReactionKind): string {
  return t(`feed.reaction.${k}` as MessageKey);
}

/** "3 min ago" within the hour, then "14:05" today, else the date and time — in the zone of this device. */
export function postTime(iso: string, now: number = Date.now()): string {
  const at = new Date(iso).getTime();
  const ago = Math.max(0, now - at);
  if (ago < 60_000) return t('feed.time.justNow');
  if (ago < 3_600_000) return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(-Math.floor(ago / 60_000), 'minute');
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const fmt = sameDay ? { timeStyle: 'short' as const } : { dateStyle: 'medium' as const, timeStyle: 'short' as const };
  return new Intl.DateTimeFormat(locale(), fmt).format(new Date(at));
}

/** A full date and time for the `title` of a time element. */
export function fullTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** "2 h 5 min" / "3 d 4 h" for countdowns (never negative). */
export function spanText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('feed.span.dh', { d, h });
  if (h > 0) return t('feed.span.hm', { h, m });
  if (m > 0) return t('feed.span.ms', { m, s: s % 60 });
  return t('feed.span.s', { s });
}
