import type { CompositionSeat, ImportKind, ImportReport } from '@koers/contracts';
import type { District, DistrictWithOrganisations, RegionInfo, RegionWords, UserFunctionItem } from '@koers/contracts';
import { request } from '../../api';

export type { DistrictWithOrganisations, RegionInfo, RegionWords, UserFunctionItem };

export const regionApi = {
  publicInfo: () => request<RegionInfo>('GET', '/region/public', undefined, { noRefresh: true }),
  update: (input: Partial<RegionWords>) => request<RegionInfo>('PATCH', '/region', input),
  districts: () => request<DistrictWithOrganisations[]>('GET', '/districts'),
  createDistrict: (name: string) => request<District>('POST', '/districts', { name }),
  renameDistrict: (id: string, name: string) =>
    request<District>('PATCH', `/districts/${encodeURIComponent(id)}`, { name }),
  deleteDistrict: (id: string) => request<void>('DELETE', `/districts/${encodeURIComponent(id)}`),
  functions: () => request<UserFunctionItem[]>('GET', '/functions'),
  createFunction: (label: string) => request<UserFunctionItem>('POST', '/functions', { label }),
  defaultCompositionRules: () => request<{ compositionRules: CompositionSeat[] }>('GET', '/region/composition-rules'),
  setDefaultCompositionRules: (compositionRules: CompositionSeat[]) =>
    request<{ compositionRules: CompositionSeat[] }>('PUT', '/region/composition-rules', { compositionRules }),
  /** CSV import in Beheer: `dryRun` checks every row and writes nothing. */
  importCsv: (kind: ImportKind, csv: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, csv, {
      contentType: 'text/csv; charset=utf-8',
    }),
};
