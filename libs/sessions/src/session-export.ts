import { escapeHtml } from '@koers/core';
import {
  ATTENDANCE_LABELS,
  formatDutchDate,
  formatDutchDateTime,
  formatDutchTime,
  OUTCOME_LABELS,
  SESSION_STATE_LABELS,
  SESSION_TYPE_LABELS,
  SessionDetail,
} from './session.model';

export const SESSION_EXPORT_FORMATS = ['md', 'html'] as const;
export type SessionExportFormat = (typeof SESSION_EXPORT_FORMATS)[number];

/** Agenda, attendance and decisions of a session, as Markdown or as a printable HTML page. */
export function exportSession(session: SessionDetail, format: SessionExportFormat): string {
  return format === 'md' ? toMarkdown(session) : toHtml(session);
}

function when(session: SessionDetail): string {
  return `${formatDutchDateTime(session.startsAt)} tot ${formatDutchTime(session.endsAt)}`;
}

function agendaLine(item: SessionDetail['agenda'][number]): { details: string; outcome: string | null } {
  const details = [item.presenterName, item.minutesAllotted ? `${item.minutesAllotted} min` : null]
    .filter(Boolean)
    .join(', ');
  return { details, outcome: item.outcome ? OUTCOME_LABELS[item.outcome] : null };
}

function actionLine(action: SessionDetail['decisions'][number]['actions'][number]): string {
  return [
    action.title,
    action.ownerName ? `eigenaar ${action.ownerName}` : null,
    action.dueDate ? `uiterlijk ${formatDutchDate(new Date(`${action.dueDate}T12:00:00Z`))}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Inline Markdown: characters that would format, link or break a table are escaped; newlines become spaces. */
export function escapeMarkdown(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_{}[\]<>|#!~])/g, '\\$1');
}

function toMarkdown(s: SessionDetail): string {
  const md = escapeMarkdown;
  const out: string[] = [`# ${md(s.title)}`, ''];
  out.push(`- **Soort:** ${SESSION_TYPE_LABELS[s.type]}`);
  out.push(`- **Status:** ${SESSION_STATE_LABELS[s.state]}`);
  out.push(`- **Werkgroep:** ${md(s.workgroupName)}`);
  out.push(`- **Wanneer:** ${when(s)}`);
  if (s.location) out.push(`- **Locatie:** ${md(s.location)}`);
  if (s.onlineUrl) out.push(`- **Online:** <${s.onlineUrl.replace(/[<>\s]/g, '')}>`);
  if (s.minutesDocumentTitle) out.push(`- **Verslag:** ${md(s.minutesDocumentTitle)}`);
  out.push('', '## Agenda', '');
  if (s.agenda.length === 0) out.push('_Nog geen agendapunten._');
  s.agenda.forEach((item, index) => {
    const { details, outcome } = agendaLine(item);
    out.push(
      `${index + 1}. **${md(item.title)}**${details ? ` (${md(details)})` : ''}${outcome ? ` - uitkomst: ${outcome}` : ''}`,
    );
    if (item.description.trim()) out.push(`   ${md(item.description)}`);
  });
  if (s.totalMinutes) out.push('', `Totaal: ${s.totalMinutes} minuten`);
  out.push('', '## Aanwezigheid', '');
  if (s.attendees.length === 0) out.push('_Niemand uitgenodigd._');
  else {
    out.push('| Naam | Organisatie | Status |', '| --- | --- | --- |');
    for (const a of s.attendees)
      out.push(`| ${md(a.displayName)} | ${md(a.organisationName ?? '')} | ${ATTENDANCE_LABELS[a.status]} |`);
  }
  out.push('', '## Besluiten', '');
  if (s.decisions.length === 0) out.push('_Geen besluiten vastgelegd._');
  s.decisions.forEach((d, index) => {
    out.push(`${index + 1}. ${md(d.text)}${d.agendaItemTitle ? ` (agendapunt: ${md(d.agendaItemTitle)})` : ''}`);
    for (const action of d.actions) out.push(`   - Actie: ${md(actionLine(action))}`);
  });
  return out.join('\n') + '\n';
}

function toHtml(s: SessionDetail): string {
  const h = escapeHtml;
  const meta: Array<[string, string]> = [
    ['Soort', h(SESSION_TYPE_LABELS[s.type])],
    ['Status', h(SESSION_STATE_LABELS[s.state])],
    ['Werkgroep', h(s.workgroupName)],
    ['Wanneer', h(when(s))],
  ];
  if (s.location) meta.push(['Locatie', h(s.location)]);
  if (s.onlineUrl) meta.push(['Online', `<a href="${h(s.onlineUrl)}">${h(s.onlineUrl)}</a>`]);
  if (s.minutesDocumentTitle) meta.push(['Verslag', h(s.minutesDocumentTitle)]);
  const agenda = s.agenda.length
    ? `<ol>${s.agenda
        .map((item) => {
          const { details, outcome } = agendaLine(item);
          return `<li><strong>${h(item.title)}</strong>${details ? ` (${h(details)})` : ''}${outcome ? ` <span class="outcome">uitkomst: ${h(outcome)}</span>` : ''}${item.description.trim() ? `<p>${h(item.description)}</p>` : ''}</li>`;
        })
        .join('')}</ol>${s.totalMinutes ? `<p>Totaal: ${s.totalMinutes} minuten</p>` : ''}`
    : '<p><em>Nog geen agendapunten.</em></p>';
  const attendance = s.attendees.length
    ? `<table><thead><tr><th scope="col">Naam</th><th scope="col">Organisatie</th><th scope="col">Status</th></tr></thead><tbody>${s.attendees
        .map(
          (a) =>
            `<tr><td>${h(a.displayName)}</td><td>${h(a.organisationName ?? '')}</td><td>${h(ATTENDANCE_LABELS[a.status])}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p><em>Niemand uitgenodigd.</em></p>';
  const decisions = s.decisions.length
    ? `<ol>${s.decisions
        .map(
          (d) =>
            `<li>${h(d.text)}${d.agendaItemTitle ? ` <span class="ref">(agendapunt: ${h(d.agendaItemTitle)})</span>` : ''}${
              d.actions.length ? `<ul>${d.actions.map((a) => `<li>Actie: ${h(actionLine(a))}</li>`).join('')}</ul>` : ''
            }</li>`,
        )
        .join('')}</ol>`
    : '<p><em>Geen besluiten vastgelegd.</em></p>';
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${h(s.title)}</title>
<style>
body { font-family: system-ui, sans-serif; line-height: 1.45; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; }
.outcome, .ref { color: #444; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } h2 { break-after: avoid; } li, tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${h(s.title)}</h1>
<dl>${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>Agenda</h2>
${agenda}
<h2>Aanwezigheid</h2>
${attendance}
<h2>Besluiten</h2>
${decisions}
</body>
</html>
`;
}
