/** Upload one post photo: POST /uploads?purpose=post_photo with the raw file as the body, through XMLHttpRequest so
 * each photo shows its own progress. The server's typed refusals (413 too big, 415 wrong type) become codes the
 * composer explains. */
import { ApiError } from '../api/client';

export type UploadedPhoto = { id: string; url: string; thumbnailUrl: string | null };
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

type ErrorBody = { error?: { code?: string; message?: string } };

export function uploadPhoto(file: File, onProgress: (pct: number) => void): { done: Promise<UploadedPhoto>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedPhoto>((resolve, reject) => {
    xhr.open('POST', '/uploads?purpose=post_photo');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      const total = e.lengthComputable ? e.total : file.size;
      onProgress(total > 0 ? Math.min(100, Math.round((e.loaded / total) * 100)) : 0);
    };
    xhr.onerror = () => reject(new ApiError('network', 'network error'));
    xhr.onabort = () => reject(new ApiError('network', 'aborted', 'ABORTED'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: judged by the status below */
      }
      const ok = body as Partial<UploadedPhoto> | null;
      if ((xhr.status === 201 || xhr.status === 200) && ok && typeof ok.id === 'string') {
        resolve({ id: ok.id, url: ok.url ?? '', thumbnailUrl: ok.thumbnailUrl ?? null });
        return;
      }
      const err = (body as ErrorBody | null)?.error;
      // 413 and 415 are the server's "too large" and "not a photo we take", whatever its message says.
      const code = xhr.status === 413 ? 'PHOTO_TOO_BIG' : xhr.status === 415 ? 'PHOTO_BAD_TYPE' : err?.code ?? (xhr.status >= 500 ? 'INTERNAL' : 'VALIDATION');
      if (xhr.status === 401) reject(new ApiError('unauthenticated', err?.message ?? 'unauthenticated', 'UNAUTHENTICATED'));
      else reject(new ApiError(xhr.status >= 500 ? 'server' : 'graphql', err?.message ?? `HTTP ${xhr.status}`, code));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
