import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ACCESS_COOKIE } from '@koers/identity';
import { createTestApp, TestApp } from './support/test-app';

/** A built client as the Vite build leaves it: hashed assets, each text file beside a .br and a .gz copy. */
function writeWebDist(dir: string) {
  const files: Record<string, string> = {
    'index.html':
      '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script>' +
      '<link rel="modulepreload" href="/assets/common-Cc11.js"></head><body><div id="root"></div></body></html>',
    'assets/index-Ab12Cd34.js': `console.log(${JSON.stringify('koers '.repeat(200))});`,
    'assets/index-Ef56Gh78.css': `body { margin: 0; }\n`.repeat(50),
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>',
    // Vite's build manifest: the entry (loaded by index.html), the frame and the document page's chunks.
    '.vite/manifest.json': JSON.stringify({
      'index.html': { file: 'assets/index-Ab12Cd34.js', isEntry: true, imports: ['_common-Cc11.js'] },
      '_common-Cc11.js': { file: 'assets/common-Cc11.js' },
      'src/components/Layout.tsx': { file: 'assets/Layout-Ll22.js', imports: ['index.html', '_common-Cc11.js'] },
      'src/pages/DocumentPage.tsx': {
        file: 'assets/DocumentPage-Dd33.js',
        imports: ['index.html', '_panels-Pp44.js'],
        css: ['assets/DocumentPage-Dd33.css'],
      },
      '_panels-Pp44.js': { file: 'assets/panels-Pp44.js', imports: ['_common-Cc11.js'] },
    }),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  return files;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body stays as the server sent it (supertest and fetch would decode it). */
function rawGet(baseUrl: string, urlPath: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(urlPath, baseUrl), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('the web client served by the API', () => {
  let t: TestApp;
  let webDist: string;
  let files: Record<string, string>;

  beforeAll(async () => {
    webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-web-'));
    files = writeWebDist(webDist);
    t = await createTestApp({ KOERS_WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed to a browser that accepts br, cached for a year', async () => {
    const response = await rawGet(t.url, '/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(response.body).toString()).toBe(files['assets/index-Ab12Cd34.js']);
  });

  it('sends gzip to a client that accepts only gzip, and the plain file to one that accepts neither', async () => {
    const gzipped = await rawGet(t.url, '/assets/index-Ef56Gh78.css', { 'Accept-Encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/^text\/css/);
    expect(zlib.gunzipSync(gzipped.body).toString()).toBe(files['assets/index-Ef56Gh78.css']);

    const plain = await rawGet(t.url, '/assets/index-Ef56Gh78.css', { 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.body.toString()).toBe(files['assets/index-Ef56Gh78.css']);
  });

  it('answers a navigation route with index.html that the browser must revalidate', async () => {
    for (const route of ['/', '/werkgroepen/1/acties', '/documenten/0b8f3c1e-5e55-4c1a-9f0e-0c9f1d2a3b4c']) {
      const response = await rawGet(t.url, route, {
        Accept: 'text/html,application/xhtml+xml',
        'Accept-Encoding': 'br',
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(zlib.brotliDecompressSync(response.body).toString()).toBe(files['index.html']);
    }
  });

  it("names a first screen's chunks and, with a session cookie, its data in a Link header", async () => {
    const id = '0b8f3c1e-5e55-4c1a-9f0e-0c9f1d2a3b4c';
    const links = (header: string | string[] | undefined) => (header ? String(header).split(', ') : []);
    const navigate = (route: string, cookie?: string) =>
      rawGet(t.url, route, { Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}) });

    const loggedIn = await navigate(`/documenten/${id}`, `${ACCESS_COOKIE}=not-checked-here`);
    expect(loggedIn.status).toBe(200);
    expect(links(loggedIn.headers['link']).sort()).toEqual(
      [
        // The frame, the page and what they import that index.html does not load already.
        '</assets/Layout-Ll22.js>; rel=modulepreload',
        '</assets/DocumentPage-Dd33.js>; rel=modulepreload',
        '</assets/panels-Pp44.js>; rel=modulepreload',
        '</assets/DocumentPage-Dd33.css>; rel=preload; as=style; crossorigin',
        '</api/me>; rel=preload; as=fetch; crossorigin',
        `</api/documents/${id}>; rel=preload; as=fetch; crossorigin`,
      ].sort(),
    );

    // Without a session cookie the answers would be 401s: only the code is preloaded.
    const anonymous = links((await navigate(`/documenten/${id}`)).headers['link']);
    expect(anonymous).toContain('</assets/DocumentPage-Dd33.js>; rel=modulepreload');
    expect(anonymous.filter((link) => link.startsWith('</api/'))).toEqual([]);

    // Another page: only the session check; not an id: no data route; the login page: nothing.
    expect(links((await navigate('/cyclus', `${ACCESS_COOKIE}=x`)).headers['link'])).toEqual([
      '</api/me>; rel=preload; as=fetch; crossorigin',
    ]);
    expect(links((await navigate('/documenten/abc', `${ACCESS_COOKIE}=x`)).headers['link'])).toEqual([
      '</api/me>; rel=preload; as=fetch; crossorigin',
    ]);
    expect((await navigate('/inloggen', `${ACCESS_COOKIE}=x`)).headers['link']).toBeUndefined();
    // A file is not a page.
    const asset = await rawGet(t.url, '/assets/index-Ab12Cd34.js', { Cookie: `${ACCESS_COOKIE}=x` });
    expect(asset.headers['link']).toBeUndefined();
  });

  it('serves unhashed public files with a short cache lifetime', async () => {
    const response = await t.http().get('/favicon.svg').set('Accept-Encoding', 'identity').expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('answers a missing asset or file with a 404, not with the app', async () => {
    const missing = ['/assets/nope.js', '/assets/index-Ab12Cd34.css', '/favicon-nope.png', '/assets/'];
    // The build manifest (for scripts/check-web-bundle.mjs) is not published.
    for (const urlPath of [...missing, '/.vite/manifest.json']) {
      const response = await t.http().get(urlPath).set('Accept', 'text/html,*/*').set('Accept-Encoding', 'br, gzip');
      expect({ urlPath, status: response.status }).toEqual({ urlPath, status: 404 });
      expect(response.headers['content-type']).not.toMatch(/^text\/html/);
      expect(response.headers['cache-control']).not.toBe('public, max-age=31536000, immutable');
    }
  });

  it('leaves the API to the API', async () => {
    const response = await t.http().get('/api/health').set('Accept', 'text/html').expect(200);
    expect(response.body).toMatchObject({ status: 'ok' });
    await t.http().get('/api/nope').set('Accept', 'text/html').expect(404);
  });
});
