import { Injectable } from '@nestjs/common';
import type { Region, RegionInfo, RegionWords } from '@koers/contracts';
import { Actor, AuthorizationService } from '@koers/access';
import { AuditService, diffFields } from '@koers/audit';
import { conflict, lockVersion, TransactionHost } from '@koers/core';
import { RegionEntity } from '../organisations/organisation.entity';
import { RegionRepository } from './region.repository';

/** The words a region uses (the contract's); every screen, e-mail and the bundle PDF take them from here. */
export type { RegionWords };

export type RegionWordsInput = Partial<RegionWords>;

/** Used before any region exists (and by mails of an empty installation): Midden-Nederland's words. */
export const DEFAULT_REGION_WORDS: RegionWords = {
  regionName: '',
  strategyName: 'Regionale Veiligheidsstrategie',
  strategyAbbreviation: 'RVS',
  boardName: 'Regionaal Veiligheidscollege',
  boardAbbreviation: 'RVC',
  bureauName: 'Bureau RVS',
  themeSingular: 'prioriteit',
  themePlural: 'prioriteiten',
};

/** The name of the bureau organisation made at the first start: "<bureau name> <region name>". */
export function bureauOrganisationName(words: Pick<RegionWords, 'bureauName' | 'regionName'>): string {
  return [words.bureauName, words.regionName].filter(Boolean).join(' ');
}

export function toRegionDto(region: RegionEntity): Region {
  return {
    id: region.id,
    ...wordsOf(region),
    demo: region.demo,
    version: region.version,
  };
}

function wordsOf(region: RegionEntity): RegionWords {
  return {
    regionName: region.name,
    strategyName: region.strategyName,
    strategyAbbreviation: region.strategyAbbreviation,
    boardName: region.boardName,
    boardAbbreviation: region.boardAbbreviation,
    bureauName: region.bureauName,
    themeSingular: region.themeSingular,
    themePlural: region.themePlural,
  };
}

@Injectable()
export class RegionService {
  constructor(
    private readonly transactions: TransactionHost,
    private readonly repository: RegionRepository,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditService,
  ) {}

  /** The region's words for e-mails and documents; no permission check (nothing in them is confidential). */
  async words(): Promise<RegionWords> {
    const region = await this.repository.current();
    return region ? wordsOf(region) : DEFAULT_REGION_WORDS;
  }

  async get(actor: Actor) {
    await this.authorization.assertInRegion(actor, 'region.read', 'region.read');
    return toRegionDto(await this.require());
  }

  /** What the login page needs before anyone signs in: the region's words and whether it is the demo. */
  async publicInfo(): Promise<RegionInfo> {
    const region = await this.repository.current();
    return region ? { ...wordsOf(region), demo: region.demo } : { ...DEFAULT_REGION_WORDS, demo: false };
  }

  /** With `expectedVersion` (If-Match) a change based on words someone else changed since is 409 STALE_VERSION. */
  async update(actor: Actor, input: RegionWordsInput, expectedVersion?: number): Promise<Region> {
    await this.authorization.assertInRegion(actor, 'region.manage', 'region.update');
    return this.transactions.transaction(async (manager) => {
      const current = await this.require(manager);
      await lockVersion(manager, 'regions', current.id, expectedVersion, async (m) =>
        toRegionDto(await this.require(m)),
      );
      const before = await this.require(manager);
      const { regionName, ...words } = input;
      const values: Partial<RegionEntity> = { ...words, ...(regionName !== undefined ? { name: regionName } : {}) };
      await this.repository.updateRegion(before.id, values, manager);
      // The bureau made at the first start is named after the words (FirstAdminService) and follows them.
      const after = { ...wordsOf(before), ...input };
      const renamed = await this.repository.renameGeneratedBureau(
        before.id,
        bureauOrganisationName(wordsOf(before)),
        bureauOrganisationName(after),
        manager,
      );
      await this.audit.recordChange(
        actor,
        {
          action: 'region.update',
          entityType: 'region',
          entityId: before.id,
          summary: {
            changes: diffFields(wordsOf(before), input),
            ...(renamed.length && { renamedOrganisations: renamed.map((o) => o.name) }),
          },
        },
        manager,
      );
      return toRegionDto((await this.repository.current(manager)) as RegionEntity);
    });
  }

  private async require(manager?: Parameters<RegionRepository['current']>[0]): Promise<RegionEntity> {
    const region = await this.repository.current(manager);
    if (!region) throw conflict('Er is nog geen regio ingericht.');
    return region;
  }
}
