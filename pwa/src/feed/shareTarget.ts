/** The web share target (manifest `share_target`, POST multipart to /share-target): the service worker keeps what
 * was shared in a cache of its own and redirects (303) to the composer, which takes it out once and uploads the
 * photos. Used by both the worker (storeShared) and the page (takeShared); only Cache/Response/File, no DOM. */
export const SHARE_PATH = '/share-target';
export const COMPOSER_URL = '/community/feed/new?shared=1';
const CACHE = 'seen-share-target';
const META = '/share-target/meta';
const MAX_FILES = 9;

type Meta = { text: string; count: number };

const fileUrl = (i: number) => `/share-target/file/${i}`;

export async function storeShared(form: FormData): Promise<void> {
  await caches.delete(CACHE); // a new share replaces whatever an earlier one left behind
  const cache = await caches.open(CACHE);
  const files = form
    .getAll('photos')
    .filter((f): f is File => typeof f !== 'string' && f.size > 0)
    .slice(0, MAX_FILES);
  await Promise.all(
    files.map((f, i) =>
      cache.put(fileUrl(i), new Response(f, { headers: { 'Content-Type': f.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(f.name || `photo-${i + 1}`) } })),
    ),
  );
  const text = ['title', 'text', 'url']
    .map((k) => form.get(k))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .join('\n');
  const meta: Meta = { text, count: files.length };
  await cache.put(META, new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }));
}

/** What was shared, once (the cache is emptied); null when nothing is waiting. */
export async function takeShared(): Promise<{ text: string; files: File[] } | null> {
  if (typeof caches === 'undefined' || !(await caches.has(CACHE))) return null;
  const cache = await caches.open(CACHE);
  const metaRes = await cache.match(META);
  if (!metaRes) return null;
  const meta = (await metaRes.json()) as Meta;
  const files: File[] = [];
  for (let i = 0; i < meta.count; i++) {
    const res = await cache.match(fileUrl(i));
    if (!res) continue;
    const blob = await res.blob();
    const name = decodeURIComponent(res.headers.get('X-File-Name') ?? `photo-${i + 1}`);
    files.push(new File([blob], name, { type: blob.type || res.headers.get('Content-Type') || '' }));
  }
  await caches.delete(CACHE);
  return { text: meta.text, files };
}
