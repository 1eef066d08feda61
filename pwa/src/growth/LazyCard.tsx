/** Home's "next step" card, fetched as its own chunk after Home renders. Home shows it last, so that it appearing (or
 * staying away for people without a track) moves nothing else. Kept tiny: this file is part of the first load. */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

let loaded: ComponentType<{ zone: string }> | null = null;

export function GrowthHomeCard({ zone }: { zone: string }): JSX.Element | null {
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
  return Card ? <Card zone={zone} /> : null;
}
