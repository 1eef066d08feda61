/** A QR code drawn as one SVG path (uqr encodes; no canvas, crisp at any size). The code's text is its accessible name. */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { encode } from 'uqr';

export function QrCode(props: { value: string; label: string; size?: number }): JSX.Element {
  const { path, n } = useMemo(() => {
    const qr = encode(props.value, { ecc: 'M', border: 2 });
    let d = '';
    qr.data.forEach((row, y) => row.forEach((dark, x) => (d += dark ? `M${x} ${y}h1v1h-1z` : '')));
    return { path: d, n: qr.size };
  }, [props.value]);
  const size = props.size ?? 232;
  return (
    <svg class="qr" role="img" aria-label={props.label} width={size} height={size} viewBox={`0 0 ${n} ${n}`} shape-rendering="crispEdges">
      <rect width={n} height={n} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
