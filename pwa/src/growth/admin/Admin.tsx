/** Growth administration (/growth/admin, HR): career tracks, the data-quality view and the training import. */
import '../growth.css';
import type { JSX } from 'preact';
import { can } from '../../api/me';
import { t } from '../../i18n';
import { Sections, useSection } from '../../performance/Sections';
import type { Session } from '../../shell/session';
import { Page } from '../../ui/kit';
import { Import } from './Import';
import { Quality } from './Quality';
import { Tracks } from './Tracks';

const SECTIONS = ['tracks', 'quality', 'import'] as const;

export function Admin({ session }: { session: Session }): JSX.Element {
  const manage = can(session.me, 'growth:manage');
  const sections = manage ? SECTIONS : (['quality'] as const);
  const section = useSection<(typeof SECTIONS)[number]>(sections);
  if (session.offline) {
    return (
      <Page title={t('growth.admin.title')} back="/growth">
        <p class="muted">{t('growth.needsConnection')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('growth.admin.title')} back="/growth">
      {sections.length > 1 ? <Sections legend={t('growth.admin.sections')} sections={sections} current={section} label={(s) => t(`growth.admin.tab.${s}`)} /> : null}
      {section === 'tracks' ? <Tracks /> : null}
      {section === 'quality' ? <Quality session={session} /> : null}
      {section === 'import' ? <Import /> : null}
    </Page>
  );
}
