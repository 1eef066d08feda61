/** New poll (/feed/new-poll): an intro, the question, 2–10 options, single or multiple choice (with a maximum),
 * anonymous or named, when results show, and the closing time (the organisation's zone); HR may make it an
 * announcement. Makes its post in the feed. */
import '../feed/feed.css';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { gql } from '../api/client';
import { errorText, userErrorText } from '../api/errors';
import { can } from '../api/me';
import { CreatePollDocument, type ResultsVisibility } from '../gql/graphql';
import { t } from '../i18n';
import { navigate } from '../lib/router';
import { zonedIso, zonedParts } from '../lib/zoned';
import { orgZone, type Session } from '../shell/session';
import { Chips, Field, Page, Status, TextArea, Toggle } from '../ui/kit';
import { Icon } from '../ui/icons';

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;

export function PollComposer({ session }: { session: Session }): JSX.Element {
  const zone = orgZone(session);
  const [defDate, defTime] = zonedParts(new Date(Date.now() + 3 * 86_400_000).toISOString(), zone);
  const [body, setBody] = useState('');
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [multiple, setMultiple] = useState(false);
  const [maxChoices, setMaxChoices] = useState('2');
  const [anonymous, setAnonymous] = useState(false);
  const [visibility, setVisibility] = useState<ResultsVisibility>('AFTER_VOTE');
  const [date, setDate] = useState(defDate);
  const [time, setTime] = useState(defTime.slice(0, 2) + ':00');
  const [announcement, setAnnouncement] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field: string | null } | null>(null);
  const hr = can(session.me, 'community:manage') || can(session.me, 'community:moderate');

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const labels = options.map((o) => o.trim()).filter(Boolean);
    if (labels.length < MIN_OPTIONS) return setError({ text: t('poll.form.needOptions'), field: 'options' });
    const closesAt = zonedIso(date, time, zone);
    if (!closesAt || new Date(closesAt).getTime() <= Date.now()) return setError({ text: t('poll.form.badClose'), field: 'closesAt' });
    setBusy(true);
    setError(null);
    try {
      const poll = { question: question.trim(), options: labels, multiple, maxChoices: multiple ? Number(maxChoices) || null : null, anonymous, resultsVisibility: visibility, closesAt };
      const r = (await gql(CreatePollDocument, { input: { body: body.trim(), poll, announcement: hr && announcement } })).createPoll;
      if (r.__typename === 'UserError') setError({ text: userErrorText(r), field: r.field ?? null });
      else navigate('/community/feed');
    } catch (err) {
      setError({ text: errorText(err), field: null });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('poll.new')} back="/community/feed">
      <form class="form poll-form" onSubmit={(e) => void submit(e)}>
        <TextArea label={t('poll.form.intro')} name="intro" value={body} onValue={setBody} maxLength={2000} rows={2} />
        <Field label={t('poll.form.question')} name="question" value={question} onValue={setQuestion} required maxLength={300} error={error?.field === 'question' ? error.text : null} />
        <fieldset class="poll-option-fields">
          <legend>{t('poll.form.options')}</legend>
          {options.map((o, i) => (
            <div class="option-row" key={i}>
              <Field
                label={t('poll.form.option', { n: i + 1 })}
                name={`option-${i}`}
                value={o}
                maxLength={120}
                onValue={(v) => setOptions((list) => list.map((x, j) => (j === i ? v : x)))}
              />
              {options.length > MIN_OPTIONS ? (
                <button type="button" class="icon-btn" aria-label={t('poll.form.removeOption', { n: i + 1 })} onClick={() => setOptions((list) => list.filter((_, j) => j !== i))}>
                  <Icon name="minus" />
                </button>
              ) : null}
            </div>
          ))}
          {options.length < MAX_OPTIONS ? (
            <button type="button" class="btn btn-secondary btn-small add-option" onClick={() => setOptions((list) => [...list, ''])}>
              <Icon name="plus" size={18} /> {t('poll.form.addOption')}
            </button>
          ) : null}
          {error?.field === 'options' ? <p class="field-error">{error.text}</p> : null}
        </fieldset>
        <Toggle label={t('poll.form.multiple')} name="multiple" checked={multiple} onChange={setMultiple} />
        {multiple ? <Field label={t('poll.form.maxChoices')} name="maxChoices" type="number" inputMode="numeric" min={1} max={MAX_OPTIONS} value={maxChoices} onValue={setMaxChoices} /> : null}
        <Toggle label={t('poll.form.anonymous')} name="anonymous" checked={anonymous} onChange={setAnonymous} hint={t('poll.form.anonymousHint')} />
        <Chips
          legend={t('poll.form.visibility')}
          name="visibility"
          value={visibility}
          onValue={(v) => setVisibility(v as ResultsVisibility)}
          options={[
            { value: 'AFTER_VOTE', label: t('poll.form.afterVote') },
            { value: 'AFTER_CLOSE', label: t('poll.form.afterClose') },
          ]}
        />
        <div class="two-col">
          <Field label={t('poll.form.closeDate')} name="closeDate" type="date" value={date} onValue={setDate} required />
          <Field label={t('poll.form.closeTime')} name="closeTime" type="time" value={time} onValue={setTime} required error={error?.field === 'closesAt' ? error.text : null} />
        </div>
        {hr ? <Toggle label={t('poll.form.announcement')} name="announcement" checked={announcement} onChange={setAnnouncement} /> : null}
        <Status text={error && !['options', 'question', 'closesAt'].includes(error.field ?? '') ? error.text : null} tone="error" />
        <button type="submit" class="btn btn-primary btn-block submit-poll" disabled={busy || !question.trim()} aria-busy={busy}>
          {t('poll.form.submit')}
        </button>
      </form>
    </Page>
  );
}
