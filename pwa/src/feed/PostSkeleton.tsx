/** Placeholder cards the size of a post while a page loads (no layout shift when the posts arrive). */
import type { JSX } from 'preact';
import { t } from '../i18n';

export function PostSkeleton({ count }: { count: number }): JSX.Element {
  return (
    <div class="post-skeletons" role="status" aria-live="polite">
      <span class="visually-hidden">{t('app.loading')}</span>
      {Array.from({ length: count }, (_, i) => (
        <div class="card post-skeleton" key={i} aria-hidden="true">
          <div class="sk-head">
            <span class="sk-avatar" />
            <span class="sk-lines">
              <span class="sk-line sk-short" />
              <span class="sk-line sk-tiny" />
            </span>
          </div>
          <span class="sk-line" />
          <span class="sk-line" />
          <span class="sk-line sk-short" />
        </div>
      ))}
    </div>
  );
}
