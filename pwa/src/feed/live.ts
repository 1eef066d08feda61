/** Live feed changes: an EventSource on /live/feed (the session cookie signs it in) sends {type, postId}; while it
 * is down (an error, a server without it) the feed polls its first page every 30 s instead, and stops polling as
 * soon as the stream is open again. */
export type LiveChange = { type: 'post_created' | 'post_changed' | 'resync'; postId: string | null };

export const POLL_MS = 30_000;

export function watchFeed(onChange: (c: LiveChange) => void, poll: () => void): () => void {
  let timer = 0;
  let source: EventSource | null = null;
  let closed = false;
  const startPolling = () => {
    if (!timer && !closed) timer = window.setInterval(poll, POLL_MS);
  };
  const stopPolling = () => {
    window.clearInterval(timer);
    timer = 0;
  };
  if (typeof EventSource === 'undefined') {
    startPolling();
  } else {
    source = new EventSource('/live/feed');
    source.onopen = stopPolling;
    source.onmessage = (e: MessageEvent<string>) => {
      try {
        const data = JSON.parse(e.data) as Partial<LiveChange>;
        if (data.type === 'post_created' || data.type === 'post_changed' || data.type === 'resync') {
          onChange({ type: data.type, postId: typeof data.postId === 'string' ? data.postId : null });
        }
      } catch {
        /* a keep-alive or a line we do not know */
      }
    };
    // The browser retries by itself while CONNECTING; a CLOSED stream (a 4xx/5xx answer) is not retried.
    source.onerror = () => {
      startPolling();
      if (source?.readyState === EventSource.CLOSED) source = null;
    };
  }
  return () => {
    closed = true;
    stopPolling();
    source?.close();
  };
}
