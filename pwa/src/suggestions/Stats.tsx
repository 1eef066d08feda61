/** HR's numbers for the suggestion box: answered in time or late, open and overdue, the median answer time, by
 * status and by department (departments under five people are left out, and how many were is said). */
import type { JSX } from 'preact';
import { SuggestionStatsDocument } from '../gql/graphql';
import { locale, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Card, ErrorNote, Facts, Loading } from '../ui/kit';
import { statusLabel } from './SuggestionCard';

export function Stats(): JSX.Element {
  const { data, error, loading, reload } = useQuery(SuggestionStatsDocument, {});
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={4} />;
  const s = data?.suggestionStats;
  if (!s) return <Loading lines={4} />;
  const num = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 });
  return (
    <div class="suggestion-stats">
      <Card>
        <Facts
          rows={[
            [t('suggestions.stats.total'), num.format(s.total)],
            [t('suggestions.stats.onTime'), num.format(s.answeredOnTime)],
            [t('suggestions.stats.late'), num.format(s.answeredLate)],
            [t('suggestions.stats.open'), num.format(s.open)],
            [t('suggestions.stats.overdue'), num.format(s.overdue)],
            [t('suggestions.stats.median'), s.medianAnswerHours === null || s.medianAnswerHours === undefined ? t('app.none') : t('suggestions.stats.hours', { h: num.format(s.medianAnswerHours) })],
          ]}
        />
      </Card>
      <Card title={t('suggestions.stats.byStatus')}>
        <Facts rows={s.byStatus.map((b) => [statusLabel(b.status), num.format(b.count)])} />
      </Card>
      <Card title={t('suggestions.stats.byDepartment')}>
        {s.byDepartment.length ? <Facts rows={s.byDepartment.map((d) => [d.department?.name ?? t('app.none'), num.format(d.count)])} /> : <p class="muted">{t('suggestions.stats.noDepartments')}</p>}
        <p class="hint hidden-departments">{t('suggestions.stats.hidden', { count: s.hiddenDepartments })}</p>
      </Card>
    </div>
  );
}
