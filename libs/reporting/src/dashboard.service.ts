import { Injectable } from '@nestjs/common';
import { Actor, AuthorizationService, isSecretariat } from '@koers/access';
import { notFound, todayInNetherlands, validationFailed } from '@koers/core';
import type { Dashboard, Serializable } from '@koers/contracts';
import { DashboardRepository } from './dashboard.repository';

/**
 * The secretariat's overview of every werkgroep, also open to RVC members. Everything the RVC sees comes
 * from frozen versions that went upward; the secretariat also sees live overdue actions and concept states.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly authorization: AuthorizationService,
  ) {}

  async dashboard(actor: Actor, strategyId: string, cycleId?: string): Promise<Serializable<Dashboard>> {
    await this.authorization.assertInRegion(actor, 'reporting.read', 'dashboard.read');
    const secretariat = isSecretariat(actor);
    if (!(await this.repository.strategyExists(strategyId))) throw notFound('De strategie');
    const today = todayInNetherlands();
    const [structure, cycles, statuses, trendRows, overdueRows] = await Promise.all([
      this.repository.structure(strategyId),
      this.repository.cycles(strategyId),
      this.repository.latestStatuses(strategyId),
      this.repository.trend(strategyId),
      secretariat ? this.repository.liveOverdue(strategyId, today) : this.repository.reportedOverdue(strategyId),
    ]);
    if (cycleId && !cycles.some((c) => c.id === cycleId))
      throw validationFailed([{ field: 'cycleId', messages: ['Deze cyclus hoort niet bij de strategie.'] }]);
    // The current cycle: the one asked for, else the first whose RVC meeting is still ahead, else the last.
    const current =
      cycles.find((c) => c.id === cycleId) ?? cycles.find((c) => c.meetingDate >= today) ?? cycles.at(-1) ?? null;
    const submissions = current ? await this.repository.submissions(strategyId, current.id) : [];

    const workgroups = new Map<
      string,
      { id: string; name: string; focusAreas: Array<{ id: string; title: string }> }
    >();
    for (const row of structure) {
      const w = workgroups.get(row.workgroupId) ?? { id: row.workgroupId, name: row.workgroupName, focusAreas: [] };
      w.focusAreas.push({ id: row.focusAreaId, title: row.focusAreaTitle });
      workgroups.set(row.workgroupId, w);
    }
    const statusOf = new Map(statuses.map((s) => [`${s.workgroupId}:${s.focusAreaId}`, s]));
    const matrix = [...workgroups.values()].map((w) => ({
      workgroupId: w.id,
      workgroupName: w.name,
      focusAreas: w.focusAreas.map((f) => {
        const s = statusOf.get(`${w.id}:${f.id}`);
        return {
          focusAreaId: f.id,
          title: f.title,
          status: s?.status ?? null,
          cycleId: s?.cycleId ?? null,
          version: s?.version ?? null,
        };
      }),
    }));
    const trend = cycles.map((c) => ({
      cycleId: c.id,
      title: c.title,
      meetingDate: c.meetingDate,
      workgroups: [...workgroups.values()].map((w) => ({
        workgroupId: w.id,
        statusCounts: Object.fromEntries(
          trendRows.filter((t) => t.cycleId === c.id && t.workgroupId === w.id).map((t) => [t.status, t.count]),
        ),
      })),
    }));
    const overduePerWorkgroup = [...workgroups.values()].map((w) => ({
      workgroupId: w.id,
      workgroupName: w.name,
      overdue: overdueRows.find((o) => o.byWorkgroup && o.workgroupId === w.id)?.overdue ?? 0,
    }));
    const overduePerOrganisation = overdueRows
      .filter((o) => !o.byWorkgroup)
      .map((o) => ({
        organisationId: o.organisationId,
        organisationName: o.organisationName ?? 'Onbekend',
        overdue: o.overdue,
      }))
      .sort((a, b) => b.overdue - a.overdue || a.organisationName.localeCompare(b.organisationName, 'nl'));
    const submitted = (status: string | null) => status === 'ingediend' || status === 'geaccepteerd';
    return {
      strategyId,
      overdueSource: secretariat ? ('live' as const) : ('ingediende_rapportages' as const),
      currentCycle: current,
      cycles,
      matrix,
      trend,
      overdue: { perWorkgroup: overduePerWorkgroup, perOrganisation: overduePerOrganisation },
      submissions: submissions.map((s) => ({
        workgroupId: s.workgroupId,
        workgroupName: s.workgroupName,
        // RVC members do not learn whether a werkgroep has a concept: only whether it submitted.
        status: secretariat
          ? (s.status ?? 'geen_rapportage')
          : s.status && submitted(s.status)
            ? s.status
            : 'niet_ingediend',
        reportId: secretariat || submitted(s.status) ? s.reportId : null,
      })),
      notYetSubmitted: submissions
        .filter((s) => !submitted(s.status))
        .map((s) => ({ workgroupId: s.workgroupId, workgroupName: s.workgroupName })),
    };
  }
}
