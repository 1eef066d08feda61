/** Before/after of one audit entry as a small table of the fields that changed. */
import type { JSX } from 'preact';
import { t } from '../i18n';

function asRecord(v: unknown): Record<string, unknown> | null {
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === 'string') {
    try {
      return asRecord(JSON.parse(v));
    } catch {
      return null;
    }
  }
  return null;
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '∅';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function AuditDiff(props: { before: unknown; after: unknown }): JSX.Element | null {
  const before = asRecord(props.before);
  const after = asRecord(props.after);
  if (!before && !after) {
    if (props.before == null && props.after == null) return null;
    return (
      <p class="mono">
        {show(props.before)} → {show(props.after)}
      </p>
    );
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]),
  );
  if (keys.length === 0) return null;
  return (
    <table class="diff">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td class="del">{show(before?.[k])}</td>
            <td class="ins">{show(after?.[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
