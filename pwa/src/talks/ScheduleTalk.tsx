/** Schedule a tech-sharing talk (/community/talks/new): topic, description, day and times (the organisation's zone),
 * room or link, capacity; HR may name another speaker. It is announced in the feed. */
import '../feed/feed.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { can } from '../api/me';
import { ScheduleTechTalkDocument } from '../gql/graphql';
import { t } from '../i18n';
import { navigate } from '../lib/router';
import { zonedIso, zonedParts } from '../lib/zoned';
import { MentionInput, type Mentioned } from '../feed/MentionInput';
import { orgZone, type Session } from '../shell/session';
import { Field, Page, Status, TextArea } from '../ui/kit';
import { gql, talkAction } from './labels';

export function ScheduleTalk({ session }: { session: Session }): JSX.Element {
  const zone = orgZone(session);
  const [defDate] = zonedParts(new Date(Date.now() + 7 * 86_400_000).toISOString(), zone);
  const [topic, setTopic] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(defDate);
  const [start, setStart] = useState('15:00');
  const [end, setEnd] = useState('16:00');
  const [location, setLocation] = useState('');
  const [link, setLink] = useState('');
  const [capacity, setCapacity] = useState('30');
  const [speakerText, setSpeakerText] = useState('');
  const [speaker, setSpeaker] = useState<Mentioned[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manages = can(session.me, 'community:manage');

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const startsAt = zonedIso(date, start, zone);
    const endsAt = zonedIso(date, end, zone);
    if (!startsAt || !endsAt || endsAt <= startsAt) return setError(t('talks.form.badTimes'));
    const chosen = speaker.find((p) => speakerText.includes(`@${p.name}`));
    setBusy(true);
    setError(null);
    const input = { speakerId: manages && chosen ? chosen.id : null, topic: topic.trim(), description: description.trim(), startsAt, endsAt, location: location.trim(), link: link.trim(), capacity: Number(capacity) || 0 };
    const r = await talkAction(async () => (await gql(ScheduleTechTalkDocument, { input })).scheduleTechTalk);
    setBusy(false);
    if ('error' in r) setError(r.error);
    else navigate(`/community/talks/${encodeURIComponent(r.talk.id)}`);
  }

  return (
    <Page title={t('talks.schedule')} back="/community/talks">
      <form class="form talk-form" onSubmit={(e) => void submit(e)}>
        <Field label={t('talks.form.topic')} name="topic" value={topic} onValue={setTopic} required maxLength={200} />
        <TextArea label={t('talks.form.description')} name="description" value={description} onValue={setDescription} maxLength={5000} rows={3} />
        {manages ? (
          <MentionInput label={t('talks.form.speaker')} name="speaker" value={speakerText} onValue={setSpeakerText} mentions={speaker} onMentions={setSpeaker} rows={1} hint={t('talks.form.speakerHint')} />
        ) : null}
        <Field label={t('talks.form.date')} name="date" type="date" value={date} onValue={setDate} required />
        <div class="two-col">
          <Field label={t('talks.form.start')} name="start" type="time" value={start} onValue={setStart} required />
          <Field label={t('talks.form.end')} name="end" type="time" value={end} onValue={setEnd} required />
        </div>
        <Field label={t('talks.form.location')} name="location" value={location} onValue={setLocation} maxLength={200} />
        <Field label={t('talks.form.link')} name="link" type="url" value={link} onValue={setLink} maxLength={500} placeholder="https://" />
        <Field label={t('talks.form.capacity')} name="capacity" type="number" inputMode="numeric" min={1} step={1} value={capacity} onValue={setCapacity} required />
        <Status text={error} tone="error" />
        <button type="submit" class="btn btn-primary btn-block submit-talk" disabled={busy || !topic.trim()} aria-busy={busy}>
          {t('talks.form.submit')}
        </button>
      </form>
    </Page>
  );
}
