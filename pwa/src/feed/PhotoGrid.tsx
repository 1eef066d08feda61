/** Up to nine thumbnails in a square grid; a tap opens the full-size photo in a dialog with previous/next. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Icon } from '../ui/icons';

type Photo = { id: string; url: string; thumbnailUrl: string; width?: number | null; height?: number | null };

export function PhotoGrid({ photos }: { photos: Photo[] }): JSX.Element {
  const [open, setOpen] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const shown = photos.slice(0, 9);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open !== null && !d.open) d.showModal?.();
    if (open === null && d.open) d.close();
  }, [open]);

  const current = open === null ? null : shown[open];
  return (
    <>
      <ul class={`photo-grid photo-grid-${Math.min(shown.length, 3)}`}>
        {shown.map((p, i) => (
          <li key={p.id}>
            <button type="button" class="photo-open" onClick={() => setOpen(i)} aria-label={t('feed.photo.open', { n: i + 1, count: shown.length })}>
              <img src={p.thumbnailUrl || p.url} alt="" loading="lazy" decoding="async" width={120} height={120} />
            </button>
          </li>
        ))}
      </ul>
      <dialog ref={dialog} class="photo-viewer" aria-label={t('feed.photo.viewer')} onClose={() => setOpen(null)} onClick={(e) => e.target === dialog.current && setOpen(null)}>
        {current ? (
          <>
            <img src={current.url} alt={t('feed.photo.open', { n: (open ?? 0) + 1, count: shown.length })} class="photo-full" />
            <div class="viewer-bar">
              <button type="button" class="icon-btn" aria-label={t('feed.photo.previous')} disabled={open === 0} onClick={() => setOpen((n) => Math.max(0, (n ?? 0) - 1))}>
                <Icon name="back" />
              </button>
              <span>
                {(open ?? 0) + 1} / {shown.length}
              </span>
              <button type="button" class="icon-btn" aria-label={t('feed.photo.next')} disabled={open === shown.length - 1} onClick={() => setOpen((n) => Math.min(shown.length - 1, (n ?? 0) + 1))}>
                <Icon name="chevron" />
              </button>
              <button type="button" class="icon-btn viewer-close" aria-label={t('feed.photo.close')} onClick={() => setOpen(null)}>
                <Icon name="close" />
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}
