import type { District, OrganisationType } from './identity';
import type { CompositionSeat } from './workgroups';
import type { Uuid } from './common';

/** The words a region uses (GET /api/region): what its strategy, board and bureau are called, "prioriteit" or "thema". */
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

/** The region as the login page and every screen see it (GET /api/region/public, GET and PATCH /api/region). */
export interface RegionInfo extends RegionWords {
  /** The seeded demo region: only then the login page lists demo accounts and the footer says so. */
  demo: boolean;
}

/** The region as the secretariat edits it (GET and PATCH /api/region): with its version (optimistic concurrency). */
export interface Region extends RegionInfo {
  id: Uuid;
  /** Raised on every change of the words (optimistic concurrency; ETag and If-Match). */
  version: number;
}

/** The seats a new werkgroep starts from (GET and PUT /api/region/composition-rules). */
export interface DefaultCompositionRules {
  compositionRules: CompositionSeat[];
  /** Raised on every change of these rules; a change of the region's words leaves it. */
  version: number;
}

/** A district with the organisations (gemeenten) in it (GET /api/districts). */
export interface DistrictWithOrganisations extends District {
  /** Raised on every rename (optimistic concurrency). */
  version: number;
  organisations: Array<{ id: Uuid; name: string; type: OrganisationType }>;
}

/** One entry of the region's list of functions (GET /api/functions): a person's function is its `code`. */
export interface UserFunctionItem {
  code: string;
  label: string;
  position: number;
}
