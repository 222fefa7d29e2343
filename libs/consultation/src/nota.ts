import {
  CONSULTATION_OUTCOME_LABELS,
  ConsultationDetail,
  ConsultationResponse,
  POINT_RESPONSE_LABELS,
} from '@koers/contracts';

export type NotaFormat = 'html' | 'md' | 'csv';

const KIND_LABELS = { wens: 'Wens', bedenking: 'Bedenking' } as const;

/**
 * The nota van beantwoording: per gemeente that answered, its outcome and raadsbesluit, and each point it
 * raised with the bureau's response (verwerkt, or niet verwerkt with the reason). HTML for printing,
 * Markdown for a document, CSV for a spreadsheet.
 */
export function renderNota(
  detail: ConsultationDetail,
  format: NotaFormat,
): { body: string; filename: string; type: string } {
  const base = `nota-van-beantwoording-${slug(detail.title)}`;
  if (format === 'csv') return { body: csv(detail), filename: `${base}.csv`, type: 'text/csv; charset=utf-8' };
  if (format === 'md') return { body: markdown(detail), filename: `${base}.md`, type: 'text/markdown; charset=utf-8' };
  return { body: html(detail), filename: `${base}.html`, type: 'text/html; charset=utf-8' };
}

const answered = (detail: ConsultationDetail) => detail.responses.filter((r) => r.answered);

function outcomeLine(r: ConsultationResponse): string {
  const parts = [CONSULTATION_OUTCOME_LABELS[r.outcome!], `besluit van ${dutch(r.decidedOn!)}`];
  if (r.decisionReference) parts.push(`kenmerk ${r.decisionReference}`);
  return parts.join(', ');
}

function responseText(point: ConsultationResponse['points'][number]): string {
  if (!point.response) return 'Nog niet beantwoord';
  return point.response === 'verwerkt'
    ? `Verwerkt${point.reason ? `: ${point.reason}` : ''}`
    : `Niet verwerkt: ${point.reason}`;
}

function markdown(detail: ConsultationDetail): string {
  const lines = [
    `# Nota van beantwoording`,
    '',
    `**${detail.title}** (${detail.strategyTitle})`,
    '',
    `Aangeboden op ${dutch(detail.offeredOn)}, reageren tot en met ${dutch(detail.deadline)}. ` +
      `${detail.answered} van ${detail.asked} gemeenten hebben gereageerd.`,
    '',
  ];
  for (const r of answered(detail)) {
    lines.push(`## ${r.organisationName}`, '', `${outcomeLine(r)}.`, '');
    if (r.points.length === 0) lines.push('Geen punten.', '');
    for (const p of r.points)
      lines.push(
        `${p.position}. *${KIND_LABELS[p.kind]}:* ${oneLine(p.text)}  `,
        `   **Reactie:** ${oneLine(responseText(p))}`,
        '',
      );
  }
  const missing = detail.responses.filter((r) => !r.answered).map((r) => r.organisationName);
  if (missing.length) lines.push('## Geen reactie ontvangen', '', missing.join(', '), '');
  return lines.join('\n');
}

function html(detail: ConsultationDetail): string {
  const sections = answered(detail).map((r) => {
    const rows = r.points
      .map(
        (p) =>
          `<tr><td>${p.position}</td><td>${KIND_LABELS[p.kind]}</td><td>${esc(p.text)}</td><td>${esc(responseText(p))}</td></tr>`,
      )
      .join('');
    return `<section><h2>${esc(r.organisationName)}</h2><p>${esc(outcomeLine(r))}.</p>${
      r.points.length
        ? `<table><thead><tr><th>Nr.</th><th>Soort</th><th>Punt</th><th>Reactie van het bureau</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p>Geen punten.</p>'
    }</section>`;
  });
  const missing = detail.responses.filter((r) => !r.answered).map((r) => r.organisationName);
  return [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
    `<title>Nota van beantwoording – ${esc(detail.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}</style>',
    '</head><body>',
    `<h1>Nota van beantwoording</h1><p><strong>${esc(detail.title)}</strong> (${esc(detail.strategyTitle)})</p>`,
    `<p>Aangeboden op ${dutch(detail.offeredOn)}, reageren tot en met ${dutch(detail.deadline)}. ${detail.answered} van ${detail.asked} gemeenten hebben gereageerd.</p>`,
    ...sections,
    missing.length ? `<section><h2>Geen reactie ontvangen</h2><p>${esc(missing.join(', '))}</p></section>` : '',
    '</body></html>',
  ].join('\n');
}

function csv(detail: ConsultationDetail): string {
  const header = [
    'Gemeente',
    'Uitkomst',
    'Besloten op',
    'Kenmerk raadsbesluit',
    'Nr.',
    'Soort',
    'Punt',
    'Reactie',
    'Reden',
  ];
  const rows: string[][] = [];
  for (const r of detail.responses) {
    const base = [
      r.organisationName,
      r.outcome ? CONSULTATION_OUTCOME_LABELS[r.outcome] : 'Geen reactie',
      r.decidedOn ?? '',
      r.decisionReference,
    ];
    if (r.points.length === 0) rows.push([...base, '', '', '', '', '']);
    for (const p of r.points)
      rows.push([
        ...base,
        String(p.position),
        KIND_LABELS[p.kind],
        p.text,
        p.response ? POINT_RESPONSE_LABELS[p.response] : 'Nog niet beantwoord',
        p.reason,
      ]);
  }
  // A byte-order mark, so spreadsheet programs read the accents as UTF-8.
  return '\uFEFF' + [header, ...rows].map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** One CSV cell: quoted, and a leading formula character neutralised (no formula injection). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function oneLine(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ');
}

function dutch(date: string): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

function slug(value: string): string {
  return (
    value
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'consultatie'
  );
}
