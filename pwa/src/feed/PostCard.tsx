/** One post: author and time (this device's zone), category, pin mark and reward line, text with @mentions, photos,
 * a poll or a talk, reactions, and the comment thread on demand; its menu edits, deletes, reports or moderates. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { EditPostDocument } from '../gql/graphql';
import { localized, t } from '../i18n';
import { PollCard } from '../polls/PollCard';
import type { Session } from '../shell/session';
import { Avatar, Status, TextArea } from '../ui/kit';
import { Comments } from './Comments';
import { categoryLabel, fullTime, postTime } from './labels';
import { PhotoGrid } from './PhotoGrid';
import { PostBody } from './PostBody';
import { PostMenu } from './PostMenu';
import { Reactions } from './Reactions';
import type { FeedItem } from './useFeed';

type Props = {
  session: Session;
  post: FeedItem;
  onPatch: (fn: (p: FeedItem) => FeedItem) => void;
  onRemoved: () => void;
  openComments?: boolean;
};

export function PostCard({ session, post, onPatch, onRemoved, openComments }: Props): JSX.Element {
  const [thread, setThread] = useState(openComments ?? false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.body);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const editable = post.canEdit && (!post.editableUntil || new Date(post.editableUntil).getTime() > Date.now());

  async function save(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(EditPostDocument, { id: post.id, body: draft })).editPost;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        const changed = r.post;
        onPatch((p) => ({ ...p, ...changed }));
        setEditing(false);
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const reward = post.reward;
  return (
    <article class={`card post${post.pinned ? ' is-pinned' : ''}`} id={`post-${post.id}`} data-id={post.id} data-status={post.status} data-pinned={String(post.pinned)} tabIndex={-1}>
      <header class="post-head">
        <Avatar name={post.author?.name ?? '?'} />
        <div class="post-who">
          {post.author ? (
            <a class="post-author" href={`/community/${encodeURIComponent(post.author.id)}`}>
              {post.author.name}
            </a>
          ) : (
            <span class="post-author">{t('feed.formerColleague')}</span>
          )}
          <span class="muted post-meta">
            <time dateTime={post.createdAt} title={fullTime(post.createdAt)}>
              {postTime(post.createdAt)}
            </time>
            {post.editedAt ? ` · ${t('feed.edited')}` : ''} · <span class="post-category">{categoryLabel(post.category)}</span>
          </span>
        </div>
        <PostMenu session={session} post={post} editable={editable} onEdit={() => { setDraft(post.body); setEditing(true); }} onPatch={onPatch} onRemoved={onRemoved} />
      </header>
      {post.pinned ? (
        <p class="pin-mark">
          <span aria-hidden="true">📌</span> {t('feed.pinned')}
        </p>
      ) : null}
      {reward ? (
        <p class="reward-line">
          <span aria-hidden="true">🎁</span>{' '}
          {[
            reward.points > 0 ? t('feed.reward.points', { count: reward.points }) : null,
            reward.badgeCode ? t('feed.reward.badge', { code: reward.badgeNameEn || reward.badgeNameZh ? localized(reward.badgeNameEn ?? '', reward.badgeNameZh ?? '') : reward.badgeCode }) : null,
            reward.rewardItemTitleEn || reward.rewardItemTitleZh ? localized(reward.rewardItemTitleEn ?? '', reward.rewardItemTitleZh ?? '') : null,
          ]
            .filter(Boolean)
            .join(' · ')}
          {reward.note ? <span class="muted"> — {reward.note}</span> : null}
        </p>
      ) : null}
      {post.status === 'HIDDEN' ? (
        <p class="note note-error post-hidden">{t('feed.hidden', { reason: post.hiddenReason || t('feed.noReason') })}</p>
      ) : null}
      {editing ? (
        <form class="form edit-post" onSubmit={(e) => void save(e)}>
          <TextArea label={t('feed.editLabel')} name="body" value={draft} onValue={setDraft} maxLength={5000} rows={4} />
          <div class="actions">
            <button type="submit" class="btn btn-primary btn-small save-edit" disabled={busy || !draft.trim()} aria-busy={busy}>
              {t('app.save')}
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      ) : post.body && post.body !== post.poll?.question ? (
        <PostBody body={post.body} mentions={post.mentions} />
      ) : null}
      {post.photos.length ? <PhotoGrid photos={post.photos} /> : null}
      {post.poll ? <PollCard session={session} poll={post.poll} onChanged={(poll) => onPatch((p) => ({ ...p, poll }))} /> : null}
      {post.talk ? (
        <p class="post-talk">
          <a href={`/community/talks/${encodeURIComponent(post.talk.id)}`}>{t('feed.talkLink', { topic: post.talk.topic })}</a>
        </p>
      ) : null}
      <Status text={status?.text ?? null} tone={status?.tone} />
      <footer class="post-foot">
        <Reactions post={post} canReact={!!session.me.employee && !session.offline} onPatch={onPatch} />
        <button type="button" class="btn btn-secondary btn-small comment-toggle" aria-expanded={thread} onClick={() => setThread((v) => !v)}>
          <span aria-hidden="true">💬</span> <span class="comment-count">{t('feed.comments', { count: post.commentCount })}</span>
        </button>
      </footer>
      {thread ? <Comments session={session} post={post} onCount={(n) => onPatch((p) => ({ ...p, commentCount: n }))} /> : null}
    </article>
  );
}
