import mammoth from 'mammoth';
import { Api, DEMO, expectStatus, WORKGROUP_NAMES } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

describe('document export formats over HTTP', () => {
  let t: TestApp;
  let api: Api;
  let documentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    api = new Api(t);
    const workgroupId = await api.workgroupId(WORKGROUP_NAMES.ondermijning);
    documentId = (
      expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${workgroupId}/documents`, {
          title: 'Plan <concept> & aanpak',
          kind: 'plan_van_aanpak',
        }),
        201,
      ).body as { id: string }
    ).id;
  });
  afterAll(() => t.close());

  const download = async (format: string, email: string = DEMO.riec) =>
    t
      .http()
      .get(`/api/documents/${documentId}/export?format=${format}`)
      .set('Authorization', `Bearer ${await api.token(email)}`)
      .responseType('blob');

  it('downloads DOCX that Word readers open, with the template headings', async () => {
    const response = expectStatus(await download('docx'), 200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toContain('.docx');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const { value: html } = await mammoth.convertToHtml({ buffer: response.body as Buffer });
    expect(html).toContain('<h1>Plan van aanpak</h1>');
    expect(html).toContain('<h2>Aanleiding en doel</h2>');
  });

  it('downloads ODT as an OpenDocument package', async () => {
    const response = expectStatus(await download('odt'), 200);
    expect(response.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    const body = response.body as Buffer;
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.subarray(38, 77).toString()).toBe('application/vnd.oasis.opendocument.text');
  });

  it('downloads a complete HTML page titled after the document, and escaped Markdown', async () => {
    const html = expectStatus(await api.get(DEMO.riec, `/api/documents/${documentId}/export?format=html`), 200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(html.text).toContain('<title>Plan &lt;concept&gt; &amp; aanpak</title>');
    const md = expectStatus(await api.get(DEMO.riec, `/api/documents/${documentId}/export?format=md`), 200);
    expect(md.text).toContain('# Plan van aanpak');
  });

  it('refuses an unknown format in Dutch, and old versions only as html, md or text', async () => {
    const unknown = expectStatus(await api.get(DEMO.riec, `/api/documents/${documentId}/export?format=pdf`), 400);
    expect(JSON.stringify(unknown.body)).toContain('Kies als formaat html, md, text, docx of odt.');
    const version = expectStatus(
      await api.post(DEMO.aanjagerOndermijning, `/api/documents/${documentId}/versions`, { name: 'Eerste' }),
      201,
    ).body as { id: string };
    expectStatus(await api.get(DEMO.riec, `/api/documents/${documentId}/versions/${version.id}?format=docx`), 400);
    expectStatus(await api.get(DEMO.riec, `/api/documents/${documentId}/versions/${version.id}?format=html`), 200);
  });

  it('answers 404 to someone outside the werkgroep, for every format', async () => {
    for (const format of ['docx', 'odt']) expectStatus(await download(format, DEMO.aanjagerCyber), 404);
  });
});
