/** HR: punches whose PIN no one has, grouped by PIN; picking the person maps the PIN and moves its punches. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import { AttendanceUnmatchedDocument, ResolveUnmatchedPunchesDocument } from '../../gql/graphql';
import { t } from '../../i18n';
import { formatInstant } from '../../lib/dates';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Status } from '../../ui/kit';
import { PersonSearch } from './PersonSearch';

export function Unmatched({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(AttendanceUnmatchedDocument, {});
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const zone = orgZone(session);
  const groups = new Map<string, { pin: string; count: number; last: string; device: string }>();
  for (const p of data?.unmatchedPunches ?? []) {
    if (done.includes(p.employeePin)) continue;
    const g = groups.get(p.employeePin) ?? { pin: p.employeePin, count: 0, last: p.occurredAt, device: p.deviceSn };
    g.count += 1;
    if (p.occurredAt > g.last) g.last = p.occurredAt;
    groups.set(p.employeePin, g);
  }

  async function resolve(pin: string, person: { id: string; name: string }): Promise<void> {
    setStatus(null);
    try {
      const r = (await gql(ResolveUnmatchedPunchesDocument, { pin, employeeId: person.id })).resolveUnmatchedPunches;
      if (r.__typename === 'UserError') {
        setStatus({ text: userErrorText(r), tone: 'error' });
        return;
      }
      if (r.errors.length) {
        setStatus({ text: r.errors.map((e) => e.message).join(' '), tone: 'error' });
        return;
      }
      setDone((d) => [...d, pin]);
      setStatus({ text: t('att.hr.resolved', { pin, name: person.name, count: r.rematched }), tone: 'ok' });
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  return (
    <>
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={3} />
      ) : groups.size === 0 ? (
        <p class="muted">{t('att.hr.noUnmatched')}</p>
      ) : (
        [...groups.values()].map((g) => (
          <Card key={g.pin} title={t('att.hr.pin', { pin: g.pin })} class="att-unmatched">
            <p class="muted">
              {t('att.hr.unmatchedCount', { count: g.count })} · {t('att.device', { device: g.device })} · {formatInstant(g.last, zone)}
            </p>
            <PersonSearch label={t('att.hr.whoseIs', { pin: g.pin })} onPick={(p) => void resolve(g.pin, p)} />
          </Card>
        ))
      )}
    </>
  );
}
