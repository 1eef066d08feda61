/** The only network layer: a typed GraphQL POST and the REST auth calls. No GraphQL runtime shipped. */
import type { TypedDocumentString } from '../gql/graphql';

export type ApiErrorKind = 'unauthenticated' | 'network' | 'server' | 'graphql' | 'auth';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly code: string | null = null,
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let onUnauthenticated: () => void = () => undefined;

/** App registers what to do when the session is gone (show the login screen). */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

type GraphQLResponse<T> = {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

async function post(url: string, body: unknown): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError('network', err instanceof Error ? err.message : 'network error');
  }
}

async function readJson(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await res.json();
  } catch {
    return null;
  }
}

function operationName(query: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
}

/** Run a generated document. Throws ApiError; a 401 also triggers the unauthenticated handler. */
export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const query = document.toString();
  const res = await post('/graphql', { query, variables: variables ?? {}, operationName: operationName(query) });
  const body = (await readJson(res)) as GraphQLResponse<TResult> | null;
  const errors = body?.errors ?? [];
  if (res.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    onUnauthenticated();
    throw new ApiError('unauthenticated', errors[0]?.message ?? 'unauthenticated', 'UNAUTHENTICATED');
  }
  if (errors.length > 0) {
    const first = errors[0];
    throw new ApiError('graphql', first?.message ?? 'error', first?.extensions?.code ?? null);
  }
  if (!res.ok || !body?.data) {
    throw new ApiError('server', `HTTP ${res.status}`, res.status >= 500 ? 'INTERNAL' : null);
  }
  return body.data;
}

type RestError = { error?: { code?: string; message?: string; retryAfter?: number } };

async function rest(url: string, body: unknown): Promise<void> {
  const res = await post(url, body);
  if (res.ok) return;
  const payload = (await readJson(res)) as RestError | null;
  const err = payload?.error;
  const header = Number(res.headers.get('retry-after'));
  const retryAfter = err?.retryAfter ?? (Number.isFinite(header) && header > 0 ? header : null);
  throw new ApiError(
    res.status >= 500 ? 'server' : 'auth',
    err?.message ?? `HTTP ${res.status}`,
    err?.code ?? (res.status >= 500 ? 'INTERNAL' : res.status === 429 ? 'RATE_LIMITED' : null),
    retryAfter,
  );
}

export const auth = {
  login: (login: string, password: string) => rest('/auth/login', { login, password }),
  logout: () => rest('/auth/logout', {}),
  kiosk: (code: string) => rest('/auth/kiosk', { code }),
  acceptInvite: (token: string, password: string) => rest('/auth/accept-invite', { token, password }),
};
