/** Create or edit a badge: names and criteria in both languages, an emoji, level, who may grant it, a monthly cap, retire. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { BadgeGranter } from '../gql/graphql';
import { t } from '../i18n';
import { Card, Field, Select, TextArea, Toggle } from '../ui/kit';
import type { BadgeDef } from './Badges';
import { CreateBadgeDocument, UpdateBadgeDocument } from '../gql/graphql';

const FIELDS = ['code', 'nameEn', 'nameZh', 'criteriaEn', 'criteriaZh', 'icon', 'level', 'grantedBy', 'monthlyCap'];
const GRANTERS: BadgeGranter[] = ['MANAGER', 'HR', 'RULES'];

export function BadgeEditor(props: { badge: BadgeDef | null; disabled: boolean; onSaved: (b: BadgeDef) => void; onClose: () => void }): JSX.Element {
  const b = props.badge;
  const [f, setF] = useState({
    code: b?.code ?? '',
    nameEn: b?.nameEn ?? '',
    nameZh: b?.nameZh ?? '',
    criteriaEn: b?.criteriaEn ?? '',
    criteriaZh: b?.criteriaZh ?? '',
    icon: b?.icon ?? '',
    level: String(b?.level ?? 1),
    grantedBy: (b?.grantedBy ?? 'MANAGER') as BadgeGranter,
    monthlyCap: b?.monthlyCap === null || b?.monthlyCap === undefined ? '' : String(b.monthlyCap),
    active: b?.active ?? true,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => form.current?.querySelector<HTMLElement>('input, textarea, select')?.focus(), []);

  const set = (k: keyof typeof f) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const errFor = (k: string) => (error?.field === k ? error.text : null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const capText = f.monthlyCap.trim();
    if (capText && !/^\d+$/.test(capText)) {
      setError({ field: 'monthlyCap', text: t('badges.err.cap') });
      return;
    }
    const common = {
      nameEn: f.nameEn.trim(),
      nameZh: f.nameZh.trim(),
      criteriaEn: f.criteriaEn.trim(),
      criteriaZh: f.criteriaZh.trim(),
      icon: f.icon.trim(),
      level: Number(f.level),
      grantedBy: f.grantedBy,
      monthlyCap: capText ? Number(capText) : null,
    };
    setBusy(true);
    setError(null);
    try {
      const r = b
        ? (await gql(UpdateBadgeDocument, { input: { id: b.id, ...common, active: f.active } })).updateBadge
        : (await gql(CreateBadgeDocument, { input: { code: f.code.trim().toLowerCase(), ...common } })).createBadge;
      if (r.__typename === 'UserError') {
        const text = r.code === 'CONFLICT' && r.field === 'code' ? t('badges.err.codeTaken') : r.field === 'code' ? t('badges.err.code') : userErrorText(r);
        setError({ field: r.field ?? null, text });
      } else {
        props.onSaved(r.badge);
      }
    } catch (err) {
      setError({ field: null, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={b ? t('badges.editTitle') : t('badges.newTitle')}>
      <form class="form" onSubmit={submit} noValidate ref={form}>
        <div class="form">
          {b ? (
            <p class="muted">
              {t('badges.code')}: <span class="mono">{b.code}</span>
            </p>
          ) : (
            <Field
              label={t('badges.code')}
              name="code"
              value={f.code}
              onValue={set('code')}
              required
              autoCapitalize="none"
              spellcheck={false}
              maxLength={40}
              hint={t('badges.codeHint')}
              error={errFor('code')}
            />
          )}
        </div>
        <div class="icon-field">
          <Field label={t('badges.icon')} name="icon" value={f.icon} onValue={set('icon')} required maxLength={16} hint={t('badges.iconHint')} error={errFor('icon')} />
          <span class="badge-emoji badge-preview" aria-hidden="true">
            {f.icon.trim() || '?'}
          </span>
        </div>
        <Field label={t('badges.nameEn')} name="nameEn" value={f.nameEn} onValue={set('nameEn')} required maxLength={80} error={errFor('nameEn')} />
        <Field label={t('badges.nameZh')} name="nameZh" value={f.nameZh} onValue={set('nameZh')} required maxLength={80} error={errFor('nameZh')} />
        <TextArea label={t('badges.criteriaEn')} name="criteriaEn" lang="en" value={f.criteriaEn} onValue={set('criteriaEn')} required maxLength={500} rows={2} error={errFor('criteriaEn')} />
        <TextArea label={t('badges.criteriaZh')} name="criteriaZh" lang="zh-CN" value={f.criteriaZh} onValue={set('criteriaZh')} required maxLength={500} rows={2} error={errFor('criteriaZh')} />
        <Select
          label={t('badges.levelLabel')}
          name="level"
          value={f.level}
          onValue={set('level')}
          options={[1, 2, 3].map((l) => ({ value: String(l), label: t(`badges.level.${l === 3 ? 3 : l === 2 ? 2 : 1}`) }))}
          error={errFor('level')}
        />
        <Select
          label={t('badges.grantedBy')}
          name="grantedBy"
          value={f.grantedBy}
          onValue={set('grantedBy')}
          options={GRANTERS.map((g) => ({ value: g, label: t(`badges.by.${g}`) }))}
          error={errFor('grantedBy')}
        />
        <Field
          label={t('badges.monthlyCap')}
          name="monthlyCap"
          inputMode="numeric"
          value={f.monthlyCap}
          onValue={set('monthlyCap')}
          hint={t('badges.capHint')}
          error={errFor('monthlyCap')}
        />
        {b ? <Toggle label={t('badges.active')} name="active" checked={f.active} onChange={(active) => setF((old) => ({ ...old, active }))} hint={t('badges.activeHint')} /> : null}
        <p class="form-error" role="alert">
          {error && !FIELDS.includes(error.field ?? '') ? error.text : ''}
        </p>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled} aria-busy={busy}>
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
