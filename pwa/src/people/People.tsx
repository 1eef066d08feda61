/** HR: find people (paged), invite a new person, deactivate someone. Needs employee:manage. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { PeopleQuery } from '../gql/graphql';
import { t } from '../i18n';
import { useDebounced, useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, ErrorNote, Loading, Page, Status } from '../ui/kit';
import { Icon } from '../ui/icons';
import { InviteForm } from './InviteForm';
import { DeactivateEmployeeDocument, PeopleDocument } from '../gql/graphql';

export type Person = PeopleQuery['employees']['edges'][number]['node'];
const PAGE = 20;

export function People({ session }: { session: Session }): JSX.Element {
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const { data, error, loading, reload } = useQuery(PeopleDocument, { first: PAGE, after: null, search: search || null });
  const [rows, setRows] = useState<Person[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [confirming, setConfirming] = useState<Person | null>(null);

  useEffect(() => {
    setRows(data?.employees.edges.map((e) => e.node) ?? []);
    setCursor(data?.employees.pageInfo.hasNextPage ? data.employees.pageInfo.endCursor ?? null : null);
  }, [data]);

  async function loadMore(): Promise<void> {
    if (!cursor) return;
    setMoreBusy(true);
    try {
      const page = await gql(PeopleDocument, { first: PAGE, after: cursor, search: search || null });
      setRows((r) => [...r, ...page.employees.edges.map((e) => e.node)]);
      setCursor(page.employees.pageInfo.hasNextPage ? page.employees.pageInfo.endCursor ?? null : null);
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setMoreBusy(false);
    }
  }

  function replace(p: Person): void {
    setRows((r) => (r.some((x) => x.id === p.id) ? r.map((x) => (x.id === p.id ? p : x)) : [p, ...r]));
  }

  return (
    <Page title={t('people.title')} back="/me">
      {inviting ? (
        <InviteForm zone={session.me.organization.timeZone} onClose={() => setInviting(false)} onInvited={replace} />
      ) : (
        <button type="button" class="btn btn-primary btn-block" onClick={() => setInviting(true)} disabled={session.offline}>
          {t('people.invite')}
        </button>
      )}
      <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="people-search" class="visually-hidden">
          {t('people.search')}
        </label>
        <Icon name="search" size={20} />
        <input id="people-search" type="search" value={q} placeholder={t('people.search')} autocomplete="off" onInput={(e) => setQ(e.currentTarget.value)} />
      </form>
      <p class="muted list-caption" aria-live="polite">
        {data ? t('people.total', { count: data.employees.totalCount }) : ''}
      </p>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={6} />
      ) : (
        <ul class="people" aria-busy={loading}>
          {rows.map((p) => (
            <li key={p.id} class="person person-admin">
              <Avatar name={p.name} />
              <span class="person-text">
                <span class="person-name">
                  <a href={`/community/${encodeURIComponent(p.id)}`}>{p.name}</a>
                  {p.accountState ? <span class={`tag tag-${p.accountState.toLowerCase()}`}>{t(`account.${p.accountState}`)}</span> : null}
                  {p.status === 'LEFT' ? <span class="tag tag-disabled">{t('people.left')}</span> : null}
                </span>
                <span class="muted">
                  {p.employeeNumber} · {p.jobTitle}
                  {p.department ? ` · ${p.department.name}` : ''}
                </span>
              </span>
              {p.status === 'ACTIVE' && p.id !== session.me.employee?.id ? (
                <button
                  type="button"
                  class="btn btn-small btn-danger-quiet"
                  aria-label={t('people.deactivateLabel', { name: p.name })}
                  onClick={() => setConfirming(p)}
                  disabled={session.offline}
                >
                  {t('people.deactivate')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {cursor ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={loadMore} disabled={moreBusy} aria-busy={moreBusy}>
          {t('app.loadMore')}
        </button>
      ) : null}
      {confirming ? (
        <ConfirmDeactivate
          person={confirming}
          onClose={() => setConfirming(null)}
          onDone={(p, text) => {
            replace(p);
            setStatus({ text, tone: 'ok' });
            setConfirming(null);
          }}
        />
      ) : null}
    </Page>
  );
}

function ConfirmDeactivate(props: { person: Person; onClose: () => void; onDone: (p: Person, text: string) => void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { person } = props;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  async function confirm(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const res = await gql(DeactivateEmployeeDocument, { input: { id: person.id, leftOn: null } });
      const r = res.deactivateEmployee;
      if (r.__typename === 'UserError') {
        setError(userErrorText(r));
      } else {
        props.onDone(r.employee, t('people.deactivated', { name: r.employee.name, count: r.sessionsRevoked }));
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" onClose={props.onClose}>
      <h2 id="confirm-title">{t('people.confirmTitle', { name: person.name })}</h2>
      <p id="confirm-body">{t('people.confirmBody', { name: person.name })}</p>
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
      <div class="actions">
        <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy} aria-busy={busy}>
          {t('people.confirm')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={props.onClose} autofocus>
          {t('app.cancel')}
        </button>
      </div>
    </dialog>
  );
}
