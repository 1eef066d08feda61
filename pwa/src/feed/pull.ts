/** Pull-to-refresh on touch screens: dragging down from the top of the page past a threshold and letting go
 * refreshes. Only when the page is scrolled to the top, so ordinary scrolling is untouched. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';

const THRESHOLD = 70;
const MAX = 110;

export function usePullToRefresh(target: RefObject<HTMLElement | null>, refresh: () => Promise<void>): { offset: number; armed: boolean } {
  const [offset, setOffset] = useState(0);
  const start = useRef<number | null>(null);
  const current = useRef(0);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const down = (e: TouchEvent) => {
      start.current = window.scrollY <= 0 && e.touches.length === 1 ? e.touches[0]?.clientY ?? null : null;
    };
    const move = (e: TouchEvent) => {
      if (start.current === null) return;
      const dy = (e.touches[0]?.clientY ?? 0) - start.current;
      if (dy <= 0 || window.scrollY > 0) {
        current.current = 0;
        setOffset(0);
        return;
      }
      // Resistance: the indicator follows the finger at half speed, up to a limit.
      current.current = Math.min(MAX, dy / 2);
      setOffset(current.current);
    };
    const up = () => {
      const pulled = current.current;
      start.current = null;
      current.current = 0;
      setOffset(0);
      if (pulled >= THRESHOLD / 2 + 10) void refreshRef.current();
    };
    el.addEventListener('touchstart', down, { passive: true });
    el.addEventListener('touchmove', move, { passive: true });
    el.addEventListener('touchend', up);
    el.addEventListener('touchcancel', up);
    return () => {
      el.removeEventListener('touchstart', down);
      el.removeEventListener('touchmove', move);
      el.removeEventListener('touchend', up);
      el.removeEventListener('touchcancel', up);
    };
  }, [target]);

  return { offset, armed: offset >= THRESHOLD / 2 + 10 };
}
