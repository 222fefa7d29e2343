import { ReactNode, useEffect, useRef, useState } from 'react';

/** Calls `run` once the main thread is idle (requestIdleCallback; a timer where the browser lacks it). */
export function whenIdle(run: () => void, timeoutMs = 2_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(run, 200);
  return () => window.clearTimeout(timer);
}

/**
 * Renders `children` only once its box is near the screen (within `margin`) and the browser is idle: for
 * heavy decoration such as a chart, whose code is then neither loaded nor evaluated while the page's text
 * is being drawn, nor at all when nobody scrolls to it. The box (give it a fixed height) is there from
 * the start, so nothing moves when the children arrive.
 */
export function Deferred({
  children,
  className,
  height,
  margin = '200px',
}: {
  children: ReactNode;
  className?: string;
  height: number;
  margin?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !box.current) return;
    let cancelIdle: (() => void) | null = null;
    if (typeof IntersectionObserver !== 'function') {
      cancelIdle = whenIdle(() => setReady(true));
      return cancelIdle;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting) || cancelIdle) return;
        observer.disconnect();
        cancelIdle = whenIdle(() => setReady(true));
      },
      { rootMargin: margin },
    );
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      cancelIdle?.();
    };
  }, [ready, margin]);
  return (
    <div ref={box} className={className} aria-hidden="true" style={{ height }}>
      {ready ? children : null}
    </div>
  );
}
