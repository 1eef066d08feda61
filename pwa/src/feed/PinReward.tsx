/** HR's pin-and-reward dialog: pin (or unpin) a post and, once per post, reward its author with points, a badge or a
 * voucher and a note — one action, one mutation (`pinPost`). */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { PinPostDocument, PinRewardChoicesDocument, type PostRewardInput } from '../gql/graphql';
import { localized, t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import { Field, Select, Status, TextArea, Toggle } from '../ui/kit';
import type { FeedItem } from './useFeed';

export function PinReward({ post, onPatch, onClose }: { post: FeedItem; onPatch: (fn: (p: FeedItem) => FeedItem) => void; onClose: () => void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const canReward = !post.reward && !!post.author;
  const choices = useQuery(PinRewardChoicesDocument, {}, { skip: !canReward });
  const [pinned, setPinned] = useState(!post.pinned);
  const [points, setPoints] = useState('');
  const [badge, setBadge] = useState('');
  const [voucher, setVoucher] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field: string | null } | null>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);

  const pts = points.trim() ? Number(points) : 0;
  const rewarding = canReward && (pts > 0 || !!badge || !!voucher);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!Number.isInteger(pts) || pts < 0) return setError({ text: t('feed.pin.badPoints'), field: 'points' });
    setBusy(true);
    setError(null);
    const reward: PostRewardInput | null = rewarding ? { points: pts, badgeCode: badge || null, rewardItemId: voucher || null, note: note.trim() } : null;
    try {
      const r = (await gql(PinPostDocument, { input: { postId: post.id, pinned, reward } })).pinPost;
      if (r.__typename === 'UserError') setError({ text: userErrorText(r), field: r.field ?? null });
      else {
        const changed = r.post;
        onPatch((p) => ({ ...p, ...changed }));
        onClose();
      }
    } catch (err) {
      setError({ text: errorText(err), field: null });
    } finally {
      setBusy(false);
    }
  }

  const badges = (choices.data?.badges ?? []).filter((b) => b.active && b.grantedBy !== 'RULES'); // rule-only badges are the engine's to give
  // Only vouchers that can still be given: active and with a unit (a code) left; null stock is unlimited.
  const vouchers = (choices.data?.rewards ?? []).filter((r) => r.active && (r.stock == null || r.stock > 0));
  return (
    <dialog ref={ref} class="dialog pin-dialog" aria-labelledby="pin-title" onClose={onClose}>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <h2 id="pin-title">{t('feed.pin.title')}</h2>
        <Toggle label={t('feed.pin.pinned')} name="pinned" checked={pinned} onChange={setPinned} hint={t('feed.pin.pinnedHint')} />
        {canReward ? (
          <fieldset class="pin-reward">
            <legend>{t('feed.pin.reward', { name: post.author?.name ?? '' })}</legend>
            <Field label={t('feed.pin.points')} name="points" type="number" inputMode="numeric" min={0} step={1} value={points} onValue={setPoints} error={error?.field === 'points' ? error.text : null} />
            <Select
              label={t('feed.pin.badge')}
              name="badge"
              value={badge}
              onValue={setBadge}
              options={[{ value: '', label: t('feed.pin.none') }, ...badges.map((b) => ({ value: b.code, label: `${b.icon} ${localized(b.nameEn, b.nameZh)}` }))]}
            />
            <Select
              label={t('feed.pin.voucher')}
              name="voucher"
              value={voucher}
              onValue={setVoucher}
              options={[{ value: '', label: t('feed.pin.none') }, ...vouchers.map((v) => ({ value: v.id, label: localized(v.nameEn, v.nameZh) }))]}
            />
            <TextArea label={t('feed.pin.note')} name="note" value={note} onValue={setNote} maxLength={300} rows={2} hint={t('feed.pin.noteHint')} />
          </fieldset>
        ) : post.reward ? (
          <p class="muted">{t('feed.pin.alreadyRewarded')}</p>
        ) : null}
        <Status text={error && error.field !== 'points' ? error.text : null} tone="error" />
        <div class="actions">
          <button type="submit" class="btn btn-primary submit-pin" disabled={busy || (pinned === post.pinned && !rewarding)} aria-busy={busy}>
            {rewarding ? t('feed.pin.submitReward') : t('feed.pin.submit')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={onClose}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
