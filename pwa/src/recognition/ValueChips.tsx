/** Tie recognition to a company value (optional): "none" plus one chip per active value. */
import type { JSX } from 'preact';
import { localized, t } from '../i18n';
import { Chips } from '../ui/kit';

export type Value = { id: string; nameEn: string; nameZh: string };

export function ValueChips(props: { values: Value[]; value: string; onValue: (id: string) => void; error?: string | null }): JSX.Element {
  return (
    <Chips
      legend={t('recognize.value')}
      name="valueId"
      value={props.value}
      onValue={props.onValue}
      error={props.error ?? null}
      options={[{ value: '', label: t('recognize.noValue') }, ...props.values.map((v) => ({ value: v.id, label: localized(v.nameEn, v.nameZh) }))]}
    />
  );
}
