/** What a scanned QR code means at the kiosk: a Seen badge ("seen-badge:v1:<employee id>:<mac>") or nothing.
 * Only the shape is checked here; the server verifies the mac. */
const BADGE = /^seen-badge:v1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]{16,64}$/i;

export function badgeFrom(text: string): string | null {
  const raw = text.trim();
  return BADGE.test(raw) ? raw : null;
}
