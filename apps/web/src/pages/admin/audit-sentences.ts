/**
 * The audit log in Dutch: what happened per event code ("auth.login" is "Inloggen"), the kind of thing it
 * happened to, and the summary as readable "Titel: …; Reden: …" instead of JSON. A code not listed here is
 * still shown sensibly: its thing and verb are looked up apart ("theme.archive" is "Prioriteit archiveren"),
 * and only what is unknown is shown as the code itself. The outcome (Gelukt, Geweigerd, Mislukt) stands
 * beside it, so each description names the attempt, not its result.
 */

const EVENTS: Record<string, string> = {
  'auth.login': 'Inloggen',
  'auth.logout': 'Uitloggen',
  'auth.token': 'Sessie verlengen',
  'auth.refresh_reuse': 'Hergebruik van een oude sessiesleutel (sessie beëindigd)',
  'auth.mfa': 'Inloggen met tweede factor',
  'auth.mfa_challenge': 'Code van de tweede factor controleren',
  'auth.password_change': 'Wachtwoord wijzigen',
  'auth.password_reset': 'Nieuw wachtwoord instellen via herstellink',
  'auth.password_reset_request': 'Herstellink voor wachtwoord aanvragen',
  'mfa.enrol': 'Tweede factor instellen',
  'mfa.reset': 'Tweede factor van een gebruiker intrekken',
  'mfa_policy.update': 'Regels voor de tweede factor wijzigen',
  'preferences.update': 'Persoonlijke instellingen wijzigen',
  'user.invite': 'Gebruiker uitnodigen',
  'user.invite_mail': 'Uitnodiging per e-mail versturen',
  'user.invitation_accept': 'Uitnodiging aanvaarden',
  'workgroup.member.add': 'Lid toevoegen aan werkgroep',
  'workgroup.member.update': 'Rol van werkgroeplid wijzigen',
  'workgroup.member.remove': 'Lid verwijderen uit werkgroep',
  'workgroup.read': 'Werkgroep bekijken',
  'strategy.mark_current': 'Strategie als huidige instellen',
  'session.agenda.create': 'Agendapunt toevoegen',
  'session.agenda.update': 'Agendapunt wijzigen',
  'session.agenda.delete': 'Agendapunt verwijderen',
  'session.agenda.reorder': 'Agenda herschikken',
  'session.attendance.update': 'Aanwezigheid bijwerken',
  'session.minutes.create': 'Verslag van sessie vastleggen',
  'decision.actions.create': 'Acties maken uit een besluit',
  'action.comment': 'Reageren op actie',
  'document.comment.create': 'Reactie plaatsen in document',
  'document.comment.reply': 'Antwoorden op reactie in document',
  'document.comment.edit': 'Reactie in document wijzigen',
  'document.comment.delete': 'Reactie in document verwijderen',
  'document.comment.resolve': 'Reactie in document afhandelen',
  'document.comment.reopen': 'Reactie in document heropenen',
  'document.version.create': 'Versie van document opslaan',
  'document.version.restore': 'Versie van document herstellen',
  'indicator.measurement.create': 'Meting toevoegen',
  'indicator.measurement.delete': 'Meting verwijderen',
  'progress_report.submit': 'Voortgangsrapportage indienen',
  'progress_report.accept': 'Voortgangsrapportage accepteren',
  'progress_report.return': 'Voortgangsrapportage terugsturen',
  'reporting_cycle.close': 'Rapportagecyclus sluiten en bundel verzegelen',
  'import.organisations': 'Organisaties importeren (CSV)',
  'import.users': 'Gebruikers importeren (CSV)',
  'import.members': 'Werkgroepleden importeren (CSV)',
  'region.composition.update': 'Standaardeisen voor de samenstelling wijzigen',
};

/** The kinds of things, as entity types and as the first part of event codes. */
const THINGS: Record<string, string> = {
  action: 'Actie',
  agenda_item: 'Agendapunt',
  comment: 'Reactie',
  decision: 'Besluit',
  district: 'District',
  document: 'Document',
  focus_area: 'Onderdeel',
  function: 'Functie',
  import: 'Import',
  indicator: 'Indicator',
  knowledge: 'Kennisbankitem',
  knowledge_item: 'Kennisbankitem',
  measurement: 'Meting',
  notification: 'Melding',
  organisation: 'Organisatie',
  progress_report: 'Voortgangsrapportage',
  region: 'Regio',
  reporting_cycle: 'Rapportagecyclus',
  session: 'Sessie',
  strategy: 'Strategie',
  theme: 'Prioriteit',
  user: 'Gebruiker',
  workgroup: 'Werkgroep',
  workgroup_member: 'Werkgroeplid',
};

const VERBS: Record<string, string> = {
  create: 'aanmaken',
  update: 'wijzigen',
  delete: 'verwijderen',
  archive: 'archiveren',
  read: 'bekijken',
  list: 'opvragen',
  export: 'exporteren',
  measure: 'meten',
  submit: 'indienen',
};

/** What happened, in Dutch: "Actie aanmaken". Unknown parts stay as the code. */
export function describeEvent(code: string): { text: string; known: boolean } {
  if (EVENTS[code]) return { text: EVENTS[code], known: true };
  const parts = code.split('.');
  const thing = THINGS[parts[0]];
  const verb = VERBS[parts[parts.length - 1]];
  if (thing && verb && parts.length === 2) return { text: `${thing} ${verb}`, known: true };
  return { text: code, known: false };
}

/** The kind of thing an entry is about, in Dutch ("workgroup_member" is "Werkgroeplid"). */
export function describeEntityType(type: string | null | undefined): string {
  if (!type) return '—';
  return THINGS[type] ?? type;
}

const FIELDS: Record<string, string> = {
  title: 'Titel',
  name: 'Naam',
  reason: 'Reden',
  changes: 'Gewijzigd',
  fields: 'Velden',
  from: 'van',
  to: 'naar',
  role: 'Rol',
  email: 'E-mailadres',
  status: 'Status',
  dueDate: 'Deadline',
  ownerId: 'Eigenaar',
  repeated: 'Herhaald',
  version: 'Versie',
  type: 'Soort',
  text: 'Tekst',
  value: 'Waarde',
  unit: 'Eenheid',
  locked: 'Geblokkeerd',
  method: 'Methode',
  invited: 'Uitgenodigd',
  mailed: 'Gemaild',
  platformRole: 'Platformrol',
  rvcMember: 'Lid van het college',
  weeklyDigest: 'Wekelijkse e-mail',
  startsAt: 'Begint',
  measuredOn: 'Gemeten op',
  permission: 'Recht',
  dependants: 'Afhankelijk',
  placement: 'Plaats',
  length: 'Lengte',
  path: 'Adres',
  sessionEnded: 'Sessie beëindigd',
  endedSessions: 'Beëindigde sessies',
  status_reason: 'Reden',
  statusReason: 'Reden',
  description: 'Omschrijving',
  priority: 'Prioriteit',
  focusAreaId: 'Onderdeel',
};

const REASONS: Record<string, string> = {
  wrong_password: 'onjuist wachtwoord of onbekend account',
  locked: 'account tijdelijk geblokkeerd',
  invalid_challenge: 'ongeldige of verlopen code',
  invalid_link: 'ongeldige of verlopen link',
  missing: 'niet gevonden',
  archived: 'gearchiveerd',
  in_use: 'nog in gebruik',
  crowded: 'te veel tegelijk',
  not_author: 'niet de schrijver',
  no_mail_configured: 'geen e-mail ingesteld',
  smtp_refused: 'de mailserver weigerde',
};

/** A field's name in Dutch; ids are named for what they point at ("documentId" is "Document"). */
function fieldName(key: string): string {
  if (FIELDS[key]) return FIELDS[key];
  const id = /^(.*?)Ids?$/.exec(key);
  if (id) {
    const thing = THINGS[id[1].replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())];
    if (thing) return thing;
  }
  return key;
}

function value(key: string, raw: unknown): string {
  if (raw === null || raw === undefined || raw === '') return '—';
  if (typeof raw === 'boolean') return raw ? 'ja' : 'nee';
  if (typeof raw === 'string') {
    if (key === 'reason' && REASONS[raw]) return REASONS[raw];
    // An id (uuid) reads better short; the entity column has the full one.
    return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(raw) ? raw.slice(0, 8) : raw;
  }
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw))
    return raw.map((item) => (typeof item === 'string' ? fieldName(item) : value(key, item))).join(', ');
  if (typeof raw === 'object') {
    const object = raw as Record<string, unknown>;
    if ('from' in object || 'to' in object) return `${value(key, object.from)} → ${value(key, object.to)}`;
    return Object.entries(object)
      .map(([k, v]) => `${fieldName(k)} ${value(k, v)}`)
      .join(', ');
  }
  return String(raw);
}

/** The summary of an entry as "Titel: …; Reden: …" (no JSON). */
export function describeSummary(summary: Record<string, unknown> | null | undefined): string | null {
  if (!summary) return null;
  const parts = Object.entries(summary).map(([key, raw]) => `${fieldName(key)}: ${value(key, raw)}`);
  return parts.length ? parts.join('; ') : null;
}
