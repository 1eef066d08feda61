/** Find a person by name or staff number and pick them (a search box with a short result list). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { AttendancePeopleSearchDocument } from '../../gql/graphql';
import { t } from '../../i18n';
import { useDebounced, useQuery } from '../../lib/useQuery';
import { Field } from '../../ui/kit';

export type Person = { id: string; name: string; employeeNumber: string };

export function PersonSearch(props: { label: string; onPick: (p: Person) => void; exclude?: string[]; error?: string | null }): JSX.Element {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const { data } = useQuery(AttendancePeopleSearchDocument, { search }, { skip: search.length < 1 });
  const found = search ? (data?.employees.edges ?? []).map((e) => e.node).filter((p) => !props.exclude?.includes(p.id)) : [];
  return (
    <div class="att-person-search">
      <Field type="text" name="person" label={props.label} value={text} onValue={setText} autocomplete="off" error={props.error ?? null} hint={t('att.hr.searchHint')} />
      {found.length ? (
        <ul class="att-found">
          {found.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="btn btn-small btn-secondary pick-person"
                onClick={() => {
                  props.onPick(p);
                  setText('');
                }}
              >
                {p.name} · {p.employeeNumber}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
