/** A colleague's profile: only the fields the API chose to return (non-null), a way to recognise them and their wall. */
import type { JSX } from 'preact';
import { can } from '../api/me';
import { t } from '../i18n';
import { formatCivil, formatMonthDay, parseCivil } from '../lib/dates';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, Card, ErrorNote, Facts, Loading, Page } from '../ui/kit';
import { Icon } from '../ui/icons';
import { ColleagueDocument } from '../gql/graphql';

export function Colleague({ session, id }: { session: Session; id: string }): JSX.Element {
  const { data, error, loading, reload } = useQuery(ColleagueDocument, { id });
  const p = data?.employee;
  if (loading || error || !p) {
    return (
      <Page title={p?.name ?? t('profile.title')} back="/community">
        {loading ? <Loading lines={5} /> : error ? <ErrorNote error={error} onRetry={reload} /> : <p>{t('error.NOT_FOUND')}</p>}
      </Page>
    );
  }
  return (
    <Page title={p.name} back="/community">
      <Card class="hero">
        <div class="hero-row">
          <Avatar name={p.name} size="lg" />
          <div>
            <p class="hero-name">{p.name}</p>
            <p class="hero-sub">{p.jobTitle}</p>
          </div>
        </div>
        {p.phone || p.email ? (
          <div class="actions">
            {p.phone ? (
              <a class="btn btn-secondary" href={`tel:${p.phone}`} aria-label={t('profile.call', { name: p.name })}>
                <Icon name="phone" size={20} /> {p.phone}
              </a>
            ) : null}
            {p.email ? (
              <a class="btn btn-secondary" href={`mailto:${p.email}`} aria-label={t('profile.mail', { name: p.name })}>
                <Icon name="mail" size={20} /> {p.email}
              </a>
            ) : null}
          </div>
        ) : null}
        <div class="actions">
          {can(session.me, 'recognition:give') && p.id !== session.me.employee?.id && p.status === 'ACTIVE' ? (
            <a class="btn btn-primary" href={`/recognize?to=${encodeURIComponent(p.id)}`} aria-label={t('profile.recognize', { name: p.name })}>
              <Icon name="heart" size={20} /> {t('profile.recognizeShort')}
            </a>
          ) : null}
          <a class="btn btn-secondary" href={`/community/${encodeURIComponent(p.id)}/wall`}>
            <Icon name="trophy" size={20} /> {t('profile.wall')}
          </a>
        </div>
      </Card>
      <Card>
        <Facts
          rows={[
            [t('profile.employeeNumber'), p.employeeNumber],
            [t('home.department'), p.department?.name],
            [t('profile.level'), p.level],
            [t('home.site'), p.site?.name],
            [t('home.manager'), p.manager ? <a href={`/community/${encodeURIComponent(p.manager.id)}`}>{p.manager.name}</a> : null],
            [t('profile.hireDate'), p.hireDate ? formatCivil(parseCivil(p.hireDate)) : null],
            [t('profile.birthday'), p.birthday ? formatMonthDay(parseCivil(p.birthday)) : null],
            [t('profile.role'), p.role ? t(`role.${p.role}`) : null],
            [t('profile.status'), p.status === 'LEFT' ? t('status.LEFT') : null],
          ]}
        />
      </Card>
      {p.reports.length > 0 ? (
        <Card title={t('profile.reports')}>
          <ul class="people">
            {p.reports.map((r) => (
              <li key={r.id}>
                <a class="person" href={`/community/${encodeURIComponent(r.id)}`}>
                  <Avatar name={r.name} />
                  <span class="person-text">
                    <span class="person-name">{r.name}</span>
                    <span class="muted">{r.jobTitle}</span>
                  </span>
                  <Icon name="chevron" size={20} />
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </Page>
  );
}
