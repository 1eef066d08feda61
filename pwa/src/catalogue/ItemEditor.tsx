/** HR: create or edit a reward with every field; kind-specific fields (cash amount, days, session time and
 * place) and the eligibility gates (tenure, tier, score, attendance). Times are entered in the org's zone. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { CatalogueItemFragment, LimitPeriod, RewardItemInput, RewardKind } from '../gql/graphql';
import { t, type MessageKey } from '../i18n';
import { formatMajorInput, parseMajor } from '../lib/money';
import { zonedIso, zonedParts } from '../lib/zoned';
import { kindLabel, KINDS, periodLabel, readGates, tierLabel, TIERS } from '../rewards/labels';
import { Card, Field, Select, TextArea, Toggle } from '../ui/kit';
import { CreateRewardDocument, UpdateRewardDocument } from '../gql/graphql';

const PERIODS: LimitPeriod[] = ['MONTH', 'QUARTER', 'YEAR'];
const DERIVED: RewardKind[] = ['VOUCHER', 'CEO_MEETING'];
const FIELDS = [
  'kind', 'nameEn', 'nameZh', 'descriptionEn', 'descriptionZh', 'imageUrl', 'costPoints', 'stock', 'perPersonLimit',
  'limitPeriod', 'amountMinor', 'days', 'startsAt', 'location', 'eligibility',
];

type Form = {
  kind: RewardKind;
  nameEn: string;
  nameZh: string;
  descriptionEn: string;
  descriptionZh: string;
  imageUrl: string;
  costPoints: string;
  stock: string;
  perPersonLimit: string;
  limitPeriod: LimitPeriod;
  requiresApproval: boolean;
  amount: string;
  days: string;
  startDate: string;
  startTime: string;
  location: string;
  minTenure: string;
  minTier: string;
  minScore: string;
  minAttendance: string;
};

type Err = { field: string | null; text: string };

function initial(item: CatalogueItemFragment | null, zone: string): Form {
  const g = readGates(item?.eligibility);
  const [startDate, startTime] = item?.startsAt ? zonedParts(item.startsAt, zone) : ['', '09:00'];
  const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    kind: item?.kind ?? 'REMOTE_DAYS',
    nameEn: item?.nameEn ?? '',
    nameZh: item?.nameZh ?? '',
    descriptionEn: item?.descriptionEn ?? '',
    descriptionZh: item?.descriptionZh ?? '',
    imageUrl: item?.imageUrl ?? '',
    costPoints: num(item?.costPoints),
    stock: num(item?.stock),
    perPersonLimit: num(item?.perPersonLimit),
    limitPeriod: item?.limitPeriod ?? 'YEAR',
    requiresApproval: item?.requiresApproval ?? true,
    amount: item ? formatMajorInput(item.amountMinor) : '',
    days: item && item.days ? String(item.days) : '1',
    startDate,
    startTime,
    location: item?.location ?? '',
    minTenure: num(g.min_tenure_months),
    minTier: g.min_tier ?? '',
    minScore: num(g.min_score),
    minAttendance: num(g.min_attendance_rate),
  };
}

/** A server refusal in the reader's language: per field where we know what it checks. */
function serverText(r: { code: string; message: string; field?: string | null }): string {
  if (r.code !== 'VALIDATION') return userErrorText(r);
  const known: Record<string, MessageKey> = {
    nameEn: 'catalogue.err.name',
    nameZh: 'catalogue.err.name',
    descriptionEn: 'catalogue.err.description',
    descriptionZh: 'catalogue.err.description',
    imageUrl: 'catalogue.err.image',
    costPoints: 'catalogue.err.cost',
    stock: 'catalogue.err.stock',
    perPersonLimit: 'catalogue.err.limit',
    amountMinor: 'catalogue.err.amount',
    days: 'catalogue.err.days',
    startsAt: 'catalogue.err.startsAt',
    location: 'catalogue.err.location',
    eligibility: 'catalogue.err.gates',
  };
  const key = r.field ? known[r.field] : undefined;
  return key ? t(key) : userErrorText(r);
}

const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
const decimal = (s: string) => (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : null);

export function ItemEditor(props: {
  item: CatalogueItemFragment | null;
  zone: string;
  currency: string;
  disabled: boolean;
  onSaved: (item: CatalogueItemFragment) => void;
  onClose: () => void;
}): JSX.Element {
  const item = props.item;
  const [f, setF] = useState<Form>(() => initial(item, props.zone));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Err | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);

  const set = (k: keyof Form) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const errFor = (k: string) => (error?.field === k ? error.text : null);
  const isCash = f.kind === 'CASH_BONUS';
  const hasDays = f.kind === 'EXTRA_LEAVE' || f.kind === 'REMOTE_DAYS';
  const isTraining = f.kind === 'TRAINING';
  const derived = DERIVED.includes(f.kind);

  /** The input, or the first field that is not well formed. */
  function build(): { input: RewardItemInput } | { error: Err } {
    const cost = whole(f.costPoints);
    if (cost === null || cost < 1) return { error: { field: 'costPoints', text: t('catalogue.err.cost') } };
    let stock: number | null = null;
    if (!derived && f.stock.trim() !== '') {
      stock = whole(f.stock);
      if (stock === null) return { error: { field: 'stock', text: t('catalogue.err.whole') } };
    }
    if (isTraining && stock === null && !item) return { error: { field: 'stock', text: t('catalogue.err.seats') } };
    // On update, an untouched stock is left out so redemptions made meanwhile are not overwritten.
    if (item && stock === item.stock) stock = null;
    let limit: number | null = null;
    if (f.perPersonLimit.trim() !== '') {
      limit = whole(f.perPersonLimit);
      if (limit === null || limit < 1) return { error: { field: 'perPersonLimit', text: t('catalogue.err.limit') } };
    }
    let amountMinor = 0;
    if (isCash) {
      const minor = parseMajor(f.amount);
      if (minor === null || minor <= 0) return { error: { field: 'amountMinor', text: t('catalogue.err.amount') } };
      amountMinor = minor;
    }
    let days = 0;
    if (hasDays) {
      const d = whole(f.days);
      if (d === null || d < 1 || d > 30) return { error: { field: 'days', text: t('catalogue.err.days') } };
      days = d;
    }
    let startsAt: string | null = null;
    if (isTraining && f.startDate) {
      startsAt = zonedIso(f.startDate, f.startTime || '09:00', props.zone);
      if (!startsAt) return { error: { field: 'startsAt', text: t('catalogue.err.startsAt') } };
    }
    const eligibility: Record<string, number | string> = {};
    if (f.minTenure.trim()) {
      const n = whole(f.minTenure);
      if (n === null || n > 600) return { error: { field: 'eligibility', text: t('catalogue.err.tenure') } };
      eligibility.min_tenure_months = n;
    }
    if (f.minTier) eligibility.min_tier = f.minTier;
    for (const [key, value] of [['min_score', f.minScore], ['min_attendance_rate', f.minAttendance]] as const) {
      if (!value.trim()) continue;
      const n = decimal(value);
      if (n === null || n > 100) return { error: { field: 'eligibility', text: t('catalogue.err.percent') } };
      eligibility[key] = n;
    }
    return {
      input: {
        kind: f.kind,
        nameEn: f.nameEn.trim(),
        nameZh: f.nameZh.trim(),
        descriptionEn: f.descriptionEn.trim(),
        descriptionZh: f.descriptionZh.trim(),
        imageUrl: f.imageUrl.trim() || null,
        costPoints: cost,
        stock,
        perPersonLimit: limit,
        limitPeriod: f.limitPeriod,
        requiresApproval: f.requiresApproval,
        amountMinor,
        days,
        startsAt,
        location: isTraining ? f.location.trim() || null : null,
        eligibility,
      },
    };
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const built = build();
    if ('error' in built) {
      setError(built.error);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = item
        ? (await gql(UpdateRewardDocument, { id: item.id, input: built.input })).updateReward
        : (await gql(CreateRewardDocument, { input: built.input })).createReward;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: serverText(r) });
      else props.onSaved(r.item);
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={item ? t('catalogue.editTitle') : t('catalogue.newTitle')} class="item-editor">
      <form class="form" onSubmit={submit} noValidate ref={form}>
        {item ? (
          <p class="muted">
            {t('catalogue.kind')}: <strong>{kindLabel(item.kind)}</strong> · {t('catalogue.kindFixed')}
          </p>
        ) : (
          <Select
            label={t('catalogue.kind')}
            name="kind"
            value={f.kind}
            onValue={(v) => setF((old) => ({ ...old, kind: v as RewardKind, requiresApproval: v !== 'VOUCHER' }))}
            options={KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            error={errFor('kind')}
          />
        )}
        <Field label={t('catalogue.nameEn')} name="nameEn" value={f.nameEn} onValue={set('nameEn')} required maxLength={120} error={errFor('nameEn')} />
        <Field label={t('catalogue.nameZh')} name="nameZh" value={f.nameZh} onValue={set('nameZh')} required maxLength={120} error={errFor('nameZh')} />
        <TextArea label={t('catalogue.descriptionEn')} name="descriptionEn" lang="en" value={f.descriptionEn} onValue={set('descriptionEn')} maxLength={2000} rows={3} error={errFor('descriptionEn')} />
        <TextArea label={t('catalogue.descriptionZh')} name="descriptionZh" lang="zh-CN" value={f.descriptionZh} onValue={set('descriptionZh')} maxLength={2000} rows={3} error={errFor('descriptionZh')} />
        <Field
          label={t('catalogue.imageUrl')}
          name="imageUrl"
          type="url"
          inputMode="url"
          autoCapitalize="none"
          spellcheck={false}
          value={f.imageUrl}
          onValue={set('imageUrl')}
          hint={t('catalogue.imageHint')}
          error={errFor('imageUrl')}
        />
        <Field label={t('catalogue.cost')} name="costPoints" inputMode="numeric" value={f.costPoints} onValue={set('costPoints')} required error={errFor('costPoints')} />

        {isCash ? (
          <Field label={t('catalogue.amount', { currency: props.currency })} name="amount" inputMode="decimal" value={f.amount} onValue={set('amount')} required hint={t('catalogue.amountHint')} error={errFor('amountMinor')} />
        ) : null}
        {hasDays ? <Field label={t('catalogue.days')} name="days" inputMode="numeric" value={f.days} onValue={set('days')} required hint={t('catalogue.daysHint')} error={errFor('days')} /> : null}
        {isTraining ? (
          <fieldset class={`form${errFor('startsAt') ? ' field-invalid' : ''}`}>
            <legend>{t('catalogue.session')}</legend>
            <p class="hint">{t('catalogue.zoneHint', { zone: props.zone })}</p>
            <div class="two-col">
              <Field label={t('catalogue.date')} name="startDate" type="date" value={f.startDate} onValue={set('startDate')} error={errFor('startsAt')} />
              <Field label={t('catalogue.time')} name="startTime" type="time" value={f.startTime} onValue={set('startTime')} />
            </div>
            <Field label={t('catalogue.location')} name="location" value={f.location} onValue={set('location')} maxLength={200} error={errFor('location')} />
          </fieldset>
        ) : null}

        {derived ? (
          <p class="hint">{f.kind === 'VOUCHER' ? t('catalogue.stockCodes') : t('catalogue.stockSlots')}</p>
        ) : (
          <Field
            label={isTraining ? t('catalogue.seats') : t('catalogue.stock')}
            name="stock"
            inputMode="numeric"
            value={f.stock}
            onValue={set('stock')}
            hint={item ? t('catalogue.stockHintEdit') : t('catalogue.stockHint')}
            error={errFor('stock')}
          />
        )}
        <div class="two-col">
          <Field label={t('catalogue.limit')} name="perPersonLimit" inputMode="numeric" value={f.perPersonLimit} onValue={set('perPersonLimit')} hint={t('catalogue.limitHint')} error={errFor('perPersonLimit')} />
          <Select
            label={t('catalogue.period')}
            name="limitPeriod"
            value={f.limitPeriod}
            onValue={(v) => setF((old) => ({ ...old, limitPeriod: v as LimitPeriod }))}
            options={PERIODS.map((p) => ({ value: p, label: periodLabel(p) }))}
            error={errFor('limitPeriod')}
          />
        </div>
        <Toggle
          label={t('catalogue.requiresApproval')}
          name="requiresApproval"
          checked={f.requiresApproval}
          onChange={(on) => setF((old) => ({ ...old, requiresApproval: on }))}
          hint={t('catalogue.requiresApprovalHint')}
        />

        <fieldset class={`form gates${errFor('eligibility') ? ' field-invalid' : ''}`} aria-describedby="gates-hint">
          <legend>{t('catalogue.gates')}</legend>
          <p class="hint" id="gates-hint">
            {t('catalogue.gatesHint')}
          </p>
          <Field label={t('catalogue.minTenure')} name="minTenure" inputMode="numeric" value={f.minTenure} onValue={set('minTenure')} />
          <Select
            label={t('catalogue.minTier')}
            name="minTier"
            value={f.minTier}
            onValue={set('minTier')}
            options={[{ value: '', label: t('catalogue.noTier') }, ...TIERS.map((tier) => ({ value: tier, label: tierLabel(tier) }))]}
          />
          <Field label={t('catalogue.minScore')} name="minScore" inputMode="decimal" value={f.minScore} onValue={set('minScore')} />
          <Field label={t('catalogue.minAttendance')} name="minAttendance" inputMode="decimal" value={f.minAttendance} onValue={set('minAttendance')} />
          {errFor('eligibility') ? (
            <p class="field-error" role="alert">
              {errFor('eligibility')}
            </p>
          ) : null}
        </fieldset>

        <p class="form-error" role="alert">
          {error && !FIELDS.includes(error.field ?? '') ? error.text : ''}
        </p>
        <div class="actions">
          <button type="submit" class="btn btn-primary save-reward" disabled={busy || props.disabled} aria-busy={busy}>
            {t('app.save')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </Card>
  );
}
