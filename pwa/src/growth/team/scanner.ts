/** Read a QR code from the camera: the browser's BarcodeDetector where it reads QR codes, otherwise jsQR on video
 * frames (its own chunk, fetched only then). Returns a stop function; `onCode` is called once, then scanning stops. */

type Detected = { rawValue: string };
type Detector = { detect(source: CanvasImageSource): Promise<Detected[]> };
type DetectorClass = { new (opts: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> };

const FRAME_MS = 250;

async function nativeDetector(): Promise<Detector | null> {
  const Cls = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Cls) return null;
  try {
    const formats = await Cls.getSupportedFormats();
    return formats.includes('qr_code') ? new Cls({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

async function fallbackDetector(): Promise<Detector> {
  const jsQR = (await import('jsqr')).default;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return {
    detect(source) {
      const video = source as HTMLVideoElement;
      const w = video.videoWidth;
      const h = video.videoHeight;
      if (!ctx || !w || !h) return Promise.resolve([]);
      // Scale large frames down: jsQR's time grows with the pixel count and a QR code on a phone screen is large.
      const scale = Math.min(1, 640 / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      return Promise.resolve(found ? [{ rawValue: found.data }] : []);
    },
  };
}

export async function startScan(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  let stopped = false;
  let timer = 0;
  const stop = () => {
    stopped = true;
    window.clearTimeout(timer);
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    video.setAttribute('playsinline', 'true');
    await video.play();
    const detector = (await nativeDetector()) ?? (await fallbackDetector());
    const tick = async (): Promise<void> => {
      if (stopped) return;
      try {
        const found = video.readyState >= 2 ? await detector.detect(video) : [];
        const text = found[0]?.rawValue;
        if (text && !stopped) {
          stop();
          onCode(text);
          return;
        }
      } catch {
        /* a frame that cannot be read (not decoded yet): try the next one */
      }
      if (!stopped) timer = window.setTimeout(() => void tick(), FRAME_MS);
    };
    void tick();
  } catch (err) {
    stop();
    throw err;
  }
  return stop;
}

/** The confirmation code in what was scanned or typed: a link's ?code=, or the text itself (spaces and dashes dropped). */
export function codeFrom(text: string): string {
  const raw = text.trim();
  try {
    const url = new URL(raw);
    const code = url.searchParams.get('code');
    if (code) return normalise(code);
  } catch {
    /* not a link: the code itself */
  }
  return normalise(raw);
}

function normalise(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase().slice(0, 16);
}
