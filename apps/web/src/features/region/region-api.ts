import type { CompositionSeat, DefaultCompositionRules, ImportKind, ImportReport, Region } from '@koers/contracts';
import type { District, DistrictWithOrganisations, RegionInfo, RegionWords, UserFunctionItem } from '@koers/contracts';
import { request } from '../../api';

export type { DefaultCompositionRules, DistrictWithOrganisations, Region, RegionInfo, RegionWords, UserFunctionItem };

export const regionApi = {
  publicInfo: () => request<RegionInfo>('GET', '/region/public', undefined, { noRefresh: true }),
  /** The region as the secretariat edits it, with its version. */
  get: () => request<Region>('GET', '/region'),
  /** With `version` (the one the form was loaded at) a change made meanwhile by someone else gives 409. */
  update: (input: Partial<RegionWords>, version?: number) => request<Region>('PATCH', '/region', { ...input, version }),
  districts: () => request<DistrictWithOrganisations[]>('GET', '/districts'),
  createDistrict: (name: string) => request<District>('POST', '/districts', { name }),
  renameDistrict: (id: string, name: string, version?: number) =>
    request<District>('PATCH', `/districts/${encodeURIComponent(id)}`, { name, version }),
  deleteDistrict: (id: string) => request<void>('DELETE', `/districts/${encodeURIComponent(id)}`),
  functions: () => request<UserFunctionItem[]>('GET', '/functions'),
  createFunction: (label: string) => request<UserFunctionItem>('POST', '/functions', { label }),
  defaultCompositionRules: () => request<DefaultCompositionRules>('GET', '/region/composition-rules'),
  setDefaultCompositionRules: (compositionRules: CompositionSeat[], version?: number) =>
    request<DefaultCompositionRules>('PUT', '/region/composition-rules', { compositionRules, version }),
  /** CSV import in Beheer: `dryRun` checks every row and writes nothing. */
  importCsv: (kind: ImportKind, csv: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, csv, {
      contentType: 'text/csv; charset=utf-8',
    }),
};
