/** The certificate's photo: take one with the camera or choose an image/PDF; it uploads at once with a progress bar,
 * and a thumbnail (fixed size, so nothing shifts) shows what was picked. */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { errorText } from '../../api/errors';
import { t } from '../../i18n';
import { Icon } from '../../ui/icons';
import { Status } from '../../ui/kit';
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES, uploadEvidence, type UploadedFile } from './upload';

export function PhotoPick(props: { onUploaded: (f: UploadedFile | null) => void; onBusy: (busy: boolean) => void }): JSX.Element {
  const id = useId();
  const [preview, setPreview] = useState<{ url: string | null; name: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const abort = useRef<(() => void) | null>(null);

  // Stop an upload still running when the form goes away; release each preview's object URL when it is replaced.
  useEffect(() => () => abort.current?.(), []);
  useEffect(() => {
    const url = preview?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [preview]);

  async function pick(e: Event): Promise<void> {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    input.value = '';
    if (!file) return;
    abort.current?.();
    setError(null);
    setDone(false);
    props.onUploaded(null);
    if (file.type && !UPLOAD_TYPES.includes(file.type)) return setError(t('growth.photo.badType'));
    if (file.size > MAX_UPLOAD_BYTES) return setError(t('growth.photo.tooBig', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
    setPreview({ url: file.type.startsWith('image/') ? URL.createObjectURL(file) : null, name: file.name });
    setProgress(0);
    props.onBusy(true);
    const up = uploadEvidence(file, (loaded, total) => setProgress(total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0));
    abort.current = up.abort;
    try {
      const uploaded = await up.done;
      props.onUploaded(uploaded);
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      abort.current = null;
      setProgress(null);
      props.onBusy(false);
    }
  }

  function clear(): void {
    abort.current?.();
    setPreview(null);
    setDone(false);
    setError(null);
    props.onUploaded(null);
  }

  return (
    <fieldset class="photo-pick" aria-describedby={`${id}-hint`}>
      <legend>{t('growth.photo.legend')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t('growth.photo.hint')}
      </p>
      <div class="photo-row">
        <div class={`photo-thumb${preview ? '' : ' is-empty'}`}>
          {preview?.url ? <img src={preview.url} alt={t('growth.photo.preview')} width={88} height={88} /> : <Icon name="certificate" size={32} />}
        </div>
        <div class="photo-actions">
          <label class="btn btn-secondary btn-small file-btn">
            <input class="visually-hidden" type="file" name="certificatePhoto" accept="image/*" capture="environment" onChange={(e) => void pick(e)} />
            {t('growth.photo.camera')}
          </label>
          <label class="btn btn-secondary btn-small file-btn">
            <input class="visually-hidden" type="file" name="certificateFile" accept="image/jpeg,image/png,image/webp,application/pdf" onChange={(e) => void pick(e)} />
            {t('growth.photo.gallery')}
          </label>
          {preview && progress === null ? (
            <button type="button" class="btn btn-danger-quiet btn-small" onClick={clear}>
              {t('growth.photo.remove')}
            </button>
          ) : null}
        </div>
      </div>
      <div class="upload-progress" role="status" aria-live="polite">
        {progress !== null ? (
          <>
            <progress class="progress" max={100} value={progress} aria-label={t('growth.photo.uploading')} />
            <span class="muted">{t('growth.photo.uploadPct', { pct: progress })}</span>
          </>
        ) : done && preview ? (
          <span class="status-ok photo-done">{t('growth.photo.uploaded', { name: preview.name })}</span>
        ) : null}
      </div>
      <Status text={error} tone="error" />
    </fieldset>
  );
}
