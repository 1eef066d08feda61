/** Pick a colleague by name (a mentee): a search box, up to eight matches as buttons, the choice with "Change". */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useDebounced, useQuery } from '../../lib/useQuery';
import { Avatar } from '../../ui/kit';
import { ColleaguesDocument } from '../../gql/graphql';

export type Picked = { id: string; name: string };

export function PersonPick(props: { label: string; value: Picked | null; onValue: (p: Picked | null) => void; excludeId?: string | null; error?: string | null }): JSX.Element {
  const id = useId();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim(), 300);
  const found = useQuery(ColleaguesDocument, { search, first: 8, departmentId: null, after: null }, { skip: search.length < 1 || props.value !== null });
  const people = (found.data?.employees.edges ?? []).map((e) => e.node).filter((p) => p.id !== props.excludeId);
  if (props.value) {
    return (
      <div class="field person-picked">
        <span class="field-label-text">{props.label}</span>
        <p class="hero-row">
          <Avatar name={props.value.name} />
          <strong class="picked-name">{props.value.name}</strong>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onValue(null)}>
            {t('growth.claim.change')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <input id={id} type="search" name="personSearch" value={q} autoComplete="off" onInput={(e) => setQ(e.currentTarget.value)} aria-describedby={props.error ? `${id}-err` : undefined} />
      {people.length > 0 ? (
        <ul class="person-options" aria-label={t('growth.claim.matches')}>
          {people.map((p) => (
            <li key={p.id}>
              <button type="button" class="person-option" onClick={() => props.onValue({ id: p.id, name: p.name })}>
                <Avatar name={p.name} />
                <span class="person-text">
                  <span class="person-name">{p.name}</span>
                  <span class="muted">{p.jobTitle}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : search && found.data ? (
        <p class="hint">{t('growth.claim.noMatch')}</p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-err`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
