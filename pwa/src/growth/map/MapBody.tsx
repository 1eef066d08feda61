/** The growth map itself: the track, where the person stands, the next step, and the path of levels with requirement
 * chips. Own map by default; a report's (managers) or anyone's (HR) with an employee id. */
import '../growth.css';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { localized, t } from '../../i18n';
import { formatCivil, formatInstant, parseCivil } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { Card, ErrorNote } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { named, remainingText } from '../labels';
import { LevelPath } from './LevelPath';
import { buildPath } from './tree';
import { requirementHref, type GrowthMapData } from './types';
import { GrowthMapDocument } from '../../gql/graphql';

export function MapBody({ zone, employeeId }: { zone: string; employeeId?: string | null }): JSX.Element {
  const { data, error, reload } = useQuery(GrowthMapDocument, { employeeId: employeeId ?? null });
  if (error) return <ErrorNote error={error} onRetry={reload} />;
  if (!data) return <MapSkeleton />;
  return <MapView map={data.growthMap} zone={zone} employeeId={employeeId} />;
}

export function MapView({ map, zone, employeeId }: { map: GrowthMapData; zone: string; employeeId?: string | null }): JSX.Element {
  const roots = useMemo(() => buildPath(map.levels), [map]);
  if (!map.track) {
    return (
      <Card class="growth-empty">
        <p>{employeeId ? t('growth.map.noTrackOther', { name: map.employee.name }) : t('growth.map.noTrack')}</p>
      </Card>
    );
  }
  const current = map.levels.find((l) => l.isCurrent) ?? null;
  const next = map.nextStep;
  return (
    <div class="growth-map" data-track={map.track.code}>
      <Card class="track-card">
        <p class="track-name">{named(map.track)}</p>
        <p class="muted">
          {current ? t('growth.map.at', { level: named(current.level) }) : t('growth.map.notStarted')}
          {map.levelSince ? ` · ${t('growth.map.since', { date: formatCivil(parseCivil(map.levelSince)) })}` : ''}
        </p>
        {localized(map.track.descriptionEn, map.track.descriptionZh) ? <p class="track-desc">{localized(map.track.descriptionEn, map.track.descriptionZh)}</p> : null}
        {next ? (
          <a class="next-step-link" href={requirementHref(next.requirement.id, employeeId)}>
            <span class="next-step-text">
              <span class="muted">{t('growth.next.title')}</span>
              <strong>{named(next.requirement)}</strong>
              <span class="muted">
                {named(next.level)} · {remainingText(next.remaining, next.requirement.aggregate)}
              </span>
            </span>
            <Icon name="chevron" size={20} />
          </a>
        ) : map.levels.length > 0 && map.levels.every((l) => l.complete) ? (
          <p class="status-ok">{t('growth.map.allDone')}</p>
        ) : null}
      </Card>
      <section aria-labelledby="path-title" class="lvl-section">
        <h2 id="path-title" class="section-title">
          {t('growth.map.path')}
        </h2>
        <LevelPath roots={roots} zone={zone} employeeId={employeeId} />
      </section>
      {map.computedAt ? <p class="muted computed-at">{t('growth.map.computedAt', { when: formatInstant(map.computedAt, zone) })}</p> : null}
    </div>
  );
}

/** Holds the map's place while it loads: a track card and three levels of typical height. */
export function MapSkeleton(): JSX.Element {
  return (
    <div class="growth-map-skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">{t('app.loading')}</span>
      <div class="card skel-track" aria-hidden="true" />
      {[0, 1, 2].map((i) => (
        <div key={i} class="skel-level" aria-hidden="true">
          <span class="skel-dot" />
          <span class="skel-body" />
        </div>
      ))}
    </div>
  );
}
