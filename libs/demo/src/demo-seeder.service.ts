import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, plainTextToRichText } from '@koers/core';
import { hashPassword } from '@koers/identity';
import region from './data/midden-nederland-2023-2026.json';
import {
  DEMO_DISTRICT_OF_GEMEENTE,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_THEME_INDEX,
  DEMO_WORKGROUP_NAMES,
  DemoThemeKey,
} from './demo-people';
import { DEMO_ACTIONS } from './demo-actions';
import { DEMO_SESSIONS } from './demo-sessions';
import { seedDemoKnowledge } from './demo-knowledge';
import { seedDemoReporting } from './demo-reporting';
import { seedDemoFinance, seedDemoInventory } from './demo-cycle';
import { seedDemoConsultationAndBodies } from './demo-governance';
import { DemoRegionRepository } from './demo-region.repository';

const PARTNER_TYPES: Record<string, string> = {
  'Openbaar Ministerie': 'openbaar_ministerie',
  'Politie Midden-Nederland': 'politie',
  Belastingdienst: 'belastingdienst',
  'Bureau Regionale Veiligheidsstrategie Midden-Nederland': 'bureau',
};
/** The OM's organisation in the region carries the region's name, as the others do. */
const PARTNER_NAMES: Record<string, string> = { 'Openbaar Ministerie': 'Openbaar Ministerie Midden-Nederland' };

/**
 * Seeds Midden-Nederland 2023-2026 into an empty database in demo mode: 38 gemeenten, the partners,
 * 5 districts, the 3 priorities with their focus areas verbatim, and one werkgroep per priority with
 * fictional demo people. Runs once, in one transaction, under a lock.
 */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DemoRegionRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const seeded = await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.lockAndCheckEmpty(manager))) return false;
      await this.seed(manager, passwordHash);
      return true;
    });
    if (seeded)
      this.logger.log(
        `Seeded the demo region ${region.region} (${DEMO_PEOPLE.length} demo accounts, password "${DEMO_PASSWORD}")`,
      );
  }

  private async seed(manager: EntityManager, passwordHash: string): Promise<void> {
    const repo = this.repository;
    const regionId = await repo.insertRegion(manager, region.region);
    const districtIds = new Map<string, string>();
    for (const name of region.policeDistricts)
      districtIds.set(name, await repo.insertDistrict(manager, regionId, name));

    const organisationIds = new Map<string, string>();
    for (const gemeente of region.gemeenten) {
      const name = `Gemeente ${gemeente}`;
      organisationIds.set(
        name,
        await repo.insertOrganisation(
          manager,
          regionId,
          name,
          'gemeente',
          districtIds.get(DEMO_DISTRICT_OF_GEMEENTE[gemeente]) ?? null,
        ),
      );
    }
    for (const partner of region.partners) {
      const name = PARTNER_NAMES[partner] ?? partner;
      organisationIds.set(
        name,
        await repo.insertOrganisation(manager, regionId, name, PARTNER_TYPES[partner] ?? 'partner', null),
      );
    }

    const s = region.strategy;
    const strategyId = await repo.insertStrategy(manager, {
      regionId,
      title: s.title,
      motto: s.motto,
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      adoptedOn: s.adoptedOn,
    });
    const themeIds: string[] = [];
    const focusAreaIds: string[][] = [];
    for (const [index, priority] of s.priorities.entries()) {
      const p = priority as { title: string; note?: string; extraPartner?: string; focusAreas: string[] };
      const themeId = await repo.insertTheme(manager, {
        strategyId,
        position: index + 1,
        title: p.title,
        description: plainTextToRichText(p.note ?? ''),
        requiresTaxAuthority: p.extraPartner === 'Belastingdienst',
      });
      const ids: string[] = [];
      for (const [position, title] of p.focusAreas.entries())
        ids.push(await repo.insertFocusArea(manager, themeId, position + 1, title));
      themeIds.push(themeId);
      focusAreaIds.push(ids);
    }

    const workgroupIds = new Map<DemoThemeKey, string>();
    for (const key of Object.keys(DEMO_WORKGROUP_NAMES) as DemoThemeKey[]) {
      const theme = s.priorities[DEMO_THEME_INDEX[key]];
      workgroupIds.set(
        key,
        await repo.insertWorkgroup(
          manager,
          themeIds[DEMO_THEME_INDEX[key]],
          DEMO_WORKGROUP_NAMES[key],
          `Bestuurlijke werkgroep voor de prioriteit "${theme.title}".`,
        ),
      );
    }

    const userIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const organisationId = organisationIds.get(person.organisation);
      if (!organisationId)
        throw new Error(`Demo person ${person.email} refers to unknown organisation ${person.organisation}`);
      const userId = await repo.insertUser(manager, {
        email: person.email,
        displayName: person.displayName,
        jobTitle: person.jobTitle,
        function: person.function,
        organisationId,
        platformRole: person.platformRole ?? 'gebruiker',
        rvcMember: person.rvcMember ?? false,
        passwordHash,
      });
      userIds.set(person.email, userId);
      for (const membership of person.memberships)
        await repo.insertMember(manager, workgroupIds.get(membership.theme) as string, userId, membership.role);
    }

    const today = new Date().toISOString().slice(0, 10);
    const decidedActions = new Map<DemoThemeKey, string[]>();
    for (const action of DEMO_ACTIONS) {
      const actionId = await repo.insertAction(manager, {
        workgroupId: workgroupIds.get(action.theme) as string,
        focusAreaId: action.focusArea ? focusAreaIds[DEMO_THEME_INDEX[action.theme]][action.focusArea - 1] : null,
        title: action.title,
        description: action.description,
        ownerId: userIds.get(action.owner) as string,
        dueDate: action.dueInDays === null ? null : addDays(today, action.dueInDays),
        status: action.status,
        statusReason: action.statusReason ?? null,
        priority: action.priority,
        origin: action.origin,
        originNote: action.originNote ?? '',
      });
      if (action.origin === 'sessiebesluit')
        decidedActions.set(action.theme, [...(decidedActions.get(action.theme) ?? []), actionId]);
    }
    await this.seedSessions(manager, workgroupIds, userIds, decidedActions);
    await seedDemoKnowledge(manager, (theme) => themeIds[DEMO_THEME_INDEX[theme]], organisationIds);
    const cycle = {
      today,
      organisationIds,
      userIds,
      secretariatId: userIds.get('secretariaat@demo.koers.nl')!,
      gemeenten: region.gemeenten,
    };
    await seedDemoInventory(manager, cycle);
    await seedDemoFinance(manager, cycle);
    await repo.recordSeed(manager, {
      region: region.region,
      accounts: DEMO_PEOPLE.length,
      note: 'Demo data: district assignment and people are fictional.',
    });
    await seedDemoReporting(manager, {
      strategyId,
      workgroupIds,
      focusAreaIds: (theme) => focusAreaIds[DEMO_THEME_INDEX[theme]],
      focusAreaTitles: (theme) => s.priorities[DEMO_THEME_INDEX[theme]].focusAreas,
      aanjagerId: (theme) => userIds.get(`aanjager.${theme}@demo.koers.nl`)!,
      secretariatId: userIds.get('secretariaat@demo.koers.nl')!,
    });
    await seedDemoConsultationAndBodies(manager, {
      regionId,
      strategyId,
      gemeenten: region.gemeenten,
      organisationIds,
      districtIds,
      districtOfGemeente: DEMO_DISTRICT_OF_GEMEENTE,
      userIds,
      secretariatId: userIds.get('secretariaat@demo.koers.nl')!,
    });
  }

  private async seedSessions(
    manager: EntityManager,
    workgroupIds: Map<DemoThemeKey, string>,
    userIds: Map<string, string>,
    decidedActions: Map<DemoThemeKey, string[]>,
  ) {
    const repo = this.repository;
    const aanjager = (theme: DemoThemeKey) =>
      userIds.get(
        DEMO_PEOPLE.find(
          (p) =>
            p.memberships.some((m) => m.theme === theme && m.role === 'aanjager') && p.email.startsWith('aanjager.'),
        )!.email,
      )!;
    for (const demo of DEMO_SESSIONS) {
      const past = demo.daysFromSeed < 0;
      const startsAt = new Date();
      startsAt.setUTCDate(startsAt.getUTCDate() + demo.daysFromSeed);
      startsAt.setUTCHours(8, 30, 0, 0);
      const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
      const createdBy = aanjager(demo.theme);
      const sessionId = await repo.insertSession(manager, {
        workgroupId: workgroupIds.get(demo.theme)!,
        type: demo.type,
        state: past ? 'afgerond' : 'geagendeerd',
        title: demo.title,
        startsAt,
        endsAt,
        location: demo.location,
        createdBy,
      });
      const itemIds: string[] = [];
      let agendaPosition = 0;
      let backlogPosition = 0;
      for (const item of demo.agenda) {
        const placement = item.backlog ? 'backlog' : 'agenda';
        const position = item.backlog ? ++backlogPosition : ++agendaPosition;
        itemIds.push(
          await repo.insertAgendaItem(manager, {
            sessionId,
            placement,
            position,
            title: item.title,
            presenterId: item.presenter ? (userIds.get(item.presenter) ?? null) : null,
            minutes: item.minutes,
            outcome: item.outcome,
            proposedBy: createdBy,
          }),
        );
      }
      const members = DEMO_PEOPLE.filter((p) =>
        p.memberships.some((m) => m.theme === demo.theme && m.role !== 'waarnemer'),
      );
      for (const [index, person] of members.entries()) {
        // In a past session most were present and one sent regrets; for an upcoming one everyone is invited.
        const status = !past ? 'uitgenodigd' : index === members.length - 1 ? 'afgemeld' : 'aanwezig';
        await repo.insertAttendee(manager, sessionId, userIds.get(person.email)!, status);
      }
      for (const [index, text] of demo.decisions.entries()) {
        const besluitItem = demo.agenda.findIndex((item) => item.outcome === 'besluit');
        const decisionId = await repo.insertDecision(manager, {
          sessionId,
          agendaItemId: besluitItem >= 0 ? itemIds[besluitItem] : null,
          text,
          decidedAt: endsAt,
          createdBy,
        });
        // The theme's n-th action from a session decision came from the n-th decision (the rest from the last).
        const fromDecisions = decidedActions.get(demo.theme) ?? [];
        const mine =
          index === demo.decisions.length - 1 ? fromDecisions.slice(index) : fromDecisions.slice(index, index + 1);
        for (const actionId of mine) await repo.linkDecisionAction(manager, decisionId, actionId);
      }
    }
  }
}
