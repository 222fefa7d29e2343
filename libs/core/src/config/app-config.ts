import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where the data lives: a real PostgreSQL server, or the embedded PGlite database. */
export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string | null; loadDumpFile?: string };

export interface AuthConfig {
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** A session unused for this long ends (beside the absolute sessionTtlSeconds). */
  sessionIdleTimeoutSeconds: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  cookieSecure: boolean;
  /**
   * Key material for secrets at rest (TOTP secrets): KOERS_SECRET_KEY, or the JWT secret when unset
   * (a 256-bit key is derived with HKDF). Earlier keys in KOERS_SECRET_KEY_PREVIOUS only decrypt (rotation).
   */
  secretKey: string;
  previousSecretKeys: string[];
}

export const API_DOCS_MODES = ['on', 'off', 'authenticated'] as const;
export type ApiDocsMode = (typeof API_DOCS_MODES)[number];

export interface HttpConfig {
  host: string;
  port: number;
  /** Origins allowed to call the API from a browser (CORS and, later, the socket handshake). */
  allowedOrigins: string[];
  /** The OpenAPI document and its viewer at /api/docs: for everyone, for logged-in users, or not at all. */
  apiDocs: ApiDocsMode;
  /** Built web client to serve at `/`; null when not built (API only). */
  webDistDir: string | null;
  loginRateLimitPerMinute: number;
  /** Login attempts per account (e-mail address) per minute, whatever address they come from. */
  loginAccountRateLimitPerMinute: number;
  /**
   * Proxies whose X-Forwarded-For is believed (Express `trust proxy`: addresses, CIDR ranges or `loopback`);
   * false trusts none: the client address is the connection's.
   */
  trustedProxies: string[] | false;
}

export interface CollabConfig {
  /** Largest Yjs message a client may send; larger ones are refused with PAYLOAD_TOO_LARGE. */
  maxMessageBytes: number;
  /** Messages per second per connection (a burst of twice this is allowed). */
  rateLimitPerSecond: number;
  /** Bytes per second per connection (bursts of twice this, at least one largest message). */
  bytesPerSecond: number;
  /** Messages per second per account over all its connections on one instance. */
  accountRateLimitPerSecond: number;
  /** Bytes per second per account over all its connections on one instance. */
  accountBytesPerSecond: number;
  /** A document nobody has open is merged and dropped from memory after this long. */
  unloadAfterMs: number;
  /** Merge the update log into the snapshot after this many new updates. */
  compactAfterUpdates: number;
  /** A document that does not load within this time fails to open (never opens empty). */
  loadTimeoutMs: number;
  /** Structs in one update (KOERS_COLLAB_MAX_UPDATE_ITEMS). */
  maxUpdateItems: number;
  /** Client ids in one update (KOERS_COLLAB_MAX_UPDATE_CLIENTS). */
  maxUpdateClients: number;
  /** Structs one document may hold (KOERS_COLLAB_MAX_DOCUMENT_ITEMS). */
  maxDocumentItems: number;
  /** Client ids one document may hold (KOERS_COLLAB_MAX_DOCUMENT_CLIENTS). */
  maxDocumentClients: number;
  /** Items Yjs may step over to integrate one update (KOERS_COLLAB_MAX_INTEGRATION_STEPS): bounds its quadratic ordering work. */
  maxIntegrationSteps: number;
  /** A write-permission re-check that takes longer is answered UNAVAILABLE (the queue moves on). */
  permissionCheckTimeoutMs: number;
  /** Updates of one connection waiting (for a permission re-check) before RATE_LIMITED. */
  maxQueuedPerConnection: number;
}

export interface ReminderConfig {
  /** How often the reminder job looks for due and overdue actions; 0 turns the timer off. */
  intervalMs: number;
  /** An open action due within this many days counts as "binnenkort". */
  dueSoonDays: number;
}

/** Where the weekly digest is sent through: one SMTP URL, or host and port with optional credentials. */
export type SmtpConfig =
  { url: string } | { host: string; port: number; secure: boolean; user: string | null; pass: string | null };

export interface MailConfig {
  smtp: SmtpConfig;
  /**
   * A relay on this host or network (KOERS_SMTP_LOCAL_RELAY): TLS is used when offered but not required,
   * and its certificate is not verified. Otherwise STARTTLS (or TLS from the start) with a verified
   * certificate is required, and a server without it gets neither password nor mail.
   */
  localRelay: boolean;
  /** The From address, e.g. "Koers <koers@veiligheidsregio.nl>". */
  from: string;
  /** Where people open Koers, for the links in a mail (no trailing slash). */
  publicUrl: string;
  /** When the weekly digest goes out, in Europe/Amsterdam: ISO weekday (1 = Monday) and time. */
  digestWeekday: number;
  digestTime: { hour: number; minute: number };
  /** How often an instance checks whether the week's digest is due; 0 turns the timer off. */
  digestCheckIntervalMs: number;
}

/** Attachments (docs/files.md). */
export interface FilesConfig {
  /** Largest file accepted, in bytes (KOERS_FILES_MAX_BYTES, default 25 MB). */
  maxBytes: number;
  /** clamd to scan every upload with (KOERS_CLAMAV_URL, tcp://host:3310); null: no scan. */
  clamav: { host: string; port: number; timeoutMs: number } | null;
  /** Chunks of an upload that never finished are removed once this old (KOERS_FILES_ORPHAN_MINUTES, default 60). */
  orphanMinutes: number;
  /** How often an instance sweeps orphaned chunks and looks for dossier jobs left behind; 0: only at start. */
  sweepIntervalMs: number;
  /** A dossier job whose builder made no progress for this long is taken over (KOERS_DOSSIER_STALE_MS). */
  dossierStaleMs: number;
}

export interface AppConfig {
  production: boolean;
  dataDir: string;
  database: DatabaseConfig;
  auth: AuthConfig;
  http: HttpConfig;
  collab: CollabConfig;
  reminders: ReminderConfig;
  files: FilesConfig;
  /** E-mail (the weekly digest): null unless SMTP is configured, and then no mail is sent at all. */
  mail: MailConfig | null;
  demo: boolean;
  /** Creates the region and the first secretariat account on an empty database (production set-up). */
  bootstrap: { regionName: string; adminEmail: string; adminPassword: string } | null;
  redisUrl: string | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the configuration from the environment once, at boot.
 * Every problem is reported together so an operator fixes them in one go.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const dataDir = path.resolve(cwd, env.KOERS_DATA_DIR || 'data');

  let database: DatabaseConfig;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    database = { kind: 'postgres', url: env.DATABASE_URL, poolSize: int('DATABASE_POOL_SIZE', 10, 1, 100) };
  } else {
    if (production)
      problems.push(
        'DATABASE_URL is required when NODE_ENV=production (the embedded database is for trying Koers out)',
      );
    database = { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  }

  let jwtSecret = env.KOERS_JWT_SECRET ?? '';
  if (!jwtSecret) {
    if (production) problems.push('KOERS_JWT_SECRET is required when NODE_ENV=production');
    else jwtSecret = developmentSecret(dataDir);
  } else if (jwtSecret.length < 32) {
    problems.push('KOERS_JWT_SECRET must be at least 32 characters');
  }

  const secretKey = env.KOERS_SECRET_KEY ?? '';
  if (secretKey && secretKey.length < 32) problems.push('KOERS_SECRET_KEY must be at least 32 characters');
  const previousSecretKeys = (env.KOERS_SECRET_KEY_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);

  const port = int('PORT', 3000, 1, 65535);
  const allowedOrigins = (env.KOERS_ALLOWED_ORIGINS ?? `http://localhost:${port},http://127.0.0.1:${port}`)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin))
      problems.push(`KOERS_ALLOWED_ORIGINS: "${origin}" is not an origin like https://koers.example.nl`);
  }

  const proxies = (env.KOERS_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((proxy) => proxy.trim())
    .filter(Boolean);
  for (const proxy of proxies) {
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i.test(proxy))
      problems.push(`KOERS_TRUSTED_PROXIES: "${proxy}" is not an IP address, a CIDR range or loopback`);
  }
  const trustedProxies = proxies.length ? proxies : false;

  const webDistDir = path.resolve(cwd, env.KOERS_WEB_DIST || 'apps/web/dist');
  const apiDocsRaw = env.KOERS_API_DOCS?.trim().toLowerCase() || (production ? 'authenticated' : 'on');
  const apiDocs = API_DOCS_MODES.find((mode) => mode === apiDocsRaw) ?? 'off';
  if (apiDocs !== apiDocsRaw)
    problems.push(`KOERS_API_DOCS must be on, off or authenticated (got "${env.KOERS_API_DOCS}")`);
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');

  let bootstrap: AppConfig['bootstrap'] = null;
  if (env.KOERS_ADMIN_EMAIL || env.KOERS_ADMIN_PASSWORD) {
    const adminEmail = env.KOERS_ADMIN_EMAIL ?? '';
    const adminPassword = env.KOERS_ADMIN_PASSWORD ?? '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) problems.push('KOERS_ADMIN_EMAIL must be an e-mail address');
    if (adminPassword.length < 12) problems.push('KOERS_ADMIN_PASSWORD must be at least 12 characters');
    bootstrap = { regionName: env.KOERS_REGION_NAME || 'Mijn regio', adminEmail, adminPassword };
  }

  const mail = loadMailConfig(env, problems, int);

  let clamav: FilesConfig['clamav'] = null;
  if (env.KOERS_CLAMAV_URL) {
    const match = /^tcp:\/\/([^:/\s]+):(\d{1,5})\/?$/.exec(env.KOERS_CLAMAV_URL.trim());
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535)
      problems.push(`KOERS_CLAMAV_URL must look like tcp://clamav:3310 (got "${env.KOERS_CLAMAV_URL}")`);
    else
      clamav = {
        host: match[1],
        port: Number(match[2]),
        timeoutMs: int('KOERS_CLAMAV_TIMEOUT_MS', 30_000, 100, 600_000),
      };
  }

  const config: AppConfig = {
    production,
    dataDir,
    database,
    auth: {
      jwtSecret,
      jwtIssuer: env.KOERS_JWT_ISSUER || 'koers',
      jwtAudience: env.KOERS_JWT_AUDIENCE || 'koers-api',
      accessTokenTtlSeconds: int('KOERS_ACCESS_TOKEN_TTL', 900, 60, 86_400),
      sessionTtlSeconds: int('KOERS_SESSION_TTL', 12 * 3600, 300, 30 * 86_400),
      sessionIdleTimeoutSeconds: int('KOERS_SESSION_IDLE_TIMEOUT', 1800, 60, 30 * 86_400),
      loginMaxFailures: int('KOERS_LOGIN_MAX_FAILURES', 5, 1, 100),
      loginLockMinutes: int('KOERS_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      cookieSecure: bool('KOERS_COOKIE_SECURE', production),
      secretKey: secretKey || jwtSecret,
      previousSecretKeys,
    },
    http: {
      host: env.HOST || '127.0.0.1',
      port,
      allowedOrigins,
      apiDocs,
      webDistDir: fs.existsSync(path.join(webDistDir, 'index.html')) ? webDistDir : null,
      loginRateLimitPerMinute: int('KOERS_LOGIN_RATE_LIMIT', 20, 1, 10_000),
      loginAccountRateLimitPerMinute: int('KOERS_LOGIN_ACCOUNT_RATE_LIMIT', 10, 1, 10_000),
      trustedProxies,
    },
    collab: {
      maxMessageBytes: int('KOERS_COLLAB_MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      rateLimitPerSecond: int('KOERS_COLLAB_RATE_LIMIT', 200, 1, 100_000),
      bytesPerSecond: int('KOERS_COLLAB_BYTES_PER_SECOND', 2 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      accountRateLimitPerSecond: int('KOERS_COLLAB_ACCOUNT_RATE_LIMIT', 400, 1, 100_000),
      accountBytesPerSecond: int('KOERS_COLLAB_ACCOUNT_BYTES_PER_SECOND', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      unloadAfterMs: int('KOERS_COLLAB_UNLOAD_AFTER_MS', 30_000, 0, 3_600_000),
      compactAfterUpdates: int('KOERS_COLLAB_COMPACT_AFTER', 500, 10, 1_000_000),
      loadTimeoutMs: int('KOERS_COLLAB_LOAD_TIMEOUT_MS', 10_000, 100, 600_000),
      maxUpdateItems: int('KOERS_COLLAB_MAX_UPDATE_ITEMS', 10_000, 10, 10_000_000),
      maxUpdateClients: int('KOERS_COLLAB_MAX_UPDATE_CLIENTS', 100, 1, 100_000),
      maxDocumentItems: int('KOERS_COLLAB_MAX_DOCUMENT_ITEMS', 300_000, 100, 100_000_000),
      maxDocumentClients: int('KOERS_COLLAB_MAX_DOCUMENT_CLIENTS', 50_000, 10, 10_000_000),
      maxIntegrationSteps: int('KOERS_COLLAB_MAX_INTEGRATION_STEPS', 20_000, 100, 100_000_000),
      permissionCheckTimeoutMs: int('KOERS_COLLAB_PERMISSION_TIMEOUT_MS', 3_000, 100, 60_000),
      maxQueuedPerConnection: int('KOERS_COLLAB_MAX_QUEUED', 100, 1, 100_000),
    },
    reminders: {
      intervalMs: int('KOERS_REMINDER_INTERVAL_MS', 15 * 60_000, 0, 24 * 3_600_000),
      dueSoonDays: int('KOERS_REMINDER_DUE_SOON_DAYS', 3, 1, 30),
    },
    files: {
      maxBytes: int('KOERS_FILES_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      clamav,
      orphanMinutes: int('KOERS_FILES_ORPHAN_MINUTES', 60, 1, 7 * 24 * 60),
      sweepIntervalMs: int('KOERS_FILES_SWEEP_INTERVAL_MS', 5 * 60_000, 0, 24 * 3_600_000),
      dossierStaleMs: int('KOERS_DOSSIER_STALE_MS', 2 * 60_000, 1_000, 24 * 3_600_000),
    },
    mail,
    demo: bool('KOERS_DEMO', !production),
    bootstrap,
    redisUrl,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * SMTP for the weekly digest: KOERS_SMTP_URL (smtp:// or smtps://, credentials in the URL), or
 * KOERS_SMTP_HOST with KOERS_SMTP_PORT/_SECURE/_USER/_PASS. With either, KOERS_MAIL_FROM and
 * KOERS_PUBLIC_URL are required. Without both, there is no e-mail and the other settings are ignored.
 */
function loadMailConfig(
  env: Env,
  problems: string[],
  int: (name: string, fallback: number, min: number, max: number) => number,
): MailConfig | null {
  const url = env.KOERS_SMTP_URL?.trim();
  const host = env.KOERS_SMTP_HOST?.trim();
  if (!url && !host) return null;
  let smtp: SmtpConfig;
  if (url) {
    if (host) problems.push('Set KOERS_SMTP_URL or KOERS_SMTP_HOST, not both');
    if (!/^smtps?:\/\/[^/\s]+/.test(url))
      problems.push('KOERS_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.nl:587');
    smtp = { url };
  } else {
    const port = int('KOERS_SMTP_PORT', 587, 1, 65535);
    const rawSecure = env.KOERS_SMTP_SECURE?.trim().toLowerCase();
    let secure = port === 465;
    if (rawSecure) {
      if (['1', 'true', 'on', 'yes'].includes(rawSecure)) secure = true;
      else if (['0', 'false', 'off', 'no'].includes(rawSecure)) secure = false;
      else problems.push(`KOERS_SMTP_SECURE must be true or false (got "${env.KOERS_SMTP_SECURE}")`);
    }
    const user = env.KOERS_SMTP_USER || null;
    const pass = env.KOERS_SMTP_PASS || null;
    if (Boolean(user) !== Boolean(pass)) problems.push('KOERS_SMTP_USER and KOERS_SMTP_PASS go together');
    smtp = { host: host!, port, secure, user, pass };
  }
  const from = env.KOERS_MAIL_FROM?.trim() ?? '';
  if (!/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/.test(from))
    problems.push('KOERS_MAIL_FROM must be an e-mail address (optionally "Name <address>") when SMTP is set');
  const publicUrl = (env.KOERS_PUBLIC_URL?.trim() ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(publicUrl))
    problems.push(
      'KOERS_PUBLIC_URL must be the http(s) address where people open Koers when SMTP is set, e.g. https://koers.example.nl',
    );
  const time = /^(\d{1,2}):(\d{2})$/.exec(env.KOERS_DIGEST_TIME?.trim() || '07:00');
  const digestTime =
    time && Number(time[1]) < 24 && Number(time[2]) < 60 ? { hour: Number(time[1]), minute: Number(time[2]) } : null;
  if (!digestTime) problems.push(`KOERS_DIGEST_TIME must be a time like 07:00 (got "${env.KOERS_DIGEST_TIME}")`);
  const rawRelay = env.KOERS_SMTP_LOCAL_RELAY?.trim().toLowerCase();
  if (rawRelay && !['1', 'true', 'on', 'yes', '0', 'false', 'off', 'no'].includes(rawRelay))
    problems.push(`KOERS_SMTP_LOCAL_RELAY must be true or false (got "${env.KOERS_SMTP_LOCAL_RELAY}")`);
  return {
    smtp,
    localRelay: ['1', 'true', 'on', 'yes'].includes(rawRelay ?? ''),
    from,
    publicUrl,
    digestWeekday: int('KOERS_DIGEST_WEEKDAY', 1, 1, 7),
    digestTime: digestTime ?? { hour: 7, minute: 0 },
    digestCheckIntervalMs: int('KOERS_DIGEST_CHECK_INTERVAL_MS', 10 * 60_000, 0, 24 * 3_600_000),
  };
}

/** Outside production a signing secret is generated once and kept in the data directory. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
