/** Confirmation inbox (/growth/inbox): claims the viewer may confirm, oldest first, each with Confirm and Reject
 * (with a reason); decided ones stay in the list with their new status until the screen is left. */
import '../growth.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { useQuery } from '../../lib/useQuery';
import { orgZone, type Session } from '../../shell/session';
import { ErrorNote, Loading, Page } from '../../ui/kit';
import { Icon } from '../../ui/icons';
import { RecordActions } from '../records/RecordActions';
import { RecordCard, type RecordItem } from '../records/RecordCard';
import { ConfirmationInboxDocument } from '../../gql/graphql';

export function Inbox({ session }: { session: Session }): JSX.Element {
  const { data, error, reload } = useQuery(ConfirmationInboxDocument, {}, { skip: session.offline });
  const [changed, setChanged] = useState<Record<string, RecordItem>>({});
  const zone = orgZone(session);
  const rows = (data?.confirmationInbox ?? []).map((r) => changed[r.id] ?? r);
  let body: JSX.Element;
  if (session.offline) body = <p class="muted">{t('growth.needsConnection')}</p>;
  else if (error) body = <ErrorNote error={error} onRetry={reload} />;
  else if (!data) body = <Loading lines={6} />;
  else if (rows.length === 0) body = <p class="muted inbox-empty">{t('growth.inbox.none')}</p>;
  else
    body = (
      <ul class="record-list confirmation-inbox">
        {rows.map((r) => (
          <li key={r.id}>
            <RecordCard record={r} zone={zone} showEmployee>
              <RecordActions record={r} onChanged={(n) => setChanged((c) => ({ ...c, [n.id]: n }))} />
            </RecordCard>
          </li>
        ))}
      </ul>
    );
  return (
    <Page title={t('growth.inbox.title')} back="/growth">
      <a class="btn btn-secondary btn-block to-scan" href="/growth/scan">
        <Icon name="check" size={20} /> {t('growth.scan.title')}
      </a>
      {body}
    </Page>
  );
}
