/** A GraphQL POST through XMLHttpRequest so a large body (a base64 spreadsheet) can report upload progress;
 * fetch cannot. Errors are the same ApiError kinds api/client.ts throws. Also: read a file with progress. */
import { ApiError } from '../../api/client';
import type { TypedDocumentString } from '../../gql/graphql';

export type Progress = (loaded: number, total: number) => void;

export function gqlWithProgress<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, onUpload: Progress): Promise<TResult> {
  const query = document.toString();
  const operationName = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/graphql');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => onUpload(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onerror = () => reject(new ApiError('network', 'network error'));
    xhr.onload = () => {
      const body = parse<TResult>(xhr.responseText);
      const first = body?.errors?.[0];
      if (xhr.status === 401 || first?.extensions?.code === 'UNAUTHENTICATED') reject(new ApiError('unauthenticated', first?.message ?? 'unauthenticated', 'UNAUTHENTICATED'));
      else if (first) reject(new ApiError('graphql', first.message, first.extensions?.code ?? null));
      else if (xhr.status !== 200 || !body?.data) reject(new ApiError('server', `HTTP ${xhr.status}`, xhr.status >= 500 ? 'INTERNAL' : xhr.status === 413 ? 'LIMIT_EXCEEDED' : null));
      else resolve(body.data);
    };
    xhr.send(JSON.stringify({ query, variables, operationName }));
  });
}

type Body<T> = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };

function parse<T>(text: string): Body<T> | null {
  try {
    return JSON.parse(text) as Body<T>;
  } catch {
    return null;
  }
}

/** The file as base64 (no data: prefix), reporting how much has been read. */
export function readBase64(file: File, onRead: Progress): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onRead(e.loaded, e.lengthComputable ? e.total : file.size);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      onRead(file.size, file.size);
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
