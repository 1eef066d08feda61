/** The composer's photos: pick several (≤ 9), each previews at once and uploads with its own progress bar; the
 * server's refusals (too big, not a photo) show on the photo they concern, which can then be removed. */
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorText } from '../api/errors';
import { t } from '../i18n';
import { Icon } from '../ui/icons';
import { Status } from '../ui/kit';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, uploadPhoto, type UploadedPhoto } from './upload';

type Item = { key: number; name: string; preview: string; progress: number; uploaded: UploadedPhoto | null; error: string | null; abort: (() => void) | null };

let nextKey = 1;

export type PhotoState = { ids: string[]; busy: boolean };

function uploadError(err: unknown): string {
  if (err instanceof ApiError && err.code === 'PHOTO_TOO_BIG') return t('feed.photo.tooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  if (err instanceof ApiError && err.code === 'PHOTO_BAD_TYPE') return t('feed.photo.badType');
  if (err instanceof ApiError && err.code === 'VALIDATION') return err.message;
  return errorText(err);
}

export function PhotoUploads({ onChange, incoming }: { onChange: (s: PhotoState) => void; incoming?: File[] | null }): JSX.Element {
  const id = useId();
  const [items, setItems] = useState<Item[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const all = useRef<Item[]>([]);
  all.current = items;

  const update = (key: number, change: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  useEffect(() => {
    onChange({ ids: items.flatMap((i) => (i.uploaded ? [i.uploaded.id] : [])), busy: items.some((i) => !i.uploaded && !i.error) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- report every change of the list
  }, [items]);
  // Leaving the composer stops uploads still running and frees the previews.
  useEffect(
    () => () =>
      all.current.forEach((i) => {
        i.abort?.();
        URL.revokeObjectURL(i.preview);
      }),
    [],
  );
  useEffect(() => {
    if (incoming?.length) add(incoming);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shared files arrive once
  }, [incoming]);

  function add(files: File[]): void {
    setNote(null);
    const room = MAX_PHOTOS - all.current.length;
    if (files.length > room) setNote(t('feed.photo.tooMany', { max: MAX_PHOTOS }));
    const fresh = files.slice(0, Math.max(0, room)).map<Item>((file) => ({ key: nextKey++, name: file.name, preview: URL.createObjectURL(file), progress: 0, uploaded: null, error: null, abort: null }));
    setItems((list) => [...list, ...fresh]);
    fresh.forEach((item, i) => {
      const file = files[i];
      if (!file) return;
      if (file.size > MAX_PHOTO_BYTES) {
        update(item.key, { error: t('feed.photo.tooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }) });
        return;
      }
      const up = uploadPhoto(file, (progress) => update(item.key, { progress }));
      update(item.key, { abort: up.abort });
      up.done.then(
        (uploaded) => update(item.key, { uploaded, progress: 100, abort: null }),
        (err: unknown) => update(item.key, { error: uploadError(err), abort: null }),
      );
    });
  }

  function remove(item: Item): void {
    item.abort?.();
    URL.revokeObjectURL(item.preview);
    setItems((list) => list.filter((i) => i.key !== item.key));
  }

  return (
    <fieldset class="photo-uploads" aria-describedby={`${id}-hint`}>
      <legend>{t('feed.photo.legend')}</legend>
      <p class="hint" id={`${id}-hint`}>
        {t('feed.photo.hint', { max: MAX_PHOTOS })}
      </p>
      {items.length ? (
        <ul class="upload-grid">
          {items.map((item) => (
            <li key={item.key} class={`upload-item${item.error ? ' has-error' : item.uploaded ? ' is-done' : ' is-uploading'}`} data-name={item.name}>
              <img src={item.preview} alt={t('feed.photo.preview', { name: item.name })} width={96} height={96} />
              {item.error ? (
                <p class="upload-error" role="alert">
                  {item.error}
                </p>
              ) : item.uploaded ? (
                <span class="upload-done" aria-label={t('feed.photo.uploaded', { name: item.name })}>
                  <Icon name="check" size={18} />
                </span>
              ) : (
                <progress class="progress" max={100} value={item.progress} aria-label={t('feed.photo.uploading', { name: item.name, pct: item.progress })} />
              )}
              <button type="button" class="icon-btn remove-photo" aria-label={t('feed.photo.remove', { name: item.name })} onClick={() => remove(item)}>
                <Icon name="close" size={18} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {items.length < MAX_PHOTOS ? (
        <label class="btn btn-secondary btn-small file-btn">
          <input
            class="visually-hidden"
            type="file"
            name="photos"
            accept="image/*"
            multiple
            onChange={(e) => {
              const input = e.currentTarget;
              add(Array.from(input.files ?? []));
              input.value = '';
            }}
          />
          <Icon name="plus" size={18} /> {t('feed.photo.add')}
        </label>
      ) : null}
      <Status text={note} tone="error" />
    </fieldset>
  );
}
