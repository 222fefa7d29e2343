import { DependencyList, useEffect, useRef, useState } from 'react';
import { Page } from '@koers/contracts';
import { ApiError } from '../api';
import { asApiError, ErrorMessage, useApi } from './common';

/**
 * A list read page by page: the first `pageSize` items, then "Meer laden" appends the next page. A reload
 * (after a live event or a change) reads again as many items as are shown, in one request of at most
 * `maxLimit` (the API's largest page). New `deps` (other filters) start again at the first page.
 */
export function usePagedList<T extends { id: string }>(
  load: (limit: number, offset: number) => Promise<Page<T>>,
  deps: DependencyList,
  pageSize: number,
  maxLimit: number,
) {
  const size = useRef(pageSize);
  const depsKey = useRef<string | null>(null);
  const key = JSON.stringify(deps);
  const list = useApi(() => {
    if (depsKey.current !== key) {
      depsKey.current = key;
      size.current = pageSize;
    }
    return load(Math.min(size.current, maxLimit), 0);
  }, deps);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);

  async function loadMore() {
    const current = list.data;
    if (!current || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await load(pageSize, current.items.length);
      list.setData((page) => {
        if (!page) return page;
        const known = new Set(page.items.map((item) => item.id));
        const items = [...page.items, ...next.items.filter((item) => !known.has(item.id))];
        size.current = items.length;
        return { ...page, items, total: next.total };
      });
    } catch (err) {
      setMoreError(asApiError(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return { ...list, loadMore, loadingMore, moreError };
}

/**
 * "12 van 40 getoond" and the "Meer laden" button under a paged list. When the last page is in, the
 * button goes away and the focus moves to the count, so keyboard users are not left on nothing.
 */
export function LoadMore({
  shown,
  total,
  what,
  one,
  busy,
  error,
  onLoadMore,
}: {
  shown: number;
  total: number;
  /** What is counted, plural ("acties"), and `one` of them ("actie"): "1 van 1 actie getoond". */
  what: string;
  one: string;
  busy: boolean;
  error: ApiError | null;
  onLoadMore: () => Promise<void>;
}) {
  const statusRef = useRef<HTMLParagraphElement>(null);
  const requested = useRef(false);
  useEffect(() => {
    if (requested.current && shown >= total) {
      requested.current = false;
      statusRef.current?.focus();
    }
  }, [shown, total]);
  if (total === 0) return null;
  return (
    <div className="load-more">
      <ErrorMessage error={error} />
      <p ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="muted small">
        {shown} van {total} {total === 1 ? one : what} getoond
      </p>
      {shown < total && (
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={busy}
          onClick={() => {
            requested.current = true;
            void onLoadMore();
          }}
        >
          {busy ? 'Bezig met laden…' : 'Meer laden'}
        </button>
      )}
    </div>
  );
}

/** Every item of a paged list, page after page (for choices such as filter options, not for display). */
export async function readAll<T>(
  load: (limit: number, offset: number) => Promise<Page<T>>,
  limit: number,
): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await load(limit, items.length);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}
