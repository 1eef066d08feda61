import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Centred single-column layout for the signed-out screens. */
export function AuthLayout(props: { title: string; intro: string; children: ComponentChildren }): JSX.Element {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Seen`;
  }, [props.title]);
  return (
    <main class="auth" id="main">
      <div class="auth-brand" aria-hidden="true">
        <img src="/icons/icon-192.png" width="72" height="72" alt="" />
      </div>
      <h1 ref={h1} tabIndex={-1}>
        {props.title}
      </h1>
      <p class="lead">{props.intro}</p>
      {props.children}
    </main>
  );
}
