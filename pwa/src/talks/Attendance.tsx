/** Manual attendance for the speaker, creator and HR: who is marked present so far (the door QR check-ins and
 * earlier marks), the sign-up list to tick people off, and finding people by name for walk-ins. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { MentionSearchDocument, RecordTalkAttendanceDocument } from '../gql/graphql';
import { t } from '../i18n';
import { useDebounced } from '../lib/useQuery';
import { Card, Status } from '../ui/kit';
import { gql, talkAction, type Talk } from './labels';

type Person = { id: string; name: string };

export function Attendance({ talk, onChanged }: { talk: Talk; onChanged: (t: Talk) => void }): JSX.Element {
  const [extra, setExtra] = useState<Person[]>([]);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const search = useDebounced(q.trim(), 250);

  useEffect(() => {
    if (!search) return setFound([]);
    let live = true;
    gql(MentionSearchDocument, { search }).then(
      (r) => live && setFound(r.employees.edges.map((e) => e.node)),
      () => live && setFound([]),
    );
    return () => {
      live = false;
    };
  }, [search]);

  const present = talk.attendees ?? [];
  // To tick off: who signed up, then walk-ins found by name; each once, and nobody already present.
  const listed = new Set(present.map((a) => a.id));
  const pending: Person[] = [];
  for (const p of [...(talk.signups ?? []), ...extra]) {
    if (listed.has(p.id)) continue;
    listed.add(p.id);
    pending.push(p);
  }
  const flip = (id: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function record(): Promise<void> {
    setBusy(true);
    setStatus(null);
    const r = await talkAction(async () => (await gql(RecordTalkAttendanceDocument, { talkId: talk.id, employeeIds: [...ticked] })).recordTalkAttendance);
    setBusy(false);
    if ('error' in r) setStatus({ text: r.error, tone: 'error' });
    else {
      onChanged(r.talk);
      setTicked(new Set());
      setExtra([]);
      setStatus({ text: t('talks.attendance.saved', { count: ticked.size }), tone: 'ok' });
    }
  }

  return (
    <Card title={t('talks.attendance.title')} class="attendance">
      <p class="muted">{t('talks.attendance.present', { count: present.length })}</p>
      {present.length ? (
        <ul class="attendee-list present">
          {present.map((p) => (
            <li key={p.id}>✓ {p.name}</li>
          ))}
        </ul>
      ) : null}
      {pending.length ? (
        <ul class="attendee-list pending">
          {pending.map((p) => (
            <li key={p.id}>
              <label class="check">
                <input type="checkbox" name="attended" value={p.id} checked={ticked.has(p.id)} onChange={(e) => flip(p.id, e.currentTarget.checked)} />
                {p.name}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="field">
        <label for="attendee-search">{t('talks.attendance.add')}</label>
        <input id="attendee-search" type="search" autocomplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      {found.length ? (
        <ul class="attendee-found">
          {found.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                class="link-btn"
                onClick={() => {
                  setExtra((list) => (list.some((x) => x.id === p.id) ? list : [...list, { id: p.id, name: p.name }]));
                  flip(p.id, true);
                  setQ('');
                }}
              >
                + {p.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" class="btn btn-secondary btn-small record-attendance" disabled={busy || ticked.size === 0} aria-busy={busy} onClick={() => void record()}>
        {t('talks.attendance.record', { count: ticked.size })}
      </button>
      <Status text={status?.text ?? null} tone={status?.tone} />
    </Card>
  );
}
