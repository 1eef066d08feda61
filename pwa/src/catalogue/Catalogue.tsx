/** HR (rewards:manage): the reward catalogue including retired items; create and edit, switch on and off,
 * adjust stock, upload voucher codes, publish CEO meeting times; the conversion rules below. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import type { CatalogueItemFragment } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { givesText, itemName, kindLabel, pointsText } from '../rewards/labels';
import { orgZone, type Session } from '../shell/session';
import { Icon } from '../ui/icons';
import { ErrorNote, Loading, Page, Status, Toggle } from '../ui/kit';
import { ConversionRules } from './ConversionRules';
import { ItemEditor } from './ItemEditor';
import { SlotsForm } from './SlotsForm';
import { StockAdjust } from './StockAdjust';
import { VoucherUpload } from './VoucherUpload';
import { RewardCatalogueDocument, SetRewardActiveDocument } from '../gql/graphql';

type Panel = { what: 'new' } | { what: 'edit' | 'stock' | 'codes' | 'slots'; id: string };

export function Catalogue({ session }: { session: Session }): JSX.Element {
  const { data, error, loading, reload } = useQuery(RewardCatalogueDocument, {});
  const [rows, setRows] = useState<CatalogueItemFragment[]>([]);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const returnTo = useRef<string | null>(null);
  const zone = orgZone(session);
  const currency = session.me.organization.currency;

  useEffect(() => setRows(data?.rewards ?? []), [data]);

  function open(next: Panel, from: string): void {
    returnTo.current = from;
    setStatus(null);
    setPanel(next);
  }

  function close(): void {
    setPanel(null);
    const back = returnTo.current;
    setTimeout(() => (back ? document.getElementById(back)?.focus() : undefined), 0);
  }

  function replace(item: CatalogueItemFragment): void {
    setRows((list) => (list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item]));
  }

  function saved(item: CatalogueItemFragment): void {
    replace(item);
    setStatus({ text: t('catalogue.saved', { name: itemName(item) }), tone: 'ok' });
    returnTo.current = `reward-edit-${item.id}`;
    close();
  }

  /** Switch at once (the switch follows the finger); put it back if the server refuses. */
  async function setActive(item: CatalogueItemFragment, active: boolean): Promise<void> {
    setStatus(null);
    replace({ ...item, active });
    const undo = (text: string) => {
      replace(item);
      setStatus({ text, tone: 'error' });
    };
    try {
      const r = (await gql(SetRewardActiveDocument, { id: item.id, active })).setRewardActive;
      if (r.__typename === 'UserError') return undo(userErrorText(r));
      replace(r.item);
      setStatus({ text: active ? t('catalogue.nowActive', { name: itemName(item) }) : t('catalogue.nowInactive', { name: itemName(item) }), tone: 'ok' });
    } catch (err) {
      undo(errorText(err));
    }
  }

  const editing = panel?.what === 'new' ? null : panel ? rows.find((r) => r.id === panel.id) ?? null : null;
  return (
    <Page title={t('catalogue.title')} back="/me">
      {panel?.what === 'new' ? (
        <ItemEditor item={null} zone={zone} currency={currency} disabled={session.offline} onSaved={saved} onClose={close} />
      ) : (
        <button type="button" id="reward-new" class="btn btn-primary btn-block new-reward" onClick={() => open({ what: 'new' }, 'reward-new')} disabled={session.offline}>
          <Icon name="plus" size={20} /> {t('catalogue.new')}
        </button>
      )}
      <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={6} />
      ) : rows.length === 0 ? (
        <p class="muted">{t('catalogue.empty')}</p>
      ) : (
        <ul class="catalogue-list">
          {rows.map((item) => {
            const name = itemName(item);
            const mine = panel && panel.what !== 'new' && panel.id === item.id ? panel.what : null;
            const stockText = item.stock === null ? t('catalogue.unlimited') : t('rewards.stockLeft', { count: item.stock });
            return (
              <li key={item.id} class={`card catalogue-item${item.active ? '' : ' is-inactive'}`}>
                <div class="catalogue-head">
                  <div class="reward-text">
                    <span class="reward-name">
                      {name} {item.active ? null : <span class="tag tag-disabled">{t('catalogue.retired')}</span>}
                    </span>
                    <span class="muted">
                      {kindLabel(item.kind)} · {givesText(item, currency)}
                    </span>
                    <span class="reward-meta">
                      <span class="cost">{pointsText(item.costPoints)}</span>
                      <span class="muted">{stockText}</span>
                    </span>
                  </div>
                  <Toggle
                    label={t('catalogue.offered')}
                    ariaLabel={t('catalogue.offeredFor', { name })}
                    checked={item.active}
                    disabled={session.offline}
                    onChange={(on) => void setActive(item, on)}
                  />
                </div>
                {mine === 'edit' && editing ? (
                  <ItemEditor item={editing} zone={zone} currency={currency} disabled={session.offline} onSaved={saved} onClose={close} />
                ) : mine === 'stock' ? (
                  <StockAdjust
                    item={item}
                    disabled={session.offline}
                    onDone={(updated) => {
                      replace(updated);
                      setStatus({ text: t('catalogue.stockNow', { name, count: updated.stock ?? 0 }), tone: 'ok' });
                      close();
                    }}
                    onClose={close}
                  />
                ) : mine === 'codes' ? (
                  <VoucherUpload item={item} disabled={session.offline} onUploaded={(stock) => replace({ ...item, stock })} onClose={close} />
                ) : mine === 'slots' ? (
                  <SlotsForm item={item} zone={zone} disabled={session.offline} onPublished={reload} onClose={close} />
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      id={`reward-edit-${item.id}`}
                      class="btn btn-small btn-secondary edit-reward"
                      aria-label={t('catalogue.editLabel', { name })}
                      onClick={() => open({ what: 'edit', id: item.id }, `reward-edit-${item.id}`)}
                      disabled={session.offline || panel !== null}
                    >
                      {t('catalogue.edit')}
                    </button>
                    {item.kind === 'VOUCHER' ? (
                      <button
                        type="button"
                        id={`reward-codes-${item.id}`}
                        class="btn btn-small btn-secondary upload-codes"
                        aria-label={t('catalogue.codesLabel', { name })}
                        onClick={() => open({ what: 'codes', id: item.id }, `reward-codes-${item.id}`)}
                        disabled={session.offline || panel !== null}
                      >
                        {t('catalogue.codes')}
                      </button>
                    ) : item.kind === 'CEO_MEETING' ? (
                      <button
                        type="button"
                        id={`reward-slots-${item.id}`}
                        class="btn btn-small btn-secondary publish-slots"
                        aria-label={t('catalogue.slotsLabel', { name })}
                        onClick={() => open({ what: 'slots', id: item.id }, `reward-slots-${item.id}`)}
                        disabled={session.offline || panel !== null}
                      >
                        {t('catalogue.slots')}
                      </button>
                    ) : item.stock !== null ? (
                      <button
                        type="button"
                        id={`reward-stock-${item.id}`}
                        class="btn btn-small btn-secondary adjust-stock"
                        aria-label={t('catalogue.stockLabel', { name })}
                        onClick={() => open({ what: 'stock', id: item.id }, `reward-stock-${item.id}`)}
                        disabled={session.offline || panel !== null}
                      >
                        {t('catalogue.adjustStock')}
                      </button>
                    ) : null}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConversionRules currency={currency} disabled={session.offline} />
    </Page>
  );
}
