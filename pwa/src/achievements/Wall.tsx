/** Achievement wall (成就墙): one timeline of everything a person earned, by year and quarter, with totals.
 * Your own wall shows private items too, lets you choose what is public and download a verifiable archive. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { AchievementWallQuery } from '../gql/graphql';
import { locale, localized, t } from '../i18n';
import { useHighlight } from '../lib/highlight';
import { useSearchParams } from '../lib/router';
import { useQuery } from '../lib/useQuery';
import { orgZone, type Session } from '../shell/session';
import { Icon } from '../ui/icons';
import { Avatar, Card, ErrorNote, Loading, Page, Status } from '../ui/kit';
import { WallEntry } from './WallEntry';
import { AchievementWallDocument, SetAchievementVisibilityDocument } from '../gql/graphql';

type WallData = AchievementWallQuery['achievementWall'];
type WallYear = WallData['years'][number];

export function Wall({ session, employeeId }: { session: Session; employeeId?: string }): JSX.Element {
  const myId = session.me.employee?.id ?? null;
  const own = !employeeId || employeeId === myId;
  const highlight = useSearchParams().get('highlight');
  const { data, error, loading, reload } = useQuery(AchievementWallDocument, { employeeId: own ? null : employeeId ?? null, year: null });
  const [publicOverride, setPublicOverride] = useState<Record<string, boolean>>({});
  const [busyId, setBusyId] = useState<string | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const older = useOlderYears(data?.achievementWall ?? null, own ? null : employeeId ?? null);
  const wall = data?.achievementWall ?? null;
  const zone = orgZone(session);

  useHighlight(highlight ? `achievement-${highlight}` : null, Boolean(wall));

  const name = wall?.employee?.name ?? '';
  const title = own ? t('wall.myTitle') : name ? t('wall.title', { name }) : t('wall.titleGeneric');
  const back = own ? '/' : `/community/${encodeURIComponent(employeeId ?? '')}`;

  if (!wall) {
    return (
      <Page title={title} back={back}>
        {loading ? <Loading lines={6} /> : <ErrorNote error={error} onRetry={reload} />}
      </Page>
    );
  }

  async function setVisibility(id: string, isPublic: boolean, itemTitle: string): Promise<void> {
    setBusyId(id);
    setStatus(null);
    try {
      const res = await gql(SetAchievementVisibilityDocument, { id, isPublic });
      const r = res.setAchievementVisibility;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
      } else {
        setPublicOverride((m) => ({ ...m, [r.achievement.id]: r.achievement.isPublic }));
        setStatus({ text: t(r.achievement.isPublic ? 'wall.nowPublic' : 'wall.nowPrivate', { title: itemTitle }), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusyId(null);
    }
  }

  const years = older.merge(wall.years);
  const empty = years.every((y) => y.quarters.every((q) => q.items.length === 0));
  const ownerId = wall.employeeId;
  return (
    <Page title={title} back={back}>
      <Card class="hero wall-head">
        <div class="hero-row">
          <Avatar name={name || '?'} size="lg" />
          <div>
            <p class="hero-name">{name}</p>
            {wall.employee?.jobTitle ? <p class="hero-sub">{wall.employee.jobTitle}</p> : null}
          </div>
        </div>
        <p class="wall-summary">{empty ? (own ? t('wall.emptyOwn') : t('wall.emptyOther', { name })) : localized(wall.summaryEn, wall.summaryZh)}</p>
        {!own && !empty ? <p class="muted">{t(wall.showsPrivate ? 'wall.includesPrivate' : 'wall.publicOnly')}</p> : null}
        {wall.isOwner ? (
          <div class="actions">
            <a class="btn btn-secondary" href={`/exports/wall.pdf?employee=${encodeURIComponent(ownerId)}&lang=${locale()}`} download>
              <Icon name="download" size={20} /> {t('wall.downloadPdf')}
            </a>
            <a class="btn btn-secondary" href={`/exports/wall.json?employee=${encodeURIComponent(ownerId)}`} download>
              <Icon name="download" size={20} /> {t('wall.downloadJson')}
            </a>
          </div>
        ) : null}
        {wall.isOwner ? <p class="hint">{t('wall.ownerHint')}</p> : null}
      </Card>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {years.map((y) => (
        <section class="wall-year" key={y.year} aria-labelledby={`year-${y.year}`}>
          <h2 id={`year-${y.year}`}>{String(y.year)}</h2>
          <p class="muted">{localized(y.summaryEn, y.summaryZh)}</p>
          {y.quarters.map((q) => (
            <section class="card wall-quarter" key={`${q.year}-${q.quarter}`} aria-labelledby={`q-${q.year}-${q.quarter}`}>
              <h3 id={`q-${q.year}-${q.quarter}`}>{t('wall.quarter', { q: String(q.quarter), year: String(q.year) })}</h3>
              <p class="wall-qsum">{localized(q.summaryEn, q.summaryZh)}</p>
              <ol class="wall-items">
                {q.items.map((item) => {
                  const itemTitle = localized(item.titleEn, item.titleZh);
                  return (
                    <WallEntry
                      key={item.id}
                      item={item}
                      zone={zone}
                      currency={wall.currency}
                      highlighted={item.id === highlight}
                      owner={wall.isOwner}
                      isPublic={publicOverride[item.id] ?? item.isPublic}
                      busy={busyId === item.id || session.offline}
                      onVisibility={(on) => void setVisibility(item.id, on, itemTitle)}
                    />
                  );
                })}
              </ol>
            </section>
          ))}
        </section>
      ))}
      {older.error ? <ErrorNote error={older.error} /> : null}
      {wall.truncated && older.next !== null ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={() => void older.load()} disabled={older.busy} aria-busy={older.busy}>
          {t('wall.showYear', { year: String(older.next) })}
        </button>
      ) : null}
    </Page>
  );
}

/** The wall without a year holds the latest 500 items; older ones are fetched a whole year at a time, back to the hire year. */
function useOlderYears(wall: WallData | null, employeeId: string | null) {
  const [loaded, setLoaded] = useState<{ key: string; years: WallYear[]; next: number | null }>({ key: '', years: [], next: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = wall ? `${wall.employeeId}` : '';
  const oldestShown = wall?.years.length ? Math.min(...wall.years.map((y) => y.year)) : null;
  const hireYear = wall?.employee?.hireDate ? Number(wall.employee.hireDate.slice(0, 4)) : null;
  const state = loaded.key === key ? loaded : { key, years: [], next: oldestShown };
  const next = state.next !== null && hireYear !== null && state.next < hireYear ? null : state.next;

  async function load(): Promise<void> {
    if (next === null) return;
    setBusy(true);
    setError(null);
    try {
      const res = await gql(AchievementWallDocument, { employeeId, year: next });
      setLoaded({ key, years: [...state.years.filter((y) => y.year !== next), ...res.achievementWall.years], next: next - 1 });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function merge(latest: WallYear[]): WallYear[] {
    const replaced = new Map(state.years.map((y) => [y.year, y]));
    const base = latest.map((y) => replaced.get(y.year) ?? y);
    const extra = state.years.filter((y) => !latest.some((l) => l.year === y.year));
    return [...base, ...extra].sort((a, b) => b.year - a.year);
  }

  return { next, busy, error, load, merge };
}
