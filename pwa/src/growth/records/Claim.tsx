/** Claim a record (/growth/claim?kind=&requirement=): kind, title, date(s), hours and the kind's own fields, an optional
 * certificate photo (uploaded with progress). A claim counts once a supervisor confirms it: the next screen shows the
 * record with its QR code to show them. Coming from a requirement, fields its conditions pin down are filled in. */
import '../growth.css';
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { EvidenceKind } from '../../gql/graphql';
import { t } from '../../i18n';
import { toIso, todayIn } from '../../lib/dates';
import { navigate, useSearchParams } from '../../lib/router';
import { useQuery } from '../../lib/useQuery';
import { errorFor, type FormError } from '../../recognition/formError';
import { orgZone, type Session } from '../../shell/session';
import { Card, Chips, Field, Page, Select } from '../../ui/kit';
import { CLAIMABLE, kindLabel, named } from '../labels';
import { CATEGORIES, KIND_FORMS, presetsFrom } from './fields';
import { PersonPick, type Picked } from './PersonPick';
import { PhotoPick } from './PhotoPick';
import type { UploadedFile } from './upload';
import { ClaimGrowthRecordDocument, GrowthMapDocument } from '../../gql/graphql';

const FORM_FIELDS = ['title', 'occurredOn', 'endsOn', 'quantity', 'kind', 'fileId'];

export function Claim({ session }: { session: Session }): JSX.Element {
  const params = useSearchParams();
  const requirementId = params.get('requirement');
  const wanted = params.get('kind') as EvidenceKind | null;
  const map = useQuery(GrowthMapDocument, { employeeId: null }, { skip: !requirementId || session.offline });
  const requirement = useMemo(() => {
    for (const l of map.data?.growthMap.levels ?? []) for (const r of l.requirements) if (r.requirement.id === requirementId) return r.requirement;
    return null;
  }, [map.data, requirementId]);
  const presets = useMemo(() => presetsFrom(requirement?.conditions), [requirement]);

  const [kind, setKind] = useState<EvidenceKind>(wanted && CLAIMABLE.includes(wanted) ? wanted : 'TRAINING');
  const [title, setTitle] = useState('');
  const [occurredOn, setOccurredOn] = useState(() => toIso(todayIn(orgZone(session))));
  const [endsOn, setEndsOn] = useState('');
  const [hours, setHours] = useState('');
  const [attrs, setAttrs] = useState<Record<string, string>>({});
  const [mentee, setMentee] = useState<Picked | null>(null);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const form = KIND_FORMS[kind] ?? KIND_FORMS.TRAINING!;
  const attr = (name: string): string => attrs[name] ?? presets[name] ?? '';
  const setAttr = (name: string) => (v: string) => setAttrs((a) => ({ ...a, [name]: v }));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!title.trim()) return setError({ field: 'title', text: t('growth.required') });
    if (!occurredOn) return setError({ field: 'occurredOn', text: t('growth.required') });
    if (form.endsOn && endsOn && endsOn < occurredOn) return setError({ field: 'endsOn', text: t('growth.claim.endsBefore') });
    const quantity = hours.trim() === '' ? null : Number(hours.replace(',', '.'));
    if (quantity !== null && (!Number.isFinite(quantity) || quantity <= 0 || quantity > 1000)) return setError({ field: 'quantity', text: t('growth.claim.badHours') });
    const attributes: Record<string, string> = {};
    for (const a of form.attrs) {
      const v = a.type === 'person' ? (mentee?.id ?? '') : attr(a.name).trim();
      if (v) attributes[a.name] = v;
    }
    if (kind === 'MENTORING' && !attributes.mentee_id) return setError({ field: 'attributes.mentee_id', text: t('growth.claim.pickMentee') });
    setBusy(true);
    setError(null);
    try {
      const input = { kind, title: title.trim(), occurredOn, endsOn: form.endsOn && endsOn ? endsOn : null, quantity: form.hours ? quantity : null, attributes, fileId: form.photo && file ? file.id : null };
      const r = (await gql(ClaimGrowthRecordDocument, { input })).claimGrowthRecord;
      if (r.__typename === 'UserError') setError({ field: r.field ?? null, text: userErrorText(r) });
      else navigate(`/growth/records/${encodeURIComponent(r.record.id)}?claimed=1`, { replace: true });
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const back = requirementId ? `/growth/requirements/${encodeURIComponent(requirementId)}` : '/growth';
  if (session.offline) {
    return (
      <Page title={t('growth.claim.title')} back={back}>
        <p class="muted">{t('growth.needsConnection')}</p>
      </Page>
    );
  }
  const attrError = (name: string) => errorFor(error, `attributes.${name}`);
  const categories = presets.category && !CATEGORIES.includes(presets.category as (typeof CATEGORIES)[number]) ? [presets.category, ...CATEGORIES] : [...CATEGORIES];
  return (
    <Page title={t('growth.claim.title')} back={back}>
      {requirement ? <p class="muted claim-for-req">{t('growth.claim.forRequirement', { name: named(requirement) })}</p> : null}
      <p class="muted">{t('growth.claim.intro')}</p>
      <form class="form claim-form" onSubmit={submit} noValidate>
        <Card>
          <Chips legend={t('growth.claim.kind')} name="kind" value={kind} onValue={(v) => setKind(v as EvidenceKind)} options={CLAIMABLE.map((k) => ({ value: k, label: kindLabel(k) }))} error={errorFor(error, 'kind')} />
        </Card>
        <Card>
          <Field label={t(`growth.claim.title.${kind}`)} name="title" value={title} onValue={setTitle} required maxLength={200} error={errorFor(error, 'title')} />
          <div class="two-col">
            <Field label={form.endsOn ? t('growth.claim.from') : t('growth.claim.on')} name="occurredOn" type="date" value={occurredOn} onValue={setOccurredOn} required error={errorFor(error, 'occurredOn')} />
            {form.endsOn ? <Field label={t('growth.claim.to')} name="endsOn" type="date" value={endsOn} onValue={setEndsOn} hint={t('growth.claim.toHint')} error={errorFor(error, 'endsOn')} /> : null}
          </div>
          {form.hours ? <Field label={t('growth.claim.hours')} name="hours" type="number" inputMode="decimal" min={0} step={0.5} value={hours} onValue={setHours} error={errorFor(error, 'quantity')} /> : null}
          {form.attrs.map((a) =>
            a.type === 'category' ? (
              <Select key={a.name} label={t('growth.attr.category')} name="category" value={attr('category')} onValue={setAttr('category')} options={[{ value: '', label: t('growth.claim.choose') }, ...categories.map((c) => ({ value: c, label: categoryLabel(c) }))]} error={attrError('category')} />
            ) : a.type === 'person' ? (
              <PersonPick key={a.name} label={t('growth.attr.mentee_id')} value={mentee} onValue={setMentee} excludeId={session.me.employee?.id} error={attrError('mentee_id')} />
            ) : (
              <Field key={a.name} label={t(`growth.attr.${a.name as AttrName}`)} name={a.name} type={a.type === 'date' ? 'date' : 'text'} value={attr(a.name)} onValue={setAttr(a.name)} maxLength={120} error={attrError(a.name)} />
            ),
          )}
        </Card>
        {form.photo ? (
          <Card>
            <PhotoPick onUploaded={setFile} onBusy={setUploading} />
          </Card>
        ) : null}
        <p class="form-error" role="alert">
          {error && !FORM_FIELDS.includes(error.field ?? '') && !(error.field ?? '').startsWith('attributes.') ? error.text : ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block submit-claim" disabled={busy || uploading} aria-busy={busy}>
          {uploading ? t('growth.claim.waitUpload') : t('growth.claim.submit')}
        </button>
      </form>
    </Page>
  );
}

type AttrName = 'provider' | 'result' | 'role' | 'outcome' | 'certificate_code' | 'issuer' | 'expires_on' | 'competition' | 'rank' | 'period' | 'target' | 'topic';

function categoryLabel(code: string): string {
  return (CATEGORIES as readonly string[]).includes(code) ? t(`growth.category.${code as (typeof CATEGORIES)[number]}`) : code;
}
