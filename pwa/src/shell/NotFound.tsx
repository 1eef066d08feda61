import type { JSX } from 'preact';
import { t } from '../i18n';
import { Page } from '../ui/kit';

export function NotFound(): JSX.Element {
  return (
    <Page title={t('app.notFound')}>
      <p>
        <a class="btn btn-secondary" href="/">
          {t('app.goHome')}
        </a>
      </p>
    </Page>
  );
}
