/** One level in the track editor: code, names, descriptions, the level it follows (which makes branches), the branch
 * label, its requirements and resources, and the live preview of how many current members meet it. Folds away on
 * long tracks; a level with an error always opens. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ResourceKind } from '../../gql/graphql';
import { t } from '../../i18n';
import { Icon } from '../../ui/icons';
import { Field, Select, TextArea } from '../../ui/kit';
import { named, resourceKindLabel } from '../labels';
import { emptyRequirement, emptyResource, errorAt, normalisePath, type DraftError, type LevelDraft, type ResDraft } from './draft';
import { RequirementEditor } from './RequirementEditor';

const RESOURCE_KINDS: ResourceKind[] = ['INTERNAL_COURSE', 'EXTERNAL_LINK', 'DOCUMENT'];
export type LevelCount = { meeting: number; partial: number; of: number } | null;

type Props = {
  level: LevelDraft;
  index: number;
  count: number;
  others: LevelDraft[];
  preview: LevelCount;
  previewStale: boolean;
  defaultOpen: boolean;
  error: DraftError | null;
  onChange: (l: LevelDraft) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
};

export function LevelEditor(props: Props): JSX.Element {
  const l = props.level;
  const at = `levels[${props.index}]`;
  const title = named(l) || t('growth.editor.levelN', { n: props.index + 1 });
  const p = props.preview;
  const [open, setOpen] = useState(props.defaultOpen);
  const invalid = props.error !== null && normalisePath(props.error.path).startsWith(`${at}.`);
  return (
    <section class={`level-editor${invalid ? ' row-invalid' : ''}`} data-code={l.code} aria-label={title}>
      <details open={open || invalid} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary class="level-editor-head">
          <h3>
            <span class="fold" aria-hidden="true">
              <Icon name="chevron" size={18} />
            </span>
            <span class="muted">{props.index + 1}.</span> {title}
          </h3>
          <p class={`level-preview${props.previewStale ? ' is-stale' : ''}`} role="status" aria-live="polite" data-meeting={p ? String(p.meeting) : ''}>
            {p ? t('growth.editor.meeting', { meeting: p.meeting, of: p.of, partial: p.partial }) : '\u00a0'}
          </p>
        </summary>
        <div class="level-editor-body">
          <LevelFields {...props} title={title} />
        </div>
      </details>
    </section>
  );
}

function LevelFields(props: Props & { title: string }): JSX.Element {
  const l = props.level;
  const at = `levels[${props.index}]`;
  const err = (field: string) => errorAt(props.error, `${at}.${field}`);
  const set = <K extends keyof LevelDraft>(k: K) => (v: LevelDraft[K]) => props.onChange({ ...l, [k]: v });
  const setRes = (k: string, patch: Partial<ResDraft>) => props.onChange({ ...l, resources: l.resources.map((x) => (x.key === k ? { ...x, ...patch } : x)) });
  const title = props.title;
  return (
    <>
      <div class="two-col">
        <Field label={t('growth.editor.code')} name="levelCode" value={l.code} onValue={set('code')} autoCapitalize="none" spellcheck={false} hint={t('growth.editor.codeHint')} error={err('code')} />
        <Select
          label={t('growth.editor.previous')}
          name="previousCode"
          value={l.previousCode}
          onValue={set('previousCode')}
          options={[{ value: '', label: t('growth.editor.entry') }, ...props.others.filter((o) => o.code).map((o) => ({ value: o.code, label: `${named(o) || o.code} (${o.code})` }))]}
          error={err('previousCode')}
        />
      </div>
      <div class="two-col">
        <Field label={t('growth.editor.nameZh')} name="levelNameZh" value={l.nameZh} onValue={set('nameZh')} error={err('nameZh')} />
        <Field label={t('growth.editor.nameEn')} name="levelNameEn" value={l.nameEn} onValue={set('nameEn')} error={err('nameEn')} />
      </div>
      <div class="two-col">
        <Field label={t('growth.editor.branchZh')} name="branchZh" value={l.branchZh} onValue={set('branchZh')} hint={t('growth.editor.branchHint')} error={err('branchZh')} />
        <Field label={t('growth.editor.branchEn')} name="branchEn" value={l.branchEn} onValue={set('branchEn')} error={err('branchEn')} />
      </div>
      <details>
        <summary>{t('growth.editor.description')}</summary>
        <TextArea label={t('growth.editor.descriptionZh')} name="levelDescriptionZh" value={l.descriptionZh} onValue={set('descriptionZh')} rows={2} maxLength={2000} />
        <TextArea label={t('growth.editor.descriptionEn')} name="levelDescriptionEn" value={l.descriptionEn} onValue={set('descriptionEn')} rows={2} maxLength={2000} />
      </details>
      <h4 class="sub-title">{t('growth.editor.requirements')}</h4>
      {err('requirements') ? <p class="field-error">{err('requirements')}</p> : null}
      {l.requirements.map((r, j) => (
        <RequirementEditor
          key={r.key}
          req={r}
          at={`${at}.requirements[${j}]`}
          n={j + 1}
          error={props.error}
          onChange={(nr) => props.onChange({ ...l, requirements: l.requirements.map((x) => (x.key === nr.key ? nr : x)) })}
          onRemove={() => props.onChange({ ...l, requirements: l.requirements.filter((x) => x.key !== r.key), resources: l.resources.map((x) => (x.reqKey === r.key ? { ...x, reqKey: '' } : x)) })}
        />
      ))}
      <button type="button" class="btn btn-secondary btn-small add-requirement" onClick={() => props.onChange({ ...l, requirements: [...l.requirements, emptyRequirement()] })}>
        <Icon name="plus" size={18} /> {t('growth.editor.addRequirement')}
      </button>
      <h4 class="sub-title">{t('growth.editor.resources')}</h4>
      {l.resources.map((x, k) => (
        <fieldset key={x.key} class="resource-editor">
          <legend>{t('growth.editor.resourceN', { n: k + 1 })}</legend>
          <div class="two-col">
            <Select label={t('growth.editor.resourceKind')} name="resourceKind" value={x.kind} onValue={(v) => setRes(x.key, { kind: v as ResourceKind })} options={RESOURCE_KINDS.map((rk) => ({ value: rk, label: resourceKindLabel(rk) }))} />
            <Select
              label={t('growth.editor.forRequirement')}
              name="resourceRequirement"
              value={x.reqKey}
              onValue={(v) => setRes(x.key, { reqKey: v })}
              options={[{ value: '', label: t('growth.editor.wholeLevel') }, ...l.requirements.map((r, j) => ({ value: r.key, label: named(r) || t('growth.editor.requirementN', { n: j + 1 }) }))]}
            />
          </div>
          <div class="two-col">
            <Field label={t('growth.editor.titleZh')} name="resourceTitleZh" value={x.titleZh} onValue={(v) => setRes(x.key, { titleZh: v })} error={err(`resources[${k}].titleZh`)} />
            <Field label={t('growth.editor.titleEn')} name="resourceTitleEn" value={x.titleEn} onValue={(v) => setRes(x.key, { titleEn: v })} error={err(`resources[${k}].titleEn`)} />
          </div>
          <div class="two-col">
            <Field label={t('growth.editor.url')} name="resourceUrl" type="url" inputMode="url" value={x.url} onValue={(v) => setRes(x.key, { url: v })} error={err(`resources[${k}].url`)} />
            <Field label={t('growth.editor.provider')} name="resourceProvider" value={x.provider} onValue={(v) => setRes(x.key, { provider: v })} />
          </div>
          <button type="button" class="btn btn-danger-quiet btn-small" onClick={() => props.onChange({ ...l, resources: l.resources.filter((y) => y.key !== x.key) })}>
            {t('growth.editor.removeResource')}
          </button>
        </fieldset>
      ))}
      <button type="button" class="btn btn-secondary btn-small add-resource" onClick={() => props.onChange({ ...l, resources: [...l.resources, emptyResource()] })}>
        <Icon name="plus" size={18} /> {t('growth.editor.addResource')}
      </button>
      <div class="actions level-actions">
        <button type="button" class="btn btn-secondary btn-small" disabled={props.index === 0} onClick={() => props.onMove(-1)} aria-label={t('growth.editor.moveUpN', { name: title })}>
          {t('growth.editor.moveUp')}
        </button>
        <button type="button" class="btn btn-secondary btn-small" disabled={props.index === props.count - 1} onClick={() => props.onMove(1)} aria-label={t('growth.editor.moveDownN', { name: title })}>
          {t('growth.editor.moveDown')}
        </button>
        <button type="button" class="btn btn-danger-quiet btn-small remove-level" onClick={props.onRemove} aria-label={t('growth.editor.removeLevelN', { name: title })}>
          {t('growth.editor.removeLevel')}
        </button>
      </div>
    </>
  );
}
