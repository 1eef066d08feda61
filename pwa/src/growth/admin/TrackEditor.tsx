/** HR's track editor (/growth/admin/tracks/:id|new): the track, its levels (add, remove, reorder; the level each one
 * follows makes the branches), requirements and resources. While editing, a debounced preview counts how many of the
 * track's current members meet each level with the draft; nothing is saved until Save. Errors, the browser's and the
 * server's, appear next to the input their path names. */
import '../growth.css';
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText } from '../../api/errors';
import { t } from '../../i18n';
import { navigate } from '../../lib/router';
import { useDebounced, useQuery } from '../../lib/useQuery';
import type { Session } from '../../shell/session';
import { Card, ErrorNote, Field, Loading, Page, Status, TextArea, Toggle } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { named, serverErrorText } from '../labels';
import { emptyLevel, emptyTrack, errorAt, fromTrack, moveLevel, removeLevel, toInput, type DraftError, type TrackDraft } from './draft';
import { LevelEditor, type LevelCount } from './LevelEditor';
import { CareerTrackDocument, PreviewCareerTrackDocument, SaveCareerTrackDocument } from '../../gql/graphql';

const BACK = '/growth/admin';
const PREVIEW_MS = 600;

export function TrackEditor({ session, id }: { session: Session; id: string | null }): JSX.Element {
  const loaded = useQuery(CareerTrackDocument, { id: id ?? '' }, { skip: id === null || session.offline });
  const [draft, setDraft] = useState<TrackDraft | null>(() => (id === null ? emptyTrack() : null));
  const [error, setError] = useState<DraftError | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    const track = loaded.data?.careerTrack;
    if (track) setDraft(fromTrack(track));
  }, [loaded.data]);

  const checked = useMemo(() => (draft ? toInput(draft) : null), [draft]);
  const inputJson = checked && 'input' in checked ? JSON.stringify(checked.input) : '';
  const settled = useDebounced(inputJson, PREVIEW_MS);
  const previewVars = useMemo(() => (settled ? { input: JSON.parse(settled) as Extract<ReturnType<typeof toInput>, { input: unknown }>['input'] } : null), [settled]);
  const preview = useQuery(PreviewCareerTrackDocument, previewVars ?? { input: emptyInput }, { skip: previewVars === null });
  const stale = settled !== inputJson || preview.loading;
  const counts = preview.data?.previewCareerTrack ?? null;

  function update(next: TrackDraft): void {
    setDraft(next);
    setError(null);
    setStatus(null);
  }

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    if (!checked || !draft) return;
    if ('text' in checked) return setError(checked);
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const r = (await gql(SaveCareerTrackDocument, { input: checked.input })).saveCareerTrack;
      if (r.__typename === 'UserError') setError({ path: r.field ?? '', text: serverErrorText(r) });
      else {
        setDraft(fromTrack(r.track));
        setStatus(t('growth.editor.saved'));
        if (id === null) navigate(`/growth/admin/tracks/${encodeURIComponent(r.track.id)}`, { replace: true });
      }
    } catch (err) {
      setError({ path: '', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const title = id === null ? t('growth.editor.newTrack') : draft ? named(draft) || draft.code : t('growth.admin.tracks');
  if (session.offline || !draft) {
    return (
      <Page title={title} back={BACK}>
        {session.offline ? <p class="muted">{t('growth.needsConnection')}</p> : loaded.error ? <ErrorNote error={loaded.error} onRetry={loaded.reload} /> : loaded.data ? <p class="muted">{t('growth.editor.notFound')}</p> : <Loading lines={8} />}
      </Page>
    );
  }
  const err = (path: string) => errorAt(error, path);
  const set = <K extends keyof TrackDraft>(k: K) => (v: TrackDraft[K]) => update({ ...draft, [k]: v });
  // Preview rows name the level by id (saved levels) and by code (new ones too).
  const countFor = (code: string, levelId: string | null): LevelCount => counts?.levels.find((c) => (levelId !== null && c.levelId === levelId) || c.code === code) ?? null;
  return (
    <Page title={title} back={BACK}>
      <form class="form track-editor" onSubmit={save} noValidate>
        <Card title={t('growth.editor.about')}>
          <div class="two-col">
            <Field label={t('growth.editor.code')} name="trackCode" value={draft.code} onValue={set('code')} autoCapitalize="none" spellcheck={false} disabled={id !== null} hint={t('growth.editor.codeHint')} error={err('code')} />
            <Field label={t('growth.editor.jobFamily')} name="jobFamily" value={draft.jobFamily} onValue={set('jobFamily')} autoCapitalize="none" hint={t('growth.editor.jobFamilyHint')} error={err('jobFamily')} />
          </div>
          <div class="two-col">
            <Field label={t('growth.editor.nameZh')} name="trackNameZh" value={draft.nameZh} onValue={set('nameZh')} error={err('nameZh')} />
            <Field label={t('growth.editor.nameEn')} name="trackNameEn" value={draft.nameEn} onValue={set('nameEn')} error={err('nameEn')} />
          </div>
          <TextArea label={t('growth.editor.descriptionZh')} name="trackDescriptionZh" value={draft.descriptionZh} onValue={set('descriptionZh')} rows={2} maxLength={2000} />
          <TextArea label={t('growth.editor.descriptionEn')} name="trackDescriptionEn" value={draft.descriptionEn} onValue={set('descriptionEn')} rows={2} maxLength={2000} />
          <Toggle label={t('growth.editor.active')} name="active" checked={draft.active} onChange={set('active')} hint={t('growth.editor.activeHint')} />
        </Card>
        <div class={`track-preview${stale ? ' is-stale' : ''}`} role="status" aria-live="polite">
          <Icon name="people" size={20} />
          <span class="preview-members">
            {preview.error ? errorText(preview.error) : counts ? t('growth.editor.previewMembers', { count: counts.members }) : previewVars ? t('app.loading') : t('growth.editor.previewWaiting')}
          </span>
        </div>
        <section aria-labelledby="levels-title">
          <h2 id="levels-title" class="section-title">
            {t('growth.editor.levels')}
          </h2>
          {err('levels') ? <p class="field-error">{err('levels')}</p> : null}
          {draft.levels.map((l, i) => (
            <LevelEditor
              key={l.key}
              level={l}
              index={i}
              count={draft.levels.length}
              others={draft.levels.filter((o) => o.key !== l.key)}
              preview={countFor(l.code, l.id)}
              previewStale={stale}
              defaultOpen={draft.levels.length <= 2 || l.id === null}
              error={error}
              onChange={(nl) => update({ ...draft, levels: draft.levels.map((x) => (x.key === nl.key ? nl : x)) })}
              onRemove={() => update(removeLevel(draft, l.key))}
              onMove={(by) => update(moveLevel(draft, l.key, by))}
            />
          ))}
          <button type="button" class="btn btn-secondary btn-block add-level" onClick={() => update({ ...draft, levels: [...draft.levels, emptyLevel(draft.levels[draft.levels.length - 1]?.code ?? '')] })}>
            <Icon name="plus" size={20} /> {t('growth.editor.addLevel')}
          </button>
        </section>
        <p class="form-error save-error" role="alert">
          {error ? error.text : ''}
        </p>
        <button type="submit" class="btn btn-primary btn-block save-track" disabled={busy} aria-busy={busy}>
          {t('growth.editor.save')}
        </button>
        <Status text={status} />
      </form>
    </Page>
  );
}

const emptyInput = { code: '', jobFamily: '', nameEn: '', nameZh: '', levels: [] };
