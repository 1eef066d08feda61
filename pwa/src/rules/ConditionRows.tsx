/** "Only when…": comparison rows over the trigger's fields (field, operator, value by type), joined by All or Any. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { localized, t } from '../i18n';
import { Icon } from '../ui/icons';
import { Select } from '../ui/kit';
import { OPS, fieldType, newRow, type Draft, type Op, type Row, type TriggerField } from './draft';

export function ConditionRows(props: {
  draft: Draft;
  fields: TriggerField[];
  errors: Record<string, string>;
  onChange: (patch: Partial<Draft>) => void;
}): JSX.Element {
  const { draft, fields } = props;
  const group = useId();

  if (draft.complex !== null && draft.complex !== undefined) {
    return (
      <fieldset class="conditions">
        <legend>{t('rules.conditions')}</legend>
        <p class="note">{t('rules.complex')}</p>
        <pre class="mono json">{JSON.stringify(draft.complex, null, 2)}</pre>
        <button type="button" class="btn btn-secondary" onClick={() => props.onChange({ complex: null, rows: [] })}>
          {t('rules.replaceComplex')}
        </button>
        {props.errors.conditions ? <p class="field-error">{props.errors.conditions}</p> : null}
      </fieldset>
    );
  }

  const setRow = (key: number, patch: Partial<Row>) => props.onChange({ rows: draft.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });

  return (
    <fieldset class="conditions">
      <legend>{t('rules.conditions')}</legend>
      {fields.length === 0 ? (
        <p class="hint">{t('rules.noFields')}</p>
      ) : draft.rows.length === 0 ? (
        <p class="hint">{t('rules.noConditions')}</p>
      ) : null}
      {draft.rows.length > 1 ? (
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('rules.match')}</legend>
          {(['all', 'any'] as const).map((m) => (
            <label key={m} class={draft.match === m ? 'on' : ''}>
              <input type="radio" name={`match-${group}`} value={m} checked={draft.match === m} onChange={() => props.onChange({ match: m })} />
              {t(m === 'all' ? 'rules.matchAll' : 'rules.matchAny')}
            </label>
          ))}
        </fieldset>
      ) : null}
      <ol class="condition-rows">
        {draft.rows.map((row, i) => {
          const field = fields.find((f) => f.name === row.field);
          const type = fieldType(field);
          const ops = OPS[type];
          const err = props.errors[`row:${row.key}`];
          const errId = err ? `${group}-row-${row.key}-err` : undefined;
          return (
            <li key={row.key} class={`condition-row${err ? ' row-invalid' : ''}`} aria-label={t('rules.conditionN', { n: String(i + 1) })}>
              <Select
                label={t('rules.field')}
                name="condition-field"
                value={row.field}
                onValue={(name) => setRow(row.key, newRowFor(fields.find((f) => f.name === name)))}
                options={fields.map((f) => ({ value: f.name, label: localized(f.nameEn, f.nameZh) }))}
              />
              <Select
                label={t('rules.op')}
                name="condition-op"
                value={row.op}
                onValue={(op) => setRow(row.key, { op: op as Op, value: op === 'in' || row.op === 'in' ? '' : row.value })}
                options={ops.map((op) => ({ value: op, label: t(`rules.op.${op}`) }))}
              />
              <ValueInput row={row} field={field} errorId={errId} onValue={(value) => setRow(row.key, { value })} />
              {err ? (
                <p class="field-error" id={errId}>
                  {err}
                </p>
              ) : null}
              <button
                type="button"
                class="btn btn-small btn-danger-quiet"
                aria-label={t('rules.removeConditionN', { n: String(i + 1) })}
                onClick={() => props.onChange({ rows: draft.rows.filter((r) => r.key !== row.key) })}
              >
                <Icon name="close" size={18} /> {t('rules.removeCondition')}
              </button>
            </li>
          );
        })}
      </ol>
      {fields.length > 0 ? (
        <button type="button" class="btn btn-secondary add-condition" onClick={() => props.onChange({ rows: [...draft.rows, newRow(fields[0])] })}>
          <Icon name="plus" size={20} /> {t('rules.addCondition')}
        </button>
      ) : null}
      {props.errors.conditions ? <p class="field-error">{props.errors.conditions}</p> : null}
    </fieldset>
  );
}

function newRowFor(field: TriggerField | undefined): Partial<Row> {
  const { field: name, op, value } = newRow(field);
  return { field: name, op, value };
}

function ValueInput(props: { row: Row; field: TriggerField | undefined; errorId: string | undefined; onValue: (v: string) => void }): JSX.Element {
  const id = useId();
  const { row, field } = props;
  const type = fieldType(field);
  if (type === 'bool') {
    return (
      <Select
        label={t('rules.value')}
        name="condition-value"
        value={row.value}
        onValue={props.onValue}
        options={[
          { value: 'true', label: t('rules.yes') },
          { value: 'false', label: t('rules.no') },
        ]}
      />
    );
  }
  if (type === 'enum' && row.op !== 'in') {
    return (
      <Select
        label={t('rules.value')}
        name="condition-value"
        value={row.value}
        onValue={props.onValue}
        options={(field?.choices ?? []).map((c) => ({ value: c, label: choiceLabel(c) }))}
      />
    );
  }
  if (type === 'enum') {
    const chosen = new Set(row.value.split(',').map((s) => s.trim()).filter(Boolean));
    return (
      <fieldset class="chips">
        <legend>{t('rules.value')}</legend>
        <div class="chip-row">
          {(field?.choices ?? []).map((c) => (
            <label key={c} class={`chip${chosen.has(c) ? ' on' : ''}`}>
              <input
                type="checkbox"
                checked={chosen.has(c)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(c);
                  else next.delete(c);
                  props.onValue([...next].join(', '));
                }}
              />
              {choiceLabel(c)}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={id}>{t('rules.value')}</label>
      <input
        id={id}
        name="condition-value"
        type="text"
        inputMode={type === 'int' && row.op !== 'in' ? 'numeric' : undefined}
        value={row.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.errorId ? true : undefined}
        aria-describedby={[row.op === 'in' ? `${id}-hint` : undefined, props.errorId].filter(Boolean).join(' ') || undefined}
      />
      {row.op === 'in' ? (
        <p class="hint" id={`${id}-hint`}>
          {t('rules.inHint')}
        </p>
      ) : null}
    </div>
  );
}

/** Enum values are codes ("praise"); known ones have a label, unknown ones show as they are. */
function choiceLabel(code: string): string {
  if (code === 'praise') return t('feedback.praise');
  if (code === 'coaching') return t('feedback.coaching');
  return code;
}
