/** Entry: render the app and register the service worker (production builds only). */
import { render } from 'preact';
import { App } from './app';
import { i18nReady, locale } from './i18n';
import './ui/styles.css';

document.documentElement.lang = locale();

const root = document.getElementById('app');
// Only the language in use is fetched (its own chunk); render once its messages are there.
void i18nReady().then(() => {
  if (!root) return;
  root.textContent = '';
  render(<App />, root);
});

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'classic' }).catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  });
}
