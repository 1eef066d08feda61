/** A segmented switch between a screen's sections; the choice lives in the address (`?tab=`) so back works. */
import type { JSX } from 'preact';
import { navigate, useSearchParams } from '../lib/router';

export function useSection<T extends string>(sections: readonly T[]): T {
  const wanted = useSearchParams().get('tab');
  return sections.find((s) => s === wanted) ?? (sections[0] as T);
}

export function Sections<T extends string>(props: { legend: string; sections: readonly T[]; current: T; label: (s: T) => string }): JSX.Element {
  function pick(s: T): void {
    const next = new URLSearchParams(location.search);
    next.set('tab', s);
    navigate(`${location.pathname}?${next.toString()}`, { replace: true });
  }
  return (
    <fieldset class="segmented section-tabs" style={{ gridTemplateColumns: `repeat(${props.sections.length}, 1fr)` }}>
      <legend class="visually-hidden">{props.legend}</legend>
      {props.sections.map((s) => (
        <label key={s} class={s === props.current ? 'on' : ''}>
          <input type="radio" name="section" value={s} checked={s === props.current} onChange={() => pick(s)} />
          {props.label(s)}
        </label>
      ))}
    </fieldset>
  );
}
