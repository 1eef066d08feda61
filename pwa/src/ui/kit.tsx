/** Small accessible building blocks shared by every feature. */
import type { ComponentChildren, InputHTMLAttributes, JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { errorText } from '../api/errors';
import { t } from '../i18n';
import { Icon } from './icons';

/** A screen: its heading takes focus on arrival so screen readers announce the new page. */
export function Page(props: { title: string; back?: string; children: ComponentChildren; actions?: ComponentChildren }): JSX.Element {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Seen`;
    h1.current?.focus({ preventScroll: true });
  }, [props.title]);
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        {props.back ? (
          <a class="icon-btn" href={props.back} aria-label={t('app.back')}>
            <Icon name="back" />
          </a>
        ) : null}
        <h1 id="page-title" tabIndex={-1} ref={h1}>
          {props.title}
        </h1>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

export function Card(props: { title?: string; children: ComponentChildren; class?: string }): JSX.Element {
  const id = useId();
  return (
    <section class={`card ${props.class ?? ''}`} aria-labelledby={props.title ? id : undefined}>
      {props.title ? <h2 id={id}>{props.title}</h2> : null}
      {props.children}
    </section>
  );
}

/** Label/value pairs; rows whose value is null or empty are left out. */
export function Facts(props: { rows: [string, ComponentChildren | null | undefined][] }): JSX.Element {
  return (
    <dl class="facts">
      {props.rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <div class="fact" key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

export function Loading(props: { lines?: number }): JSX.Element {
  return (
    <div class="skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">{t('app.loading')}</span>
      {Array.from({ length: props.lines ?? 3 }, (_, i) => (
        <div class="skeleton-line" key={i} aria-hidden="true" />
      ))}
    </div>
  );
}

export function ErrorNote(props: { error: unknown; onRetry?: () => void }): JSX.Element {
  return (
    <div class="note note-error" role="alert">
      <p>{errorText(props.error)}</p>
      {props.onRetry ? (
        <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
          {t('app.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Avatar(props: { name: string; size?: 'sm' | 'lg' }): JSX.Element {
  const letters = initials(props.name);
  let hue = 0;
  for (const ch of props.name) hue = (hue * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return (
    <span class={`avatar avatar-${props.size ?? 'sm'}`} style={{ '--hue': String(hue) }} aria-hidden="true">
      {letters}
    </span>
  );
}

function initials(name: string): string {
  const trimmed = name.trim();
  // Chinese names: the given name (last two characters of the first CJK run), as colleagues say it.
  const cjk = /[\u3400-\u9fff]+/.exec(trimmed)?.[0];
  if (cjk) return cjk.length > 2 ? cjk.slice(-2) : cjk;
  const words = trimmed.split(/\s+/).filter(Boolean);
  return words.length > 1 ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}`.toUpperCase() : trimmed.slice(0, 2).toUpperCase();
}

type FieldProps = {
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'time' | 'url' | 'number';
  name?: string;
  autocomplete?: InputHTMLAttributes['autocomplete'];
  inputMode?: InputHTMLAttributes['inputMode'];
  autoCapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words' | 'characters';
  spellcheck?: boolean;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  step?: number;
  pattern?: string;
  placeholder?: string;
  disabled?: boolean;
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  error?: string | null;
};

/** Labelled input with hint and error wired through aria-describedby. */
export function Field({ label, value, onValue, hint, error, type = 'text', ...rest }: FieldProps): JSX.Element {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        {...({ ...rest, type } as InputHTMLAttributes<HTMLInputElement>)}
        id={id}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errId].filter(Boolean).join(' ') || undefined}
      />
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Select(props: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string }[];
  required?: boolean;
  name?: string;
  disabled?: boolean;
  hint?: string;
  error?: string | null;
}): JSX.Element {
  const id = useId();
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errId = props.error ? `${id}-err` : undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** Multi-line text with a live character count in its hint (announced only on demand). */
export function TextArea(props: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  name?: string;
  maxLength?: number;
  rows?: number;
  required?: boolean;
  hint?: string;
  error?: string | null;
  lang?: string;
}): JSX.Element {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = props.error ? `${id}-err` : undefined;
  const count = props.maxLength ? `${props.value.length}/${props.maxLength}` : '';
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        lang={props.lang}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[props.hint || count ? hintId : undefined, errId].filter(Boolean).join(' ') || undefined}
      />
      {props.hint || count ? (
        <p class="hint hint-row" id={hintId}>
          <span>{props.hint ?? ''}</span>
          <span class="count">{count}</span>
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** An on/off setting: a real checkbox exposed as a switch, with an optional hint. */
export function Toggle(props: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  disabled?: boolean;
  hint?: string;
  name?: string;
  ariaLabel?: string;
}): JSX.Element {
  const id = useId();
  return (
    <div class="toggle-field">
      <label class="toggle" for={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          name={props.name}
          checked={props.checked}
          disabled={props.disabled}
          aria-label={props.ariaLabel}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span class="toggle-label">{props.label}</span>
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** One choice among a few, as large tappable chips (a radio group with a legend). */
export function Chips(props: {
  legend: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string; icon?: string }[];
  name?: string;
  hint?: string;
  error?: string | null;
}): JSX.Element {
  const id = useId();
  return (
    <fieldset class={`chips${props.error ? ' field-invalid' : ''}`} aria-describedby={props.error ? `${id}-err` : props.hint ? `${id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <div class="chip-row">
        {props.options.map((o) => (
          <label key={o.value} class={`chip${o.value === props.value ? ' on' : ''}`}>
            <input type="radio" name={props.name ?? `chips-${id}`} value={o.value} checked={o.value === props.value} onChange={() => props.onValue(o.value)} />
            {o.icon ? <span aria-hidden="true">{o.icon}</span> : null}
            {o.label}
          </label>
        ))}
      </div>
      {props.error ? (
        <p class="field-error" id={`${id}-err`}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Polite status line for results of an action (saved, copied…). */
/** The end of a paged list: the error of the last "load more", and the button while pages remain. */
export function LoadMore(props: { error: string | null; hasMore: boolean; loading: boolean; onMore: () => void }): JSX.Element {
  return (
    <>
      <Status text={props.error} tone="error" />
      {props.hasMore ? (
        <button type="button" class="btn btn-secondary btn-block" onClick={props.onMore} disabled={props.loading} aria-busy={props.loading}>
          {t('app.loadMore')}
        </button>
      ) : null}
    </>
  );
}

export function Status(props: { text: string | null; tone?: 'ok' | 'error' }): JSX.Element {
  return (
    <p class={`status status-${props.tone ?? 'ok'}`} role={props.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
      {props.text ?? ''}
    </p>
  );
}
