/** Entry: render the app and register the service worker (production builds only). */
import { render } from 'preact';
import { App } from './app';
import { locale } from './i18n';
import './ui/styles.css';

document.documentElement.lang = locale();

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/', type: 'classic' }).catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  });
}
