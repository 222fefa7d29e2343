import type { EntityManager } from 'typeorm';
import { blocksUpdate, DocumentBlock, exportState } from '@koers/documents';
import {
  computeReportFigures,
  FocusAreaStatus,
  IndicatorDirection,
  IndicatorUnit,
  ReportContent,
  versionContentHash,
} from '@koers/reporting';
import type { DemoThemeKey } from './demo-people';

/**
 * DEMO DATA: one past reporting cycle in which every werkgroep's report was submitted by its aanjager and
 * accepted by the secretariat (with indicators and measurements behind it), and one open cycle for the next
 * RVC meeting. Dates are relative to the seed day; the figures and values are fictional.
 */
interface DemoIndicator {
  focusArea: number;
  title: string;
  unit: IndicatorUnit;
  baseline: number;
  target: number;
  direction: IndicatorDirection;
  /** [days from seed, value] */
  measurements: Array<[number, number]>;
  source: string;
}

interface DemoReport {
  summary: string;
  focusAreas: Array<{ status: FocusAreaStatus; narrative: string }>;
  /** The paragraphs of the collaborative narrative document. */
  narrative: string[];
}

const INDICATORS: Record<DemoThemeKey, DemoIndicator[]> = {
  ondermijning: [
    {
      focusArea: 1,
      title: 'Jongeren bereikt met preventieprojecten',
      unit: 'aantal',
      baseline: 250,
      target: 600,
      direction: 'hoger_is_beter',
      measurements: [
        [-200, 260],
        [-110, 390],
        [-30, 470],
      ],
      source: 'Opgave gemeenten (demo)',
    },
    {
      focusArea: 4,
      title: 'Gemeenten op bestuurlijk basisniveau mensenhandel',
      unit: 'percentage',
      baseline: 35,
      target: 90,
      direction: 'hoger_is_beter',
      measurements: [
        [-190, 40],
        [-100, 58],
        [-35, 66],
      ],
      source: 'Nulmeting RIEC (demo)',
    },
  ],
  cyber: [
    {
      focusArea: 1,
      title: 'Basisscholen met HackShield',
      unit: 'aantal',
      baseline: 20,
      target: 120,
      direction: 'hoger_is_beter',
      measurements: [
        [-180, 28],
        [-95, 61],
        [-30, 84],
      ],
      source: 'Opgave Amersfoort en regio (demo)',
    },
    {
      focusArea: 3,
      title: 'Doorlooptijd bestuurlijke cyberinterventie',
      unit: 'dagen',
      baseline: 45,
      target: 20,
      direction: 'lager_is_beter',
      measurements: [
        [-170, 41],
        [-90, 33],
        [-25, 27],
      ],
      source: 'Registratie Bureau RVS (demo)',
    },
  ],
  onrust: [
    {
      focusArea: 1,
      title: 'Wijkgesprekken met sleutelfiguren',
      unit: 'aantal',
      baseline: 10,
      target: 40,
      direction: 'hoger_is_beter',
      measurements: [
        [-185, 12],
        [-100, 24],
        [-28, 37],
      ],
      source: 'Opgave gemeenten (demo)',
    },
    {
      focusArea: 3,
      title: 'Gemeenten met draaiboek ordeverstoringen',
      unit: 'percentage',
      baseline: 30,
      target: 80,
      direction: 'hoger_is_beter',
      measurements: [
        [-175, 34],
        [-92, 47],
        [-26, 61],
      ],
      source: 'Uitvraag Bureau RVS (demo)',
    },
  ],
};

const REPORTS: Record<DemoThemeKey, DemoReport> = {
  ondermijning: {
    summary:
      'De werkgroep ligt op koers bij preventie en mensenhandel; de aanpak van geldstromen vraagt aandacht door afhankelijkheid van gegevensdeling.',
    focusAreas: [
      { status: 'op_koers', narrative: 'Preventieprojecten bereiken bijna 500 jongeren; alle districten doen mee.' },
      {
        status: 'aandacht_nodig',
        narrative: 'Verkenning witwassen via vastgoed loopt; convenant gegevensdeling is nog niet rond.',
      },
      { status: 'op_koers', narrative: 'Branchebeeld recreatieparken wordt geactualiseerd.' },
      { status: 'achterstand', narrative: 'Uitbreiding signaaltafel wacht op afspraken over gegevensdeling.' },
    ],
    narrative: [
      'In deze periode zijn de preventieprojecten in alle districten gestart; de gemeenten leveren de bereikcijfers per kwartaal aan.',
      'Voor de aanpak van geldstromen vraagt de werkgroep het RVC om steun bij het convenant gegevensdeling met de Belastingdienst en het RIEC.',
    ],
  },
  cyber: {
    summary: 'Het gebruik van beschikbare interventies groeit; inzicht in dader- en slachtofferschap blijft achter.',
    focusAreas: [
      { status: 'op_koers', narrative: 'HackShield is op 84 basisscholen in gebruik.' },
      { status: 'aandacht_nodig', narrative: 'Registratie van slachtofferschap verschilt per gemeente.' },
      { status: 'op_koers', narrative: 'Handreiking bestuurlijke bevoegdheden is verspreid; doorlooptijd daalt.' },
    ],
    narrative: [
      'HackShield groeit sneller dan gepland; de werkgroep richt zich nu op de scholen in de kleinere gemeenten.',
      'Het beeld van slachtofferschap blijft onvolledig zolang gemeenten verschillend registreren; een gezamenlijke registratie wordt voorbereid.',
    ],
  },
  onrust: {
    summary: 'De verbinding met de samenleving is versterkt; de online informatiepositie wordt nog opgebouwd.',
    focusAreas: [
      { status: 'op_koers', narrative: '37 wijkgesprekken met sleutelfiguren gevoerd.' },
      {
        status: 'nog_niet_gestart',
        narrative: 'Start na vaststelling van het juridisch kader voor online monitoring.',
      },
      { status: 'aandacht_nodig', narrative: '61% van de gemeenten heeft een draaiboek ordeverstoringen.' },
      { status: 'op_koers', narrative: 'Kennissessie over bronoorzaken van polarisatie gehouden.' },
    ],
    narrative: [
      'De wijkgesprekken met sleutelfiguren worden goed bezocht en leveren vroegsignalen op die met de districten worden gedeeld.',
      'Voor online monitoring wacht de werkgroep op het juridisch kader; tot die tijd volgt zij de landelijke handreiking.',
    ],
  },
};

const PAST_CYCLE_TITLE = 'RVC-vergadering vorige periode (demo)';

const dayFromSeed = (days: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export async function seedDemoReporting(
  manager: EntityManager,
  demo: {
    strategyId: string;
    workgroupIds: Map<DemoThemeKey, string>;
    focusAreaIds: (theme: DemoThemeKey) => string[];
    focusAreaTitles: (theme: DemoThemeKey) => string[];
    aanjagerId: (theme: DemoThemeKey) => string;
    secretariatId: string;
  },
): Promise<void> {
  const insertCycle = async (title: string, meeting: number, deadline: number, start: number, end: number) =>
    (
      (await manager.query(
        `INSERT INTO reporting_cycles (strategy_id, title, meeting_date, report_deadline, period_start, period_end, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          demo.strategyId,
          title,
          dayFromSeed(meeting),
          dayFromSeed(deadline),
          dayFromSeed(start),
          dayFromSeed(end),
          demo.secretariatId,
        ],
      )) as Array<{ id: string }>
    )[0].id;
  const pastPeriod = { start: dayFromSeed(-200), end: dayFromSeed(-21) };
  const pastCycleId = await insertCycle(PAST_CYCLE_TITLE, -14, -21, -200, -21);
  await insertCycle('RVC-vergadering komende periode (demo)', 90, 75, -20, 75);

  for (const [theme, workgroupId] of demo.workgroupIds) {
    const focusAreaIds = demo.focusAreaIds(theme);
    const aanjagerId = demo.aanjagerId(theme);
    for (const indicator of INDICATORS[theme]) {
      const [{ id }] = await manager.query(
        `INSERT INTO indicators (workgroup_id, focus_area_id, title, unit, baseline, target, direction, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          workgroupId,
          focusAreaIds[indicator.focusArea - 1],
          indicator.title,
          indicator.unit,
          indicator.baseline,
          indicator.target,
          indicator.direction,
          aanjagerId,
        ],
      );
      for (const [days, value] of indicator.measurements) {
        await manager.query(
          'INSERT INTO indicator_measurements (indicator_id, measured_on, value, source, entered_by) VALUES ($1, $2, $3, $4, $5)',
          [id, dayFromSeed(days), value, indicator.source, aanjagerId],
        );
      }
    }

    const titles = demo.focusAreaTitles(theme);
    const report = REPORTS[theme];
    const content: ReportContent = {
      summary: report.summary,
      focusAreas: focusAreaIds.map((focusAreaId, i) => ({
        focusAreaId,
        title: titles[i],
        status: report.focusAreas[i]?.status ?? 'nog_niet_gestart',
        narrative: report.focusAreas[i]?.narrative ?? '',
      })),
    };
    // The narrative document the werkgroep wrote together, frozen into the version as it was at submit.
    const narrativeBlocks: DocumentBlock[] = [
      { type: 'heading', level: 1, text: 'Voortgangsrapportage' },
      { type: 'heading', level: 2, text: 'Toelichting' },
      ...report.narrative.map((text): DocumentBlock => ({ type: 'paragraph', text })),
    ];
    const narrativeState = blocksUpdate(narrativeBlocks);
    const [{ id: documentId }] = await manager.query(
      `INSERT INTO documents (workgroup_id, title, kind, created_by) VALUES ($1, $2, 'voortgangsrapportage', $3) RETURNING id`,
      [workgroupId, `Voortgangsrapportage ${PAST_CYCLE_TITLE}`, aanjagerId],
    );
    await manager.query('INSERT INTO document_updates (document_id, data, user_id) VALUES ($1, $2, $3)', [
      documentId,
      Buffer.from(narrativeState),
      aanjagerId,
    ]);
    content.narrative = exportState(narrativeState);
    const submittedAt = new Date(`${dayFromSeed(-23)}T10:00:00Z`);
    const [{ id: reportId }] = await manager.query(
      `INSERT INTO progress_reports (workgroup_id, cycle_id, status, summary, focus_areas, current_version, narrative_document_id, created_by)
       VALUES ($1, $2, 'geaccepteerd', $3, $4::jsonb, 1, $5, $6) RETURNING id`,
      [workgroupId, pastCycleId, content.summary, JSON.stringify(content.focusAreas), documentId, aanjagerId],
    );
    const figures = await computeReportFigures(manager, workgroupId, pastPeriod, submittedAt);
    const contentHash = versionContentHash({ reportId, version: 1, content, figures });
    const [{ id: versionId }] = await manager.query(
      `INSERT INTO progress_report_versions (report_id, version, content, figures, content_hash, submitted_by, submitted_at) VALUES ($1, 1, $2::jsonb, $3::jsonb, $4, $5, $6) RETURNING id`,
      [reportId, JSON.stringify(content), JSON.stringify(figures), contentHash, aanjagerId, submittedAt],
    );
    await manager.query(
      `INSERT INTO progress_report_reviews (version_id, outcome, reviewed_by, reviewed_at) VALUES ($1, 'geaccepteerd', $2, $3)`,
      [versionId, demo.secretariatId, new Date(submittedAt.getTime() + 2 * 86_400_000)],
    );
  }
}
