import { escapeHtml } from '@koers/core';
/** A mail about someone's account, in Dutch, as plain text and simple accessible HTML. */
export interface AccountMail {
  subject: string;
  text: string;
  html: string;
}

interface MailParts {
  subject: string;
  greeting: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  after?: string[];
}

function compose({ subject, greeting, paragraphs, link, after = [] }: MailParts): AccountMail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.text}: ${link.href}`, ''] : []),
    ...after.flatMap((p) => [p, '']),
    'Met vriendelijke groet,',
    'Koers',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a;">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.href)}" style="color: #0b4f8a;">${escapeHtml(link.text)}</a></p>`] : []),
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
    '<p>Met vriendelijke groet,<br>Koers</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

const dutchDateTime = (date: Date) =>
  date.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** The region's own words an invitation speaks (Beheer › Regio), e.g. "Regionaal Beleidsplan Veiligheid" and "Noord-Nederland". */
export interface InvitationWords {
  strategyName: string;
  regionName: string;
  bureauName: string;
}

export function invitationMail(
  person: { displayName: string },
  link: string,
  expiresAt: Date,
  words: InvitationWords,
): AccountMail {
  const strategy = [words.strategyName, words.regionName].filter(Boolean).join(' ');
  return compose({
    subject: 'Uitnodiging voor Koers',
    greeting: `Beste ${person.displayName},`,
    paragraphs: [
      `${words.bureauName} nodigt u uit voor Koers, het samenwerkingsplatform van de bestuurlijke werkgroepen van de ${strategy}.`,
      `Kies via de link hieronder uw wachtwoord. De link werkt één keer en is geldig tot ${dutchDateTime(expiresAt)}.`,
    ],
    link: { href: link, text: 'Wachtwoord instellen' },
    after: ['Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren.'],
  });
}

export function passwordResetMail(person: { displayName: string }, link: string, expiresAt: Date): AccountMail {
  return compose({
    subject: 'Nieuw wachtwoord voor Koers',
    greeting: `Beste ${person.displayName},`,
    paragraphs: [
      'Iemand heeft gevraagd om een nieuw wachtwoord voor uw account bij Koers.',
      `Kies via de link hieronder een nieuw wachtwoord. De link werkt één keer en is geldig tot ${dutchDateTime(expiresAt)}. Daarna worden al uw sessies beëindigd.`,
    ],
    link: { href: link, text: 'Nieuw wachtwoord kiezen' },
    after: ['Heeft u dit niet zelf gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft zoals het is.'],
  });
}

export function passwordChangedMail(person: { displayName: string }, when: Date): AccountMail {
  return compose({
    subject: 'Uw wachtwoord voor Koers is gewijzigd',
    greeting: `Beste ${person.displayName},`,
    paragraphs: [
      `Het wachtwoord van uw account bij Koers is gewijzigd op ${dutchDateTime(when)}. Uw andere sessies zijn beëindigd.`,
      'Heeft u dit niet zelf gedaan? Neem dan direct contact op met het secretariaat.',
    ],
  });
}

export function mfaResetMail(person: { displayName: string }, when: Date): AccountMail {
  return compose({
    subject: 'Uw tweede factor voor Koers is verwijderd',
    greeting: `Beste ${person.displayName},`,
    paragraphs: [
      `Het secretariaat heeft op ${dutchDateTime(when)} de tweede factor (authenticator-app) van uw account bij Koers verwijderd. Uw herstelcodes werken niet meer.`,
      'Bij de volgende keer inloggen stelt u een nieuwe tweede factor in.',
      'Heeft u hier niet om gevraagd? Neem dan direct contact op met het secretariaat.',
    ],
  });
}

export function unlockMail(
  person: { displayName: string },
  source: string,
  lockedUntil: Date,
  link: string,
  expiresAt: Date,
): AccountMail {
  return compose({
    subject: 'Inloggen bij Koers geblokkeerd vanaf één adres',
    greeting: `Beste ${person.displayName},`,
    paragraphs: [
      `Vanaf het adres ${source || 'onbekend'} is te vaak een verkeerd wachtwoord of een verkeerde code voor uw account ingevoerd. Inloggen vanaf dat adres is geblokkeerd tot ${dutchDateTime(lockedUntil)}; vanaf andere adressen kunt u gewoon inloggen.`,
      `Was u dit zelf? Dan kunt u de blokkade via de link hieronder direct opheffen. De link werkt één keer en is geldig tot ${dutchDateTime(expiresAt)}.`,
    ],
    link: { href: link, text: 'Blokkade opheffen' },
    after: [
      'Was u dit niet? Dan hoeft u niets te doen: de blokkade geldt alleen voor dat adres. Wijzig voor de zekerheid uw wachtwoord als u denkt dat iemand het kent.',
    ],
  });
}
