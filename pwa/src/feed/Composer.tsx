/** New post (/feed/new): category, text with @mentions, up to nine photos uploading as they are picked; what was
 * shared from another app (`?shared=1`, see shareTarget.ts) arrives here as text and photos. */
import './feed.css';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { can } from '../api/me';
import { CreatePostDocument, type PostCategory } from '../gql/graphql';
import { t } from '../i18n';
import { navigate, useSearchParams } from '../lib/router';
import type { Session } from '../shell/session';
import { Chips, Page, Status } from '../ui/kit';
import { categoryLabel } from './labels';
import { MentionInput, mentionIds, type Mentioned } from './MentionInput';
import { PhotoUploads, type PhotoState } from './PhotoUploads';
import { takeShared } from './shareTarget';

export function Composer({ session }: { session: Session }): JSX.Element {
  const shared = useSearchParams().get('shared') === '1';
  const announces = can(session.me, 'community:moderate');
  const categories: PostCategory[] = announces ? ['WARM_MOMENT', 'TECH_SHARING', 'ANNOUNCEMENT'] : ['WARM_MOMENT', 'TECH_SHARING'];
  const [category, setCategory] = useState<PostCategory>('WARM_MOMENT');
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<Mentioned[]>([]);
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], busy: false });
  const [incoming, setIncoming] = useState<File[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!shared) return;
    void takeShared().then((got) => {
      if (!got) return;
      if (got.text) setBody((b) => b || got.text);
      if (got.files.length) setIncoming(got.files);
    });
  }, [shared]);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (!body.trim() && photos.ids.length === 0) return setError(t('feed.compose.empty'));
    setBusy(true);
    setError(null);
    try {
      const r = (await gql(CreatePostDocument, { input: { category, body: body.trim(), photoIds: photos.ids, mentionIds: mentionIds(body, mentions) } })).createPost;
      if (r.__typename === 'UserError') setError(userErrorText(r));
      else navigate('/community/feed');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('feed.compose.title')} back="/community/feed">
      <form class="form composer" onSubmit={(e) => void submit(e)}>
        <Chips legend={t('feed.compose.category')} name="category" value={category} onValue={(v) => setCategory(v as PostCategory)} options={categories.map((c) => ({ value: c, label: categoryLabel(c) }))} />
        <MentionInput label={t('feed.compose.body')} name="body" value={body} onValue={setBody} mentions={mentions} onMentions={setMentions} rows={5} maxLength={5000} />
        <PhotoUploads onChange={setPhotos} incoming={incoming} />
        <Status text={error} tone="error" />
        <button type="submit" class="btn btn-primary btn-block submit-post" disabled={busy || photos.busy || session.offline} aria-busy={busy}>
          {photos.busy ? t('feed.compose.waitUploads') : t('feed.compose.submit')}
        </button>
      </form>
    </Page>
  );
}
