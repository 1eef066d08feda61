/** Two-option language switch (radio group, big targets). The caller decides where it persists. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { locale, t, type UiLocale } from '../i18n';

const options: UiLocale[] = ['zh-CN', 'en'];

export function LanguageSwitch(props: { onChange: (l: UiLocale) => void; busy?: boolean }): JSX.Element {
  const id = useId();
  const current = locale();
  return (
    <fieldset class="segmented" aria-busy={props.busy ? true : undefined}>
      <legend class="visually-hidden">{t('lang.label')}</legend>
      {options.map((l) => (
        <label key={l} class={l === current ? 'on' : ''} lang={l}>
          <input
            type="radio"
            name={`lang-${id}`}
            value={l}
            checked={l === current}
            disabled={props.busy}
            onChange={() => props.onChange(l)}
          />
          {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
        </label>
      ))}
    </fieldset>
  );
}
