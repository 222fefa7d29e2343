/** The region's words, districts and functions. The Beheer page (RegionAdminPage) is loaded lazily by App. */
export * from './region-api';
export * from './words';
export * from './functions';
