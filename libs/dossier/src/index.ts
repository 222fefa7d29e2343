export * from './dossier.module';
export * from './dossier.service';
export type { DossierJob, DossierStatus } from './dossier.repository';
export { manifest, sha256 } from './dossier-archive';
