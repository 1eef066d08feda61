/** `?highlight=<id>` (links from notifications): bring that item into view and move focus to it once it is rendered. */
import { useEffect } from 'preact/hooks';

export function useHighlight(elementId: string | null, ready: boolean): void {
  useEffect(() => {
    if (!elementId || !ready) return;
    const el = document.getElementById(elementId);
    if (!el) return;
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    el.focus({ preventScroll: true });
  }, [elementId, ready]);
}
