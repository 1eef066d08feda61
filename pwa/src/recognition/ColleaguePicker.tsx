/** Step 1 of recognising: find the colleague by name, or (managers) pick from "My team". Each person is a link to /recognize?to=<id>. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { useDebounced, useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, Card, ErrorNote, Loading } from '../ui/kit';
import { Icon } from '../ui/icons';
import { ColleaguesDocument } from '../gql/graphql';

type Person = { id: string; name: string; jobTitle: string; department?: { name: string } | null };

export function recognizeHref(id: string): string {
  return `/recognize?to=${encodeURIComponent(id)}`;
}

function PersonLink({ p }: { p: Person }): JSX.Element {
  return (
    <li>
      <a class="person" href={recognizeHref(p.id)}>
        <Avatar name={p.name} />
        <span class="person-text">
          <span class="person-name">{p.name}</span>
          <span class="muted">
            {p.jobTitle}
            {p.department ? ` · ${p.department.name}` : ''}
          </span>
        </span>
        <Icon name="chevron" size={20} />
      </a>
    </li>
  );
}

export function ColleaguePicker({ session }: { session: Session }): JSX.Element {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const myId = session.me.employee?.id;
  const { data, error, loading, reload } = useQuery(
    ColleaguesDocument,
    { departmentId: null, search: search || null, first: 20, after: null },
    { skip: !search },
  );
  const found = (data?.employees.edges.map((e) => e.node) ?? []).filter((p) => p.id !== myId);
  const needle = q.trim().toLowerCase();
  const team = (session.me.employee?.reports ?? []).filter((r) => !needle || r.name.toLowerCase().includes(needle));

  return (
    <>
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="recognize-search" class="visually-hidden">
          {t('recognize.search')}
        </label>
        <Icon name="search" size={20} />
        <input
          id="recognize-search"
          type="search"
          value={q}
          placeholder={t('recognize.search')}
          autocomplete="off"
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </form>
      <p class="muted list-caption" aria-live="polite">
        {search && data && !loading ? (found.length === 0 ? t('community.noResults', { q: search }) : t('community.results', { count: found.length })) : ''}
      </p>
      {search ? (
        error ? (
          <ErrorNote error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Loading lines={3} />
        ) : found.length > 0 ? (
          <ul class="people" aria-label={t('recognize.results')} aria-busy={loading}>
            {found.map((p) => (
              <PersonLink key={p.id} p={p} />
            ))}
          </ul>
        ) : null
      ) : (
        <p class="muted">{t('recognize.pickHint')}</p>
      )}
      {team.length > 0 ? (
        <Card title={t('recognize.myTeam')}>
          <ul class="people">
            {team.map((p) => (
              <PersonLink key={p.id} p={p} />
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
