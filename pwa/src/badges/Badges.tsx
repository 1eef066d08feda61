/** HR (recognition:configure): the badge catalogue, including retired badges, with a create/edit form. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BadgeDefinitionsQuery } from '../gql/graphql';
import { localized, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Icon } from '../ui/icons';
import { ErrorNote, Loading, Page, Status } from '../ui/kit';
import { BadgeEditor } from './BadgeEditor';
import { PolicyForm } from './PolicyForm';
import { BadgeDefinitionsDocument } from '../gql/graphql';

export type BadgeDef = BadgeDefinitionsQuery['badges'][number];

export function Badges({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(BadgeDefinitionsDocument, {});
  const [rows, setRows] = useState<BadgeDef[]>([]);
  const [editing, setEditing] = useState<BadgeDef | 'new' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const returnTo = useRef<string | null>(null);

  useEffect(() => setRows(data?.badges ?? []), [data]);

  function open(target: BadgeDef | 'new'): void {
    returnTo.current = target === 'new' ? 'badge-new' : `badge-edit-${target.id}`;
    setStatus(null);
    setEditing(target);
  }

  function close(): void {
    setEditing(null);
    const back = returnTo.current;
    setTimeout(() => (back ? document.getElementById(back)?.focus() : undefined), 0);
  }

  function saved(b: BadgeDef): void {
    setRows((list) => (list.some((x) => x.id === b.id) ? list.map((x) => (x.id === b.id ? b : x)) : [b, ...list]));
    setStatus(t('badges.saved', { name: localized(b.nameEn, b.nameZh) }));
    returnTo.current = `badge-edit-${b.id}`;
    close();
  }

  return (
    <Page title={t('badges.title')} back="/me">
      {editing ? (
        <BadgeEditor badge={editing === 'new' ? null : editing} disabled={session.offline} onSaved={saved} onClose={close} />
      ) : (
        <button type="button" id="badge-new" class="btn btn-primary btn-block" onClick={() => open('new')} disabled={session.offline}>
          <Icon name="plus" size={20} /> {t('badges.new')}
        </button>
      )}
      <Status text={status} />
      <PolicyForm disabled={session.offline} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={6} />
      ) : (
        <ul class="people badge-list">
          {rows.map((b) => {
            const name = localized(b.nameEn, b.nameZh);
            return (
              <li key={b.id} class="person">
                <span class="badge-emoji" aria-hidden="true">
                  {b.icon}
                </span>
                <span class="person-text">
                  <span class="person-name">
                    {name}
                    {b.active ? null : <span class="tag tag-disabled">{t('badges.retired')}</span>}
                  </span>
                  <span class="muted">
                    {t(`badges.level.${b.level === 3 ? 3 : b.level === 2 ? 2 : 1}`)} · {t(`badges.by.${b.grantedBy}`)} ·{' '}
                    {b.monthlyCap === null || b.monthlyCap === undefined ? t('badges.noCap') : t('badges.cap', { count: b.monthlyCap })}
                  </span>
                  <span class="muted mono">{b.code}</span>
                </span>
                <button
                  type="button"
                  id={`badge-edit-${b.id}`}
                  class="btn btn-small btn-secondary"
                  aria-label={t('badges.editLabel', { name })}
                  onClick={() => open(b)}
                  disabled={session.offline || editing !== null}
                >
                  {t('badges.edit')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
