import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcAccount {
  email: string;
  email_verified: boolean;
  name?: string;
  amr?: string[];
  /** The authentication context class the login reports (e.g. eIDAS substantial). */
  acr?: string;
}

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts the real OpenID provider (`oidc-provider`, ESM) in a child process with these accounts (by login)
 * and one confidential client; resolves once it listens.
 */
export async function startOidcProvider(options: {
  accounts: Record<string, OidcAccount>;
  client: { client_id: string; client_secret: string; redirect_uris: string[]; post_logout_redirect_uris?: string[] };
}): Promise<RunningProvider> {
  // The script is ESM and given on stdin (a .mjs file would be outside the linted and checked sources).
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module'], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      OIDC_ACCOUNTS: JSON.stringify(options.accounts),
      OIDC_CLIENTS: JSON.stringify([options.client]),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(fs.readFileSync(path.join(__dirname, 'oidc-provider.esm')));
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice('READY '.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`oidc-provider exited (${code}): ${stderr.join('')}`)));
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Cookies by name, as one browser holds them for both the provider and Koers (both on 127.0.0.1, and cookies
 * do not tell ports apart). Pass the same jar to several calls to keep the provider's session between them.
 */
export type CookieJar = Map<string, string>;

const cookieHeaderOf = (jar: CookieJar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function rememberCookies(jar: CookieJar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

/**
 * A browser as far as redirects and cookies go: follows every redirect with a cookie jar, and on the
 * provider's development login form signs in as `login` (consent is granted by the provider's policy).
 * Stops at the first page of Koers that is not an API route and answers its address, Koers's cookies and
 * the provider's prompts on the way (none when the provider still had a session: no login form shown).
 */
export async function browseSso(startUrl: string, login: string, koersOrigin: string, jar: CookieJar = new Map()) {
  const cookieHeader = () => cookieHeaderOf(jar);
  const remember = (response: Response) => rememberCookies(jar, response);
  const prompts: string[] = [];
  let url = startUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    remember(response);
    method = 'GET';
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      if (url.startsWith(koersOrigin) && !new URL(url).pathname.startsWith('/api/'))
        return { location: url.slice(koersOrigin.length), cookies: new Map(jar), prompts };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !prompt)
      throw new Error(`Unexpected page at ${url}: ${response.status} ${html.slice(0, 300)}`);
    prompts.push(prompt);
    url = new URL(action.replace(/&amp;/g, '&'), url).toString();
    method = 'POST';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'x' } : { prompt }).toString();
  }
  throw new Error('Too many redirects');
}

/**
 * Follows the provider's end-session address (RP-initiated logout) as the browser with `jar` would: answers
 * "Yes, sign me out" on the provider's confirmation form and stops where the provider sends it back to Koers.
 */
export async function endSessionAtProvider(endSessionUrl: string, koersOrigin: string, jar: CookieJar) {
  let url = endSessionUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeaderOf(jar),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    rememberCookies(jar, response);
    method = 'GET';
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      if (url.startsWith(koersOrigin)) return { location: url.slice(koersOrigin.length) };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !xsrf)
      throw new Error(`Unexpected page at ${url}: ${response.status} ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).toString();
    method = 'POST';
    body = new URLSearchParams({ xsrf, logout: 'yes' }).toString();
  }
  throw new Error('Too many redirects');
}
