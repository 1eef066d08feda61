/** Load a rarely used screen (HR admin) as its own chunk, keeping the main bundle small. */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../ui/kit';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function LazyScreen(props: P): JSX.Element {
    const [, setReady] = useState(0);
    const [error, setError] = useState<unknown>(null);
    useEffect(() => {
      if (loaded) return;
      pending ??= load();
      pending.then(
        (c) => {
          loaded = c;
          setReady((n) => n + 1);
        },
        (err: unknown) => {
          pending = null;
          setError(err);
        },
      );
    }, []);
    if (loaded) {
      const C = loaded;
      return <C {...props} />;
    }
    return error ? <ErrorNote error={error} onRetry={() => location.reload()} /> : <Loading lines={6} />;
  };
}
