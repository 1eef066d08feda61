/** A post's comment thread: top-level comments oldest first with their replies, reply and delete, and a box to
 * add a comment with @mentions. Loaded when opened; the count on the card follows what the server says. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { AddCommentDocument, DeleteCommentDocument, PostCommentsDocument, ReportContentDocument, type FeedCommentFragment } from '../gql/graphql';
import { t } from '../i18n';
import { useQuery } from '../lib/useQuery';
import type { Session } from '../shell/session';
import { Avatar, ErrorNote, Loading, Status } from '../ui/kit';
import { fullTime, postTime } from './labels';
import { MentionInput, mentionIds, type Mentioned } from './MentionInput';
import { PostBody } from './PostBody';
import { ReasonDialog } from './ReasonDialog';
import type { FeedItem } from './useFeed';

export function Comments({ session, post, onCount }: { session: Session; post: FeedItem; onCount: (n: number) => void }): JSX.Element {
  const { data, error, loading, reload } = useQuery(PostCommentsDocument, { id: post.id });
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<Mentioned[]>([]);
  const [replyTo, setReplyTo] = useState<FeedCommentFragment | null>(null);
  const [reporting, setReporting] = useState<FeedCommentFragment | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const comments = data?.post?.comments ?? [];

  async function add(e: Event): Promise<void> {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setStatus(null);
    try {
      const r = (await gql(AddCommentDocument, { postId: post.id, body: text.trim(), parentId: replyTo?.id ?? null, mentionIds: mentionIds(text, mentions) })).addComment;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setText('');
        setMentions([]);
        setReplyTo(null);
        onCount(r.post.commentCount);
        reload();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  async function remove(c: FeedCommentFragment): Promise<void> {
    if (!window.confirm(t('feed.comment.confirmDelete'))) return;
    try {
      const r = (await gql(DeleteCommentDocument, { id: c.id })).deleteComment;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        onCount(r.post.commentCount);
        reload();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    }
  }

  async function report(reason: string): Promise<string | null> {
    if (!reporting) return null;
    try {
      const r = (await gql(ReportContentDocument, { postId: post.id, commentId: reporting.id, reason })).reportContent;
      if (r.__typename === 'UserError') return userErrorText(r);
      setStatus({ text: t('feed.report.done'), tone: 'ok' });
      return null;
    } catch (err) {
      return errorText(err);
    }
  }

  const one = (c: FeedCommentFragment, reply: boolean) => (
    <div class={`comment${c.status === 'HIDDEN' ? ' is-hidden' : ''}`} data-id={c.id}>
      <Avatar name={c.author?.name ?? '?'} />
      <div class="comment-main">
        <p class="comment-head">
          <strong class="comment-author">{c.author?.name ?? t('feed.formerColleague')}</strong>{' '}
          <time class="muted" dateTime={c.createdAt} title={fullTime(c.createdAt)}>
            {postTime(c.createdAt)}
          </time>
        </p>
        {c.status === 'HIDDEN' ? <p class="muted">{t('feed.comment.hidden')}</p> : <PostBody tag="p" body={c.body} mentions={c.mentions} />}
        <div class="comment-actions">
          {!reply && session.me.employee ? (
            <button type="button" class="link-btn reply" onClick={() => setReplyTo(c)}>
              {t('feed.comment.reply')}
            </button>
          ) : null}
          {c.canDelete ? (
            <button type="button" class="link-btn delete-comment" onClick={() => void remove(c)}>
              {t('feed.delete')}
            </button>
          ) : session.me.employee && c.author?.id !== session.me.employee.id ? (
            <button type="button" class="link-btn report-comment" onClick={() => setReporting(c)}>
              {t('feed.report')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );

  return (
    <section class="comments" aria-label={t('feed.comments', { count: post.commentCount })}>
      {error ? (
        <ErrorNote error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading lines={2} />
      ) : comments.length === 0 ? (
        <p class="muted">{t('feed.comment.none')}</p>
      ) : (
        <ol class="comment-list">
          {comments.map((c) => (
            <li key={c.id}>
              {one(c, false)}
              {c.replies.length ? (
                <ol class="reply-list">
                  {c.replies.map((r) => (
                    <li key={r.id}>{one(r, true)}</li>
                  ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {session.me.employee && !session.offline ? (
        <form class="form comment-form" onSubmit={(e) => void add(e)}>
          {replyTo ? (
            <p class="replying muted">
              {t('feed.comment.replyingTo', { name: replyTo.author?.name ?? '' })}{' '}
              <button type="button" class="link-btn" onClick={() => setReplyTo(null)}>
                {t('app.cancel')}
              </button>
            </p>
          ) : null}
          <MentionInput label={t('feed.comment.label')} name="comment" value={text} onValue={setText} mentions={mentions} onMentions={setMentions} rows={2} maxLength={2000} />
          <button type="submit" class="btn btn-primary btn-small send-comment" disabled={busy || !text.trim()} aria-busy={busy}>
            {t('feed.comment.send')}
          </button>
        </form>
      ) : null}
      <Status text={status?.text ?? null} tone={status?.tone} />
      {reporting ? (
        <ReasonDialog className="report-dialog" title={t('feed.report.titleComment')} label={t('feed.report.reason')} submit={t('feed.report.send')} onSubmit={report} onClose={() => setReporting(null)} />
      ) : null}
    </section>
  );
}
