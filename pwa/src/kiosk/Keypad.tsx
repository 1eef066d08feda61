/** Number + PIN entry for people without their badge: two fields a hardware keyboard can type into, and a big
 * on-screen keypad that types into the field in focus (numbers may carry letters, e.g. HL1023: the device keyboard
 * covers those). */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

export function Keypad(props: { busy: boolean; onSubmit: (number: string, pin: string) => void; onCancel: () => void }): JSX.Element {
  const [number, setNumber] = useState('');
  const [pin, setPin] = useState('');
  const [active, setActive] = useState<'number' | 'pin'>('number');
  const numberRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  function press(key: (typeof KEYS)[number]): void {
    const [value, set] = active === 'number' ? [number, setNumber] : [pin, setPin];
    if (key === 'clear') set('');
    else if (key === 'back') set(value.slice(0, -1));
    else set((value + key).slice(0, 32));
    (active === 'number' ? numberRef : pinRef).current?.focus({ preventScroll: true });
  }

  function submit(e: Event): void {
    e.preventDefault();
    if (!number.trim()) {
      setActive('number');
      numberRef.current?.focus();
      return;
    }
    if (!pin) {
      setActive('pin');
      pinRef.current?.focus();
      return;
    }
    props.onSubmit(number.trim(), pin);
  }

  return (
    <form class="kiosk-keypad" onSubmit={submit} noValidate>
      <div class="kiosk-fields">
        <label class={active === 'number' ? 'is-active' : ''}>
          <span>{t('kiosk.number')}</span>
          <input ref={numberRef} name="employeeNumber" value={number} autocomplete="off" autoCapitalize="characters" spellcheck={false} maxLength={32}
            onFocus={() => setActive('number')} onInput={(e) => setNumber(e.currentTarget.value)} />
        </label>
        <label class={active === 'pin' ? 'is-active' : ''}>
          <span>{t('kiosk.pin')}</span>
          <input ref={pinRef} name="pin" type="password" inputMode="numeric" value={pin} autocomplete="off" maxLength={32}
            onFocus={() => setActive('pin')} onInput={(e) => setPin(e.currentTarget.value)} />
        </label>
      </div>
      <div class="kiosk-keys" role="group" aria-label={t('kiosk.keypad')}>
        {KEYS.map((k) => (
          <button type="button" key={k} class={`kiosk-key key-${k}`} onClick={() => press(k)}
            aria-label={k === 'clear' ? t('kiosk.clear') : k === 'back' ? t('kiosk.backspace') : k}>
            {k === 'clear' ? 'C' : k === 'back' ? '⌫' : k}
          </button>
        ))}
      </div>
      <div class="kiosk-actions">
        <button type="button" class="btn btn-secondary kiosk-cancel" onClick={props.onCancel}>
          {t('kiosk.cancel')}
        </button>
        <button type="submit" class="btn btn-primary kiosk-submit" disabled={props.busy} aria-busy={props.busy}>
          {active === 'number' && !pin ? t('kiosk.next') : t('kiosk.checkIn')}
        </button>
      </div>
    </form>
  );
}
