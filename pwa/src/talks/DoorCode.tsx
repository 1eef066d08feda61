/** The door QR code: a link to check-in carrying the talk's door code (a phone camera opens it straight in Seen;
 * the in-app scanner reads the code from it), and the code as text to type. */
import type { JSX } from 'preact';
import { QrCode } from '../growth/records/QrCode';
import { t } from '../i18n';
import { Card } from '../ui/kit';

export function checkInUrl(code: string): string {
  return `${location.origin}/community/talks/check-in?code=${encodeURIComponent(code)}`;
}

export function DoorCode({ code }: { code: string }): JSX.Element {
  return (
    <Card title={t('talks.door.title')} class="door-card">
      <div class="qr-box">
        <QrCode value={checkInUrl(code)} label={t('talks.door.qr', { code })} />
      </div>
      <p class="door-code mono">{code}</p>
      <p class="hint">{t('talks.door.hint')}</p>
    </Card>
  );
}
