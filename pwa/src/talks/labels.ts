/** Shared bits of the talk screens: when and where, seats, and running a talk mutation. */
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { TalkFieldsFragment } from '../gql/graphql';
import { locale, t } from '../i18n';

export type Talk = TalkFieldsFragment;

/** "Tue 15 Dec, 14:00–15:00" in this device's zone. */
export function whenText(talk: Pick<Talk, 'startsAt' | 'endsAt'>): string {
  const start = new Date(talk.startsAt);
  const end = new Date(talk.endsAt);
  const day = new Intl.DateTimeFormat(locale(), { weekday: 'short', month: 'short', day: 'numeric' }).format(start);
  const time = new Intl.DateTimeFormat(locale(), { timeStyle: 'short' });
  return `${day} ${time.format(start)}–${time.format(end)}`;
}

export function seatsText(talk: Talk): string {
  return t('talks.seats', { taken: talk.seatsTaken, capacity: talk.capacity });
}

type Changed = { __typename: 'TechTalkChanged'; talk: Talk } | { __typename: 'UserError'; code: string; message: string };

/** Run a talk mutation: the changed talk, or a sentence saying why not. */
export async function talkAction(call: () => Promise<Changed>): Promise<{ talk: Talk } | { error: string }> {
  try {
    const r = await call();
    return r.__typename === 'UserError' ? { error: userErrorText(r) } : { talk: r.talk };
  } catch (err) {
    return { error: errorText(err) };
  }
}

export { gql };
