import {
  AttentionAction,
  AttentionReport,
  AttentionWorkgroupAction,
  dutchDate,
  NotificationView,
} from './notification.model';
import { escapeHtml, todayInNetherlands } from '@koers/core';

/** What the attention view holds for one person (`NotificationService.attention`). */
export interface DigestAttention {
  dueSoonUntil: string;
  overdue: AttentionAction[];
  dueSoon: AttentionAction[];
  reports: AttentionReport[];
  workgroupOverdue?: AttentionWorkgroupAction[];
  notifications: { unreadCount: number; items: NotificationView[] };
  total: number;
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

interface Entry {
  text: string;
  /** Absolute link into Koers. */
  href: string;
  /** The linked words (a title), the rest of `text` follows them. */
  linkText: string;
}

interface Section {
  heading: string;
  entries: Entry[];
  more?: string;
}

/** Where a person turns the digest off (the web client's settings page). */
export const PREFERENCES_PATH = '/instellingen';

/**
 * The weekly digest for one person, in Dutch, as plain text and as accessible HTML (a heading per kind
 * of item, lists, real links). Only titles, names of werkgroepen and dates: never descriptions, since the
 * working material is confidential and mail leaves our hands.
 */
export function composeDigest(
  person: { displayName: string },
  attention: DigestAttention,
  publicUrl: string,
  isoWeek: string,
): DigestMail {
  const url = (path: string) => `${publicUrl}${path}`;
  const action = (a: AttentionAction): Entry => ({
    linkText: a.title,
    text: ` – deadline ${dutchDate(a.dueDate)} – ${a.workgroupName}`,
    href: url(a.link),
  });
  const sections: Section[] = [];
  if (attention.overdue.length)
    sections.push({ heading: `Verlopen acties (${attention.overdue.length})`, entries: attention.overdue.map(action) });
  if (attention.dueSoon.length) {
    sections.push({
      heading: `Deadline tot en met ${dutchDate(attention.dueSoonUntil)} (${attention.dueSoon.length})`,
      entries: attention.dueSoon.map(action),
    });
  }
  if (attention.reports.length) {
    sections.push({
      heading: `Voortgangsrapportages (${attention.reports.length})`,
      entries: attention.reports.map((r) => ({
        linkText: `${r.task === 'indienen' ? 'Indienen' : 'Beoordelen'}: ${r.cycleTitle}`,
        text: ` – ${r.workgroupName}${r.task === 'indienen' ? `, uiterlijk ${dutchDate(r.deadline)}` : ' (ingediend)'}`,
        href: url(`/werkgroepen/${r.workgroupId}`),
      })),
    });
  }
  const stalled = attention.workgroupOverdue ?? [];
  if (stalled.length)
    sections.push({
      heading: `Verlopen acties van anderen in uw werkgroep (${stalled.length})`,
      entries: stalled.map((a) => ({
        ...action(a),
        text: ` – ${a.ownerName ?? 'geen eigenaar'}, deadline ${dutchDate(a.dueDate)} – ${a.workgroupName}`,
      })),
    });
  const unread = attention.notifications;
  if (unread.unreadCount) {
    const rest = unread.unreadCount - unread.items.length;
    sections.push({
      heading: `Ongelezen meldingen (${unread.unreadCount})`,
      entries: unread.items.map((n) => ({
        linkText: n.title,
        text: ` (${dutchDate(todayInNetherlands(new Date(n.createdAt)))})`,
        href: url(n.link ?? '/'),
      })),
      more: rest > 0 ? `En nog ${rest} ${rest === 1 ? 'melding' : 'meldingen'} in Koers.` : undefined,
    });
  }

  const week = Number(isoWeek.slice(6));
  const count = attention.total;
  const subject = `Koers, week ${week}: ${count} ${count === 1 ? 'punt wacht' : 'punten wachten'} op u`;
  const intro = `Dit wacht deze week op u in Koers.`;
  const footer = `U krijgt deze e-mail eens per week, alleen als er iets op u wacht. Liever niet meer? Zet de wekelijkse e-mail uit bij Mijn instellingen:`;

  const text = [
    `Beste ${person.displayName},`,
    '',
    intro,
    ...sections.flatMap((s) => [
      '',
      s.heading,
      ...s.entries.flatMap((e) => [`- ${e.linkText}${e.text}`, `  ${e.href}`]),
      ...(s.more ? [s.more] : []),
    ]),
    '',
    `Open Koers: ${url('/')}`,
    '',
    '-- ',
    footer,
    url(PREFERENCES_PATH),
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em; margin: 0 auto; padding: 1em;">',
    `<h1 style="font-size: 1.4em;">Wat op u wacht in Koers (week ${week})</h1>`,
    `<p>Beste ${escapeHtml(person.displayName)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...sections.flatMap((s) => [
      `<h2 style="font-size: 1.15em;">${escapeHtml(s.heading)}</h2>`,
      '<ul>',
      ...s.entries.map(
        (e) =>
          `<li><a href="${escapeHtml(e.href)}" style="color: #0b4f8a;">${escapeHtml(e.linkText)}</a>${escapeHtml(e.text)}</li>`,
      ),
      '</ul>',
      ...(s.more ? [`<p>${escapeHtml(s.more)}</p>`] : []),
    ]),
    `<p><a href="${escapeHtml(url('/'))}" style="color: #0b4f8a;">Koers openen</a></p>`,
    '<hr>',
    `<p style="font-size: 0.9em;">${escapeHtml(footer)} <a href="${escapeHtml(url(PREFERENCES_PATH))}" style="color: #0b4f8a;">Mijn instellingen</a>.</p>`,
    '</body>',
    '</html>',
  ].join('\n');

  return { subject, text, html };
}
