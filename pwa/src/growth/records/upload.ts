/** Upload a photo or PDF of a certificate: POST /uploads?purpose=growth_evidence with the raw file as the body, through
 * XMLHttpRequest so the bar can show upload progress (fetch cannot). Errors are ApiError like the GraphQL client's. */
import { ApiError } from '../../api/client';

export type UploadedFile = { id: string; url: string; thumbnailUrl: string | null; contentType: string; width: number | null; height: number | null };
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

type ErrorBody = { error?: { code?: string; message?: string }; errors?: { message?: string; extensions?: { code?: string } }[] };

export function uploadEvidence(file: File, onProgress: (loaded: number, total: number) => void): { done: Promise<UploadedFile>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', '/uploads?purpose=growth_evidence');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    // The original name, for display only; percent-encoded so any script survives a header.
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError('network', 'network error'));
    xhr.onabort = () => reject(new ApiError('network', 'aborted'));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status === 201 || xhr.status === 200) {
        const f = body as Partial<UploadedFile> | null;
        if (f && typeof f.id === 'string') {
          resolve({ id: f.id, url: f.url ?? '', thumbnailUrl: f.thumbnailUrl ?? null, contentType: f.contentType ?? file.type, width: f.width ?? null, height: f.height ?? null });
          return;
        }
      }
      const err = body as ErrorBody | null;
      const code = err?.error?.code ?? err?.errors?.[0]?.extensions?.code ?? (xhr.status === 413 ? 'LIMIT_EXCEEDED' : xhr.status === 401 ? 'UNAUTHENTICATED' : xhr.status >= 500 ? 'INTERNAL' : 'VALIDATION');
      const message = err?.error?.message ?? err?.errors?.[0]?.message ?? `HTTP ${xhr.status}`;
      reject(new ApiError(xhr.status === 401 ? 'unauthenticated' : xhr.status >= 500 ? 'server' : 'graphql', message, code));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
