/** The appeal form for the cycle on screen (while its window is open) and every appeal the person has filed. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { PerfAppealFragment } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { Card, ErrorNote, Loading, Status } from '../../ui/kit';
import { AppealCard } from '../appeals/AppealCard';
import { AppealForm } from '../appeals/AppealForm';
import { MyAppealsDocument, WithdrawAppealDocument } from '../../gql/graphql';

type Dim = { code: string; nameEn: string; nameZh: string };

export function MyAppeals(props: { session: Session; cycleId: string; appealOpen: boolean; hasScore: boolean; dimensions: Dim[] }): JSX.Element {
  const { data, error, loading, reload } = useQuery(MyAppealsDocument, {});
  const [filed, setFiled] = useState<PerfAppealFragment[]>([]);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const zone = orgZone(props.session);
  const names = new Map(props.dimensions.map((d) => [d.code, localized(d.nameEn, d.nameZh)]));
  const fromServer = data?.myAppeals ?? [];
  const known = new Set(fromServer.map((a) => a.id));
  const [changed, setChanged] = useState<Record<string, PerfAppealFragment>>({});
  const appeals = [...filed.filter((a) => !known.has(a.id)), ...fromServer].map((a) => changed[a.id] ?? a);

  async function withdraw(appeal: PerfAppealFragment): Promise<void> {
    setStatus(null);
    try {
      const r = (await gql(WithdrawAppealDocument, { id: appeal.id })).withdrawAppeal;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setChanged((m) => ({ ...m, [r.appeal.id]: r.appeal }));
        setStatus({ text: t('perf.appeal.withdrawn'), tone: 'ok' });
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  return (
    <>
      <Card title={t('perf.appeal.title')}>
        {props.appealOpen ? (
          <AppealForm
            cycleId={props.cycleId}
            dimensions={props.dimensions.map((d) => ({ code: d.code, name: localized(d.nameEn, d.nameZh) }))}
            disabled={props.session.offline}
            onFiled={(a) => setFiled((list) => [a, ...list])}
          />
        ) : (
          <p class="muted">{props.hasScore ? t('perf.appeal.windowClosed') : t('perf.appeal.noScore')}</p>
        )}
      </Card>
      <section aria-labelledby="my-appeals">
        <h2 id="my-appeals" class="section-title">
          {t('perf.appeal.mine')}
        </h2>
        <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
        {error ? (
          <ErrorNote error={error} onRetry={reload} />
        ) : loading && !data ? (
          <Loading lines={2} />
        ) : appeals.length === 0 ? (
          <p class="muted">{t('perf.appeal.none')}</p>
        ) : (
          <ul class="perf-list my-appeals">
            {appeals.map((a) => (
              <AppealCard key={a.id} appeal={a} zone={zone} dimensionName={a.dimensionCode ? names.get(a.dimensionCode) : null}>
                {a.status === 'OPEN' ? (
                  <div class="actions">
                    <button type="button" class="btn btn-secondary btn-small withdraw-appeal" onClick={() => void withdraw(a)} disabled={props.session.offline}>
                      {t('perf.appeal.withdraw')}
                    </button>
                  </div>
                ) : null}
              </AppealCard>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
