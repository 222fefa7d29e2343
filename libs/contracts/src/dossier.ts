import type { IsoDateTime, Uuid } from './common';

export const DOSSIER_STATUSES = ['wachtend', 'bezig', 'klaar', 'mislukt'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** A werkgroep's dossier being made or made (docs/exports.md): poll until `klaar`, then download. */
export interface DossierJob {
  id: Uuid;
  workgroupId: Uuid;
  requestedBy: string | null;
  status: DossierStatus;
  doneItems: number;
  totalItems: number;
  error: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  createdAt: IsoDateTime;
  finishedAt: IsoDateTime | null;
}
