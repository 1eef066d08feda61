/** Quick rating: 1–5 as large options that each show the rubric's words for that level, plus a comment. */
import type { JSX } from 'preact';
import { useId, useState } from 'preact/hooks';
import { gql } from '../../api/client';
import { errorText, userErrorText } from '../../api/errors';
import type { RatingTasksQuery } from '../../gql/graphql';
import { localized, t } from '../../i18n';
import { Status, TextArea } from '../../ui/kit';
import { relationLabel, SCALE } from '../labels';
import { RateEmployeeDocument } from '../../gql/graphql';

type Task = RatingTasksQuery['ratingTasks'][number];

export function RatingEntry(props: { cycleId: string; task: Task; disabled: boolean; onSaved: () => void }): JSX.Element {
  const { task } = props;
  const [score, setScore] = useState<number | null>(task.current?.score ?? null);
  const [comment, setComment] = useState(task.current?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const id = useId();
  const name = localized(task.dimensionNameEn, task.dimensionNameZh);
  const rubric = new Map(task.rubric.map((r) => [r.score, localized(r.en, r.zh)]));

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    if (score === null) return setStatus({ text: t('perf.rate.pick'), tone: 'error' });
    setBusy(true);
    setStatus(null);
    try {
      const input = { cycleId: props.cycleId, employeeId: task.employee?.id ?? '', dimensionCode: task.dimensionCode, score, comment: comment.trim() };
      const r = (await gql(RateEmployeeDocument, { input })).rateEmployee;
      if (r.__typename === 'UserError') setStatus({ text: userErrorText(r), tone: 'error' });
      else {
        setStatus({ text: t('perf.rate.saved', { score: r.rating.score }), tone: 'ok' });
        props.onSaved();
      }
    } catch (err) {
      setStatus({ text: errorText(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="card rating-task" data-dimension={task.dimensionCode}>
      <form class="form" onSubmit={submit} noValidate>
        <fieldset class="rubric" aria-describedby={`${id}-hint`}>
          <legend>
            {name} <span class="muted">· {relationLabel(task.relation)}</span>
          </legend>
          <p class="hint" id={`${id}-hint`}>
            {task.current ? t('perf.rate.current', { score: task.current.score }) : t('perf.rate.due')}
          </p>
          {SCALE.map((level) => (
            <label key={level} class={`rubric-option${score === level ? ' on' : ''}`}>
              <input type="radio" name={`score-${id}`} value={String(level)} checked={score === level} onChange={() => setScore(level)} />
              <span class="rubric-score" aria-hidden="true">
                {level}
              </span>
              <span>
                <span class="visually-hidden">{level} – </span>
                {rubric.get(level) ?? t(`perf.rate.level${level}`)}
              </span>
            </label>
          ))}
        </fieldset>
        <TextArea label={t('perf.rate.comment')} name="comment" value={comment} onValue={setComment} rows={2} maxLength={1000} />
        <button type="submit" class="btn btn-primary save-rating" disabled={busy || props.disabled} aria-busy={busy}>
          {t('perf.rate.save')}
        </button>
        <Status text={status?.text ?? null} tone={status?.tone ?? 'ok'} />
      </form>
    </li>
  );
}
