import type { Viewer } from '../api/me';

/** What every signed-in screen gets: the viewer, whether it is the offline copy, and session actions. */
export type Session = {
  me: Viewer;
  offline: boolean;
  savedAt: string | null;
  replaceMe: (me: Viewer) => void;
  signOut: () => void;
};

/** The organisation's zone decides what "today" is. */
export function orgZone(s: Session): string {
  return s.me.organization.timeZone;
}
