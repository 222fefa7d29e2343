import type { ImportKind, ImportReport } from '@koers/contracts';
import { request } from '../../api';

/** The region's own words (GET /api/region): what its strategy, board and bureau are called, "prioriteit" or "thema". */
export interface RegionWords {
  regionName: string;
  strategyName: string;
  strategyAbbreviation: string;
  boardName: string;
  boardAbbreviation: string;
  bureauName: string;
  themeSingular: string;
  themePlural: string;
}

export interface RegionInfo extends RegionWords {
  /** The seeded demo region: only then the login page lists demo accounts and the footer says so. */
  demo: boolean;
}

export interface DistrictWithOrganisations {
  id: string;
  name: string;
  organisations: Array<{ id: string; name: string; type: string }>;
}

export interface UserFunctionItem {
  code: string;
  label: string;
  position: number;
}

export const regionApi = {
  publicInfo: () => request<RegionInfo>('GET', '/region/public', undefined, { noRefresh: true }),
  update: (input: Partial<RegionWords>) => request<RegionInfo>('PATCH', '/region', input),
  districts: () => request<DistrictWithOrganisations[]>('GET', '/districts'),
  createDistrict: (name: string) => request<{ id: string; name: string }>('POST', '/districts', { name }),
  renameDistrict: (id: string, name: string) =>
    request<{ id: string; name: string }>('PATCH', `/districts/${encodeURIComponent(id)}`, { name }),
  deleteDistrict: (id: string) => request<void>('DELETE', `/districts/${encodeURIComponent(id)}`),
  functions: () => request<UserFunctionItem[]>('GET', '/functions'),
  createFunction: (label: string) => request<UserFunctionItem>('POST', '/functions', { label }),
  /** CSV import in Beheer: `dryRun` checks every row and writes nothing. */
  importCsv: (kind: ImportKind, csv: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, csv, {
      contentType: 'text/csv; charset=utf-8',
    }),
};
