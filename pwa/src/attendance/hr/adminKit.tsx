/** Pieces shared by HR's clock administration: the site list, typed field errors, a copy button and the
 * "shown once" dialog for secrets (bridge keys, kiosk codes) — the server keeps only a digest, so losing
 * the dialog means issuing a new one. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { userErrorText, type UserErrorShape } from '../../api/errors';
import { locale, t, type MessageKey } from '../../i18n';
import './admin.css';

export type SiteOption = { id: string; name: string; timeZone: string };

export function sitesOf(data: { sites: { edges: { node: SiteOption }[] } } | null): SiteOption[] {
  return (data?.sites.edges ?? []).map((e) => e.node);
}

const EXPLAINED = new Set(['siteId', 'serial', 'vendor', 'timeZone', 'name', 'directionPolicy', 'bridgeId', 'label']);

/** The server's precise English in English; in Chinese, a sentence about the field it names (the
 * server's messages are English only), else the code's general text. */
export function adminErrorText(e: UserErrorShape): string {
  if (locale() === 'en' && e.message) return e.message;
  const taken = e.code === 'CONFLICT' && (e.field === 'serial' || e.field === 'bridgeId');
  if (e.field && EXPLAINED.has(e.field)) return t(`adm.err.${e.field}${taken ? 'Conflict' : ''}` as MessageKey);
  return userErrorText(e);
}

/** A UserError as { field: text } when it names a field of the form, else as the form's own error. */
export function splitError(e: UserErrorShape, fields: readonly string[]): { fields: Record<string, string>; form: string | null } {
  const text = adminErrorText(e);
  return e.field && fields.includes(e.field) ? { fields: { [e.field]: text }, form: null } : { fields: {}, form: text };
}

export function CopyButton(props: { text: string; label?: string; class?: string }): JSX.Element {
  const [done, setDone] = useState<boolean | null>(null);
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(props.text);
      setDone(true);
    } catch {
      setDone(false); // insecure origin or denied: the text is selectable in place
    }
  }
  return (
    <span class="adm-copy">
      <button type="button" class={`btn btn-small btn-secondary ${props.class ?? ''}`} onClick={() => void copy()}>
        {props.label ?? t('adm.copy')}
      </button>
      <span role="status" aria-live="polite" class="muted">
        {done === true ? t('app.copied') : done === false ? t('adm.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A modal holding something the server will never show again; closing asks for no confirmation
 * beyond the warning, which stays at the top. */
export function OnceDialog(props: { title: string; class: string; onClose: () => void; children: ComponentChildren }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  return (
    <dialog ref={ref} class={`dialog adm-once ${props.class}`} aria-labelledby="adm-once-title" onClose={props.onClose}>
      <h2 id="adm-once-title">{props.title}</h2>
      <p class="note note-warn adm-once-warning" role="alert">
        ⚠ {t('adm.onceWarning')}
      </p>
      {props.children}
      <div class="actions">
        <button type="button" class="btn btn-primary adm-once-done" onClick={() => ref.current?.close()}>
          {t('adm.doneCopied')}
        </button>
      </div>
    </dialog>
  );
}

/** setDevicePins' row errors are English; in Chinese, say what is wrong with the field it names. */
export function pinRowErrorText(field: string, message: string): string {
  return locale() === 'en' || (field !== 'pin' && field !== 'employeeId') ? message : t(`adm.import.err.${field}` as MessageKey);
}
