/** Community: the colleague directory of my department, with search across the organisation. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import type { ColleaguesQuery } from '../gql/graphql';
import { t } from '../i18n';
import { useDebounced, useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, ErrorNote, Loading, Page } from '../ui/kit';
import { Icon } from '../ui/icons';
import { ColleaguesDocument } from '../gql/graphql';
import { CommunityNav } from '../feed/CommunityNav';

type Node = ColleaguesQuery['employees']['edges'][number]['node'];
const PAGE = 50;

export function Community({ session }: { session: Session }): JSX.Element {
  const emp = session.me.employee;
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const departmentId = search ? null : emp?.department?.id ?? null;
  const skip = !search && !departmentId;
  const { data, error, loading, reload } = useQuery(ColleaguesDocument, { departmentId, search: search || null, first: PAGE, after: null }, { skip });
  const [more, setMore] = useState<Node[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => {
    setMore([]);
    setCursor(data?.employees.pageInfo.hasNextPage ? data.employees.pageInfo.endCursor ?? null : null);
  }, [data]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await gql(ColleaguesDocument, { departmentId, search: search || null, first: PAGE, after: cursor });
      setMore((m) => [...m, ...page.employees.edges.map((e) => e.node)]);
      setCursor(page.employees.pageInfo.hasNextPage ? page.employees.pageInfo.endCursor ?? null : null);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const people = [...(data?.employees.edges.map((e) => e.node) ?? []), ...more];
  const managerId = emp?.manager?.id;
  // My manager first, then me, then everyone else in the order the server gave.
  const ordered = search ? people : [...people].sort((a, b) => rank(a.id) - rank(b.id));
  function rank(id: string): number {
    return id === managerId ? 0 : id === emp?.id ? 1 : 2;
  }

  return (
    <Page title={t('community.title')}>
      <CommunityNav current="/community" />
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="colleague-search" class="visually-hidden">
          {t('community.search')}
        </label>
        <Icon name="search" size={20} />
        <input
          id="colleague-search"
          type="search"
          value={q}
          placeholder={t('community.search')}
          aria-describedby="colleague-search-hint"
          autocomplete="off"
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <span id="colleague-search-hint" class="visually-hidden">
          {t('community.searchHint')}
        </span>
      </form>
      <p class="muted list-caption" aria-live="polite">
        {search
          ? data && !loading
            ? people.length === 0
              ? t('community.noResults', { q: search })
              : t('community.results', { count: data.employees.totalCount })
            : ''
          : emp?.department
            ? `${t('community.department', { name: emp.department.name })} · ${t('community.members', { count: data?.employees.totalCount ?? emp.department.memberCount })}`
            : t('community.noDepartment')}
      </p>
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={6} />
      ) : (
        <ul class="people" aria-busy={loading}>
          {ordered.map((p) => (
            <li key={p.id} class={p.id === managerId ? 'is-manager' : undefined}>
              <a href={`/community/${encodeURIComponent(p.id)}`} class="person">
                <Avatar name={p.name} />
                <span class="person-text">
                  <span class="person-name">
                    {p.name}
                    {p.id === managerId ? <span class="tag">{t('community.yourManager')}</span> : null}
                    {p.id === emp?.id ? <span class="tag tag-quiet">{t('community.you')}</span> : null}
                  </span>
                  <span class="muted">
                    {p.jobTitle}
                    {search && p.department ? ` · ${p.department.name}` : ''}
                  </span>
                </span>
                <Icon name="chevron" size={20} />
              </a>
            </li>
          ))}
        </ul>
      )}
      {moreError ? <ErrorNote error={moreError} /> : null}
      {cursor ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore}>
          {t('app.loadMore')}
        </button>
      ) : null}
    </Page>
  );
}
