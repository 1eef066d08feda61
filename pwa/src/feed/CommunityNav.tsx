/** The community tab's sections: feed, colleagues, suggestions, talks (a row of links, the current one marked). */
import type { JSX } from 'preact';
import { t, type MessageKey } from '../i18n';

const SECTIONS: { href: string; label: MessageKey }[] = [
  { href: '/community/feed', label: 'communityNav.feed' },
  { href: '/community', label: 'communityNav.colleagues' },
  { href: '/community/suggestions', label: 'communityNav.suggestions' },
  { href: '/community/talks', label: 'communityNav.talks' },
];

export function CommunityNav({ current }: { current: string }): JSX.Element {
  return (
    <nav class="community-nav" aria-label={t('communityNav.label')}>
      {SECTIONS.map((s) => (
        <a key={s.href} href={s.href} aria-current={s.href === current ? 'page' : undefined}>
          {t(s.label)}
        </a>
      ))}
    </nav>
  );
}
