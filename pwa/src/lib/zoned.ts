/** Wall-clock times in the organisation's zone ↔ instants with an explicit offset (for date/time pickers). */

function partsIn(instant: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number } {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const p = Object.fromEntries(fmt.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute) };
}

/** Minutes the zone is ahead of UTC at that instant (Asia/Shanghai: 480). */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min);
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/**
 * "2026-12-15" + "09:30" as a wall-clock time in `timeZone` → "2026-12-15T09:30:00+08:00".
 * Null when the date or time is not well formed.
 */
export function zonedIso(date: string, time: string, timeZone: string): string | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})/.exec(time);
  if (!dm || !tm) return null;
  const [y, m, d, h, min] = [dm[1], dm[2], dm[3], tm[1], tm[2]].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone); // second pass settles DST edges
  const sign = offset < 0 ? '-' : '+';
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** An instant as the date and time inputs show it in `timeZone`: ["2026-12-15", "09:30"]. */
export function zonedParts(iso: string, timeZone: string): [string, string] {
  const p = partsIn(new Date(iso).getTime(), timeZone);
  return [`${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`, `${pad(p.h)}:${pad(p.min)}`];
}

/** A time of day only, in the UI language ("12:00" / "下午12:00"), in `timeZone`. */
export function formatTimeOnly(iso: string, timeZone: string, lang: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(iso));
  }
}
