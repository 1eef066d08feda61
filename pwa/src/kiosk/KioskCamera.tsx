/** The kiosk's viewfinder: the shared scanner (growth/team/scanner: BarcodeDetector, else jsQR) read continuously;
 * after each read it pauses until `paused` turns false again (the confirmation is showing). Texts that are not a
 * Seen badge are ignored and scanning goes on. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { startScan } from '../growth/team/scanner';
import { t } from '../i18n';
import { badgeFrom } from './badge';

export function KioskCamera(props: { paused: boolean; onBadge: (token: string) => void }): JSX.Element | null {
  const video = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const [wanted, setWanted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onBadge = useRef(props.onBadge);
  onBadge.current = props.onBadge;
  const supported = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => {
    if (!wanted || props.paused || !video.current) return;
    let cancelled = false;
    const scan = (): void => {
      if (!video.current) return;
      startScan(video.current, (text) => {
        stopRef.current = null;
        const token = badgeFrom(text);
        if (token) onBadge.current(token);
        else if (!cancelled) window.setTimeout(scan, 600); // someone else's QR code: keep looking
      }).then(
        (stop) => {
          if (cancelled) stop();
          else stopRef.current = stop;
        },
        (err: unknown) => {
          setWanted(false);
          setError(err instanceof DOMException && err.name === 'NotAllowedError' ? t('growth.scan.denied') : t('growth.scan.noCamera'));
        },
      );
    };
    scan();
    return () => {
      cancelled = true;
      stopRef.current?.();
      stopRef.current = null;
    };
  }, [wanted, props.paused]);

  if (!supported) return <p class="muted kiosk-no-camera">{t('kiosk.noCamera')}</p>;
  return (
    <div class="kiosk-camera">
      <div class={`camera-box${wanted && !props.paused ? ' is-on' : ''}`}>
        <video ref={video} muted playsInline aria-label={t('growth.scan.viewfinder')} />
      </div>
      {wanted ? null : (
        <button type="button" class="btn btn-primary btn-block start-camera" onClick={() => { setError(null); setWanted(true); }}>
          {t('kiosk.startCamera')}
        </button>
      )}
      {error ? <p class="form-error" role="alert">{error}</p> : null}
    </div>
  );
}
