import type { SearchKind, SearchResult } from '@koers/contracts';
import { query, request } from '../../api';

export const searchApi = {
  search: (q: string, type?: SearchKind) => request<SearchResult>('GET', `/search${query({ q, type })}`),
};
