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
  client: { client_id: string; client_secret: string; redirect_uris: string[] };
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
 * A browser as far as redirects and cookies go: follows every redirect with a cookie jar, and on the
 * provider's development login form signs in as `login` (consent is granted by the provider's policy).
 * Stops at the first page of Koers that is not an API route and answers its address and Koers's cookies.
 */
export async function browseSso(startUrl: string, login: string, koersOrigin: string) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  };
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
        return { location: url.slice(koersOrigin.length), cookies: new Map(jar) };
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || !prompt)
      throw new Error(`Unexpected page at ${url}: ${response.status} ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).toString();
    method = 'POST';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'x' } : { prompt }).toString();
  }
  throw new Error('Too many redirects');
}
