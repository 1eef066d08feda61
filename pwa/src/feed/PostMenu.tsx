/** The "⋯" menu of a post: edit (within the window), delete (author), report (others), hide/restore and
 * pin-and-reward (moderators). */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { DeletePostDocument, ModerateDocument, ReportContentDocument } from '../gql/graphql';
import { t } from '../i18n';
import { lazyScreen } from '../lib/lazy';
import type { Session } from '../shell/session';
import { ReasonDialog } from './ReasonDialog';
import type { FeedItem } from './useFeed';

// HR only: its own chunk.
const PinReward = lazyScreen(() => import('./PinReward').then((m) => m.PinReward));

type Open = 'report' | 'hide' | 'pin' | null;

export function PostMenu(props: { session: Session; post: FeedItem; editable: boolean; onEdit: () => void; onPatch: (fn: (p: FeedItem) => FeedItem) => void; onRemoved: () => void }): JSX.Element | null {
  const { session, post } = props;
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState<string | null>(null);
  const details = useRef<HTMLDetailsElement>(null);
  const me = session.me.employee;
  const mine = !!me && post.author?.id === me.id;
  const canReport = !!me && !mine;
  if (session.offline || (!props.editable && !post.canDelete && !canReport && !post.canModerate)) return null;

  const choose = (what: () => void) => () => {
    if (details.current) details.current.open = false;
    what();
  };

  async function remove(): Promise<void> {
    if (!window.confirm(t('feed.confirmDelete'))) return;
    try {
      const r = (await gql(DeletePostDocument, { id: post.id })).deletePost;
      if (r.__typename === 'UserError') setNote(userErrorText(r));
      else props.onRemoved();
    } catch (err) {
      setNote(errorText(err));
    }
  }

  async function report(reason: string): Promise<string | null> {
    try {
      const r = (await gql(ReportContentDocument, { postId: post.id, commentId: null, reason })).reportContent;
      if (r.__typename === 'UserError') return userErrorText(r);
      setNote(t('feed.report.done'));
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  async function moderate(hide: boolean, reason: string): Promise<string | null> {
    try {
      const r = (await gql(ModerateDocument, { postId: post.id, commentId: null, hide, reason })).moderate;
      if (r.__typename === 'UserError') return userErrorText(r);
      const changed = r.post;
      props.onPatch((p) => ({ ...p, ...changed }));
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  return (
    <div class="post-menu-wrap">
      <details class="post-menu" ref={details}>
        <summary aria-label={t('feed.menu')}>⋯</summary>
        <ul role="menu">
          {props.editable ? (
            <li role="none">
              <button type="button" role="menuitem" class="edit-post-btn" onClick={choose(props.onEdit)}>
                {t('feed.edit')}
              </button>
            </li>
          ) : null}
          {post.canDelete ? (
            <li role="none">
              <button type="button" role="menuitem" class="delete-post" onClick={choose(() => void remove())}>
                {t('feed.delete')}
              </button>
            </li>
          ) : null}
          {canReport ? (
            <li role="none">
              <button type="button" role="menuitem" class="report-post" onClick={choose(() => setOpen('report'))}>
                {t('feed.report')}
              </button>
            </li>
          ) : null}
          {post.canModerate ? (
            <>
              <li role="none">
                <button type="button" role="menuitem" class="pin-post" onClick={choose(() => setOpen('pin'))}>
                  {post.pinned ? t('feed.pin.manage') : t('feed.pin.open')}
                </button>
              </li>
              <li role="none">
                {post.status === 'HIDDEN' ? (
                  <button type="button" role="menuitem" class="restore-post" onClick={choose(() => void moderate(false, '').then((e) => e && setNote(e)))}>
                    {t('moderation.restore')}
                  </button>
                ) : (
                  <button type="button" role="menuitem" class="hide-post" onClick={choose(() => setOpen('hide'))}>
                    {t('moderation.hide')}
                  </button>
                )}
              </li>
            </>
          ) : null}
        </ul>
      </details>
      {note ? (
        <p class="status status-ok menu-note" role="status">
          {note}
        </p>
      ) : null}
      {open === 'report' ? (
        <ReasonDialog className="report-dialog" title={t('feed.report.title')} label={t('feed.report.reason')} submit={t('feed.report.send')} onSubmit={report} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'hide' ? (
        <ReasonDialog className="hide-dialog" title={t('moderation.hideTitle')} label={t('moderation.reason')} submit={t('moderation.hide')} onSubmit={(r) => moderate(true, r)} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'pin' ? <PinReward post={post} onPatch={props.onPatch} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
