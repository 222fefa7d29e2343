import { mergeReportChanges, StoredReportTexts } from './report-merge';

const stored = (): StoredReportTexts => ({
  summary: 'Samenvatting van de aanjager',
  focusAreas: [
    { focusAreaId: 'fa-1', title: 'Eén', status: 'op_koers', narrative: '' },
    { focusAreaId: 'fa-2', title: 'Twee', status: 'nog_niet_gestart', narrative: 'Oud' },
  ],
  // Version 3: the summary was written in version 3, after the officier loaded version 2.
  version: 3,
  fieldVersions: { summary: 3 },
});

describe('mergeReportChanges', () => {
  it('keeps a field someone else changed when a stale save changes a different field', () => {
    const merged = mergeReportChanges(
      stored(),
      {
        summary: '',
        focusAreas: [{ focusAreaId: 'fa-2', status: 'nog_niet_gestart', narrative: 'Nieuw' }],
      },
      2,
    );
    // The stale page still holds the old (empty) summary: that is a conflict, not a silent overwrite.
    expect(merged.conflicts.map((c) => c.field)).toEqual(['summary']);
  });

  it('writes only the fields a stale save changed and records their version', () => {
    const merged = mergeReportChanges(stored(), { focusAreas: [{ focusAreaId: 'fa-2', narrative: 'Nieuw' }] }, 2);
    expect(merged.conflicts).toEqual([]);
    expect(merged.content.summary).toBe('Samenvatting van de aanjager');
    expect(merged.content.focusAreas[1].narrative).toBe('Nieuw');
    expect(merged.changed).toEqual(['focusAreas.fa-2.narrative']);
    expect(merged.fieldVersions).toEqual({ summary: 3, 'focusAreas.fa-2.narrative': 4 });
  });

  it('does not call writing the same text twice a conflict', () => {
    const merged = mergeReportChanges(stored(), { summary: 'Samenvatting van de aanjager' }, 1);
    expect(merged.conflicts).toEqual([]);
    expect(merged.changed).toEqual([]);
  });

  it('lets older clients without a version write', () => {
    const merged = mergeReportChanges(stored(), { summary: 'Overschreven' }, undefined);
    expect(merged.conflicts).toEqual([]);
    expect(merged.content.summary).toBe('Overschreven');
  });

  it('names focus areas the report does not have', () => {
    const merged = mergeReportChanges(stored(), { focusAreas: [{ focusAreaId: 'nope', narrative: 'x' }] }, 3);
    expect(merged.problems).toEqual([
      { field: 'focusAreas.0.focusAreaId', messages: ['Dit onderdeel hoort niet bij deze rapportage.'] },
    ]);
  });
});
