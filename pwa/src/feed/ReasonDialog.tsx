/** A modal asking for a short reason (report, hide); submits once, shows the server's refusal in place. */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Status, TextArea } from '../ui/kit';

export function ReasonDialog(props: {
  title: string;
  label: string;
  submit: string;
  required?: boolean;
  onSubmit: (reason: string) => Promise<string | null>;
  onClose: () => void;
  className?: string;
}): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);

  async function send(e: Event): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const failed = await props.onSubmit(reason.trim());
    setBusy(false);
    if (failed) setError(failed);
    else props.onClose();
  }

  return (
    <dialog ref={ref} class={`dialog ${props.className ?? ''}`} aria-labelledby="reason-title" onClose={props.onClose}>
      <form class="form" onSubmit={(e) => void send(e)}>
        <h2 id="reason-title">{props.title}</h2>
        <TextArea label={props.label} name="reason" value={reason} onValue={setReason} maxLength={300} rows={3} required={props.required !== false} />
        <Status text={error} tone="error" />
        <div class="actions">
          <button type="submit" class="btn btn-primary submit-reason" disabled={busy || (props.required !== false && !reason.trim())} aria-busy={busy}>
            {props.submit}
          </button>
          <button type="button" class="btn btn-secondary" onClick={props.onClose}>
            {t('app.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
