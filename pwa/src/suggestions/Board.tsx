/** The public "you said / we did" board: implemented suggestions, newest first, without names. */
import type { JSX } from 'preact';
import { SuggestionBoardDocument } from '../gql/graphql';
import { t } from '../i18n';
import { formatInstantDate } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import { ErrorNote, Loading } from '../ui/kit';

export function Board(): JSX.Element {
  const { data, error, loading, reload } = useQuery(SuggestionBoardDocument, {});
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (loading && !data) return <Loading lines={3} />;
  const rows = data?.suggestionBoard ?? [];
  if (rows.length === 0) return <p class="muted">{t('suggestions.boardEmpty')}</p>;
  return (
    <ul class="board">
      {rows.map((s) => (
        <li key={s.id} class="card board-item" data-id={s.id}>
          <p class="board-said">
            <strong>{t('suggestions.youSaid')}</strong> {s.title}
          </p>
          <p class="muted">{s.body}</p>
          <p class="board-did">
            <strong>{t('suggestions.weDid')}</strong> {s.outcome}
          </p>
          <p class="muted">
            {[s.department?.name, s.implementedAt ? formatInstantDate(s.implementedAt, Intl.DateTimeFormat().resolvedOptions().timeZone) : null].filter(Boolean).join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
}
