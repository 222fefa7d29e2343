import type { Namespace } from 'socket.io';
import { LiveGateway } from '../../apps/api/src/realtime/live.gateway';
import { eventually } from '../support/collab-client';
import { files, multipartBody } from '../support/file-fixtures';
import { freePort } from '../support/server-process';
import { createTestApp, TestApp } from '../support/test-app';
import { BrowserPages, describeWithBrowser, launchChromium } from './support/browser-harness';

/**
 * Live file lists in the browser (docs/files.md, "Live updates"): a member looks at a session's attachments
 * while the aanjager uploads, versions and archives a file elsewhere; the list follows without a reload.
 */
const AANJAGER = 'aanjager.ondermijning@demo.koers.nl';
const MEMBER = 'ovj.ondermijning@demo.koers.nl';

describeWithBrowser('test/browser/files-live.spec.ts')('live attachment lists in the browser', () => {
  let t: TestApp;
  let pages: BrowserPages;
  let workgroupId: string;
  let token: string;

  beforeAll(async () => {
    const port = await freePort();
    const [app, browser] = await Promise.all([
      createTestApp({ KOERS_ALLOWED_ORIGINS: `http://127.0.0.1:${port}` }, { port }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 1200, height: 900 });
    token = await t.login(AANJAGER);
    const workgroups = await t.http().get('/api/workgroups').set('Authorization', `Bearer ${token}`).expect(200);
    workgroupId = (workgroups.body as Array<{ id: string; name: string }>).find((w) =>
      w.name.includes('Ondermijning'),
    )!.id;
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it("shows another person's upload, new version and archiving without a reload", async () => {
    const session = (
      await t
        .http()
        .post(`/api/workgroups/${workgroupId}/sessions`)
        .set('Authorization', `Bearer ${token}`)
        .send({
          type: 'werksessie',
          title: `Werksessie live bijlagen ${Date.now()}`,
          startsAt: '2030-05-02T13:00:00+02:00',
          endsAt: '2030-05-02T15:00:00+02:00',
        })
        .expect(201)
    ).body as { id: string };
    const { page, pageErrors } = await pages.newPage();
    await pages.login(page, MEMBER);
    await page.goto(`${t.url}/werkgroepen/${workgroupId}/sessies/${session.id}`);
    await page.getByText('Nog geen bijlagen.').waitFor();
    // The page's socket has joined the session's file room (on the server) before anything changes.
    const namespace = (t.app.get(LiveGateway) as unknown as { namespace: Namespace }).namespace;
    await eventually(async () =>
      expect(await namespace.in(`files:session:${session.id}`).fetchSockets()).toHaveLength(1),
    );

    const send = (path: string, name: string, size: number) => {
      const { body, contentType } = multipartBody(name, files.pdf(size, name));
      return t
        .http()
        .post(path)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', contentType)
        .send(body)
        .expect(201);
    };
    const uploaded = (await send(`/api/sessions/${session.id}/files`, 'Presentatie live.pdf', 900)).body as {
      id: string;
    };
    await page.getByRole('link', { name: 'Presentatie live.pdf', exact: true }).waitFor();
    await send(`/api/files/${uploaded.id}/versions`, 'Presentatie live v2.pdf', 1200);
    await page.getByRole('link', { name: 'Presentatie live v2.pdf', exact: true }).waitFor();
    await t.http().delete(`/api/files/${uploaded.id}`).set('Authorization', `Bearer ${token}`).expect(204);
    await page.getByRole('link', { name: 'Presentatie live v2.pdf', exact: true }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
