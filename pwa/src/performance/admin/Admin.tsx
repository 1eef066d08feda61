/** Cycles & templates (HR, performance:configure): review cycles, scorecard templates, metric import, metric sources. */
import '../performance.css';
import type { JSX } from 'preact';
import { t } from '../../i18n';
import type { Session } from '../../shell/session';
import { Page } from '../../ui/kit';
import { Sections, useSection } from '../Sections';
import { Cycles } from './Cycles';
import { MetricImport } from './MetricImport';
import { MetricSources } from './MetricSources';
import { Templates } from './Templates';

const SECTIONS = ['cycles', 'templates', 'import', 'sources'] as const;

export function Admin({ session }: { session: Session }): JSX.Element {
  const section = useSection(SECTIONS);
  if (session.offline) {
    return (
      <Page title={t('perf.admin.title')}>
        <p class="muted">{t('perf.needsConnection')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('perf.admin.title')} back="/me">
      <Sections legend={t('perf.admin.sections')} sections={SECTIONS} current={section} label={(s) => t(`perf.admin.tab.${s}`)} />
      {section === 'cycles' ? <Cycles session={session} /> : null}
      {section === 'templates' ? <Templates /> : null}
      {section === 'import' ? <MetricImport /> : null}
      {section === 'sources' ? <MetricSources session={session} /> : null}
    </Page>
  );
}
