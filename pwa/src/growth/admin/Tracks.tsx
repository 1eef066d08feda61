/** The organisation's career tracks (active and not), each opening the editor; "New track" starts an empty one. */
import type { JSX } from 'preact';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { ErrorNote, Loading } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { named } from '../labels';
import { CareerTracksDocument } from '../../gql/graphql';

export function Tracks(): JSX.Element {
  const { data, error, reload } = useQuery(CareerTracksDocument, {});
  return (
    <section aria-labelledby="tracks-title">
      <h2 id="tracks-title" class="section-title">
        {t('growth.admin.tracks')}
      </h2>
      <a class="btn btn-primary btn-block new-track" href="/growth/admin/tracks/new">
        <Icon name="plus" size={20} /> {t('growth.editor.newTrack')}
      </a>
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : !data ? (
        <Loading lines={4} />
      ) : data.careerTracks.length === 0 ? (
        <p class="muted">{t('growth.admin.noTracks')}</p>
      ) : (
        <ul class="menu rewards-links track-list">
          {data.careerTracks.map((tr) => (
            <li key={tr.id} data-code={tr.code}>
              <a href={`/growth/admin/tracks/${encodeURIComponent(tr.id)}`}>
                <Icon name="growth" />
                <span class="menu-text">
                  <span>{named(tr)}</span>
                  <span class="muted">
                    {tr.jobFamily} · {t('growth.admin.levels', { count: tr.levels.length })}
                    {tr.active ? '' : ` · ${t('growth.admin.inactive')}`}
                  </span>
                </span>
                <Icon name="chevron" size={20} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
