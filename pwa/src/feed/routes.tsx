/** The community tab's addresses besides the colleague directory: the feed and its composers, single posts (the
 * links notifications carry), HR's moderation queue, suggestions and tech talks. Each screen is its own chunk.
 * Returns null for any other path (so /community/<employee id> still reaches the colleague screen). */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { lazyScreen } from '../lib/lazy';
import { NotFound } from '../shell/NotFound';
import type { Session } from '../shell/session';

const Feed = lazyScreen(() => import('./Feed').then((m) => m.Feed));
const Composer = lazyScreen(() => import('./Composer').then((m) => m.Composer));
const PostView = lazyScreen(() => import('./PostView').then((m) => m.PostView));
const Moderation = lazyScreen(() => import('./Moderation').then((m) => m.Moderation));
const PollComposer = lazyScreen(() => import('../polls/PollComposer').then((m) => m.PollComposer));
const Suggestions = lazyScreen(() => import('../suggestions/Suggestions').then((m) => m.Suggestions));
const Talks = lazyScreen(() => import('../talks/Talks').then((m) => m.Talks));
const TalkDetail = lazyScreen(() => import('../talks/TalkDetail').then((m) => m.TalkDetail));
const ScheduleTalk = lazyScreen(() => import('../talks/ScheduleTalk').then((m) => m.ScheduleTalk));
const CheckIn = lazyScreen(() => import('../talks/CheckIn').then((m) => m.CheckIn));

export function communityRoute(clean: string, s: Session): JSX.Element | null {
  const id = (re: RegExp) => {
    const m = re.exec(clean)?.[1];
    return m ? decodeURIComponent(m) : null;
  };
  const takesPart = !!s.me.employee && can(s.me, 'community:take_part');
  const post = id(/^\/community\/posts\/([^/]+)$/);
  if (post) return <PostView key={post} session={s} id={post} />;
  const suggestion = id(/^\/community\/suggestions\/([^/]+)$/);
  if (suggestion) return <Suggestions key={suggestion} session={s} highlight={suggestion} />;
  const talk = id(/^\/community\/talks\/([^/]+)$/);
  if (talk && talk !== 'new' && talk !== 'check-in') return <TalkDetail key={talk} session={s} id={talk} />;
  switch (clean) {
    case '/community/feed':
      return <Feed session={s} />;
    case '/community/feed/new':
      return takesPart ? <Composer session={s} /> : <NotFound />;
    case '/community/feed/new-poll':
      return takesPart ? <PollComposer session={s} /> : <NotFound />;
    case '/community/moderation':
      return can(s.me, 'community:moderate') ? <Moderation session={s} /> : <NotFound />;
    case '/community/suggestions':
      return <Suggestions session={s} highlight={null} />;
    case '/community/talks':
      return <Talks session={s} />;
    case '/community/talks/new':
      return takesPart ? <ScheduleTalk session={s} /> : <NotFound />;
    case '/community/talks/check-in':
      return takesPart ? <CheckIn session={s} /> : <NotFound />;
    default:
      return null;
  }
}
