/** Home's performance card, fetched as its own chunk (it brings the performance styles); until then an empty card of
 * the same height holds its place. Kept tiny: this file is part of the first load. */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

let loaded: ComponentType | null = null;
/** The rendered card's height at 360–640 px wide (title, a 100 px body, the link), measured in Chromium. */
const SLOT_HEIGHT = 225.5;

export function PerformanceHomeCard(): JSX.Element {
  const [, setReady] = useState(0);
  useEffect(() => {
    if (loaded) return;
    import('./HomeCard').then(
      (m) => {
        loaded = m.HomeCard;
        setReady((n) => n + 1);
      },
      () => undefined,
    );
  }, []);
  const Card = loaded;
  return Card ? <Card /> : <section class="card" style={{ minHeight: `${SLOT_HEIGHT}px` }} aria-hidden="true" />;
}
