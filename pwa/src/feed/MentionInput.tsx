/** A text box where typing "@" and a few letters offers colleagues (the `employees(search:)` query); picking one
 * writes "@Name " and remembers the person, so the post or comment can send their id as a mention. Arrow keys,
 * Enter and Escape work in the list. */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { MentionSearchDocument, type MentionSearchQuery } from '../gql/graphql';
import { t } from '../i18n';
import { useDebounced } from '../lib/useQuery';

export type Mentioned = { id: string; name: string };
type Person = MentionSearchQuery['employees']['edges'][number]['node'];

/** The "@query" being typed just before the caret, if any. */
function pending(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([^\s@]{1,20})$/.exec(text.slice(0, caret));
  return m ? { start: caret - (m[2]?.length ?? 0) - 1, query: m[2] ?? '' } : null;
}

/** Only the mentions whose "@Name" is still in the text are sent. */
export function mentionIds(text: string, mentions: Mentioned[]): string[] {
  return [...new Set(mentions.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id))];
}

export function MentionInput(props: {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  mentions: Mentioned[];
  onMentions: (m: Mentioned[]) => void;
  rows?: number;
  maxLength?: number;
  hint?: string;
}): JSX.Element {
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [token, setToken] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const query = useDebounced(token?.query ?? '', 200);

  useEffect(() => {
    if (!query) {
      setPeople([]);
      return;
    }
    let live = true;
    gql(MentionSearchDocument, { search: query }).then(
      (r) => {
        if (!live) return;
        setPeople(r.employees.edges.map((e) => e.node));
        setActive(0);
      },
      () => live && setPeople([]),
    );
    return () => {
      live = false;
    };
  }, [query]);

  function onInput(e: Event): void {
    const el = e.currentTarget as HTMLTextAreaElement;
    props.onValue(el.value);
    setToken(pending(el.value, el.selectionStart ?? el.value.length));
  }

  function pick(p: Person): void {
    if (!token) return;
    const before = props.value.slice(0, token.start);
    const after = props.value.slice(token.start + 1 + token.query.length);
    const text = `${before}@${p.name} ${after.replace(/^\s+/, '')}`;
    props.onValue(text);
    if (!props.mentions.some((m) => m.id === p.id)) props.onMentions([...props.mentions, { id: p.id, name: p.name }]);
    setToken(null);
    setPeople([]);
    const caret = before.length + p.name.length + 2;
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(caret, caret);
    });
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (!token || people.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((n) => (n + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      const p = people[active];
      if (p) {
        e.preventDefault();
        pick(p);
      }
    } else if (e.key === 'Escape') {
      setToken(null);
      setPeople([]);
    }
  }

  const open = !!token && people.length > 0;
  return (
    <div class="field mention-field">
      <label for={id}>{props.label}</label>
      <textarea
        ref={box}
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={props.value}
        onInput={onInput}
        onKeyDown={onKeyDown}
        onBlur={() => window.setTimeout(() => setPeople([]), 150)}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
      />
      <p class="hint" id={`${id}-hint`}>
        {props.hint ?? t('feed.mention.hint')}
      </p>
      <ul id={`${id}-list`} role="listbox" class="mention-list" hidden={!open} aria-label={t('feed.mention.list')}>
        {people.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            class={`mention-option${i === active ? ' active' : ''}`}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p);
            }}
          >
            <span class="person-name">{p.name}</span>
            <span class="muted">{[p.jobTitle, p.department?.name].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
