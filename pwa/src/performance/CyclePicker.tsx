/** Which review cycle to look at; the open one is marked. Changing it keeps the choice in the address. */
import type { JSX } from 'preact';
import { t } from '../i18n';
import { Select } from '../ui/kit';
import { cycleName } from './labels';
import type { CycleChoice } from './useCycles';

export function CyclePicker(props: { choice: CycleChoice }): JSX.Element | null {
  const { cycles, selected, select } = props.choice;
  if (cycles.length === 0 || !selected) return null;
  return (
    <Select
      label={t('perf.cycle')}
      name="cycle"
      value={selected.id}
      onValue={select}
      options={cycles.map((c) => ({
        value: c.id,
        label: c.status === 'OPEN' ? t('perf.cycleOpenOption', { name: cycleName(c) }) : cycleName(c),
      }))}
    />
  );
}
