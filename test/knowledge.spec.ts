import { Api, DEMO, errorBody, expectStatus } from './support/api-helpers';
import { createTestApp, TestApp } from './support/test-app';

interface Hit {
  id: string;
  title: string;
  tags: string[];
  status: string;
  gemeenten: Array<{ id: string; name: string }>;
  rank: number | null;
  highlight: { title: string; snippet: string } | null;
}

describe('kennisbank (lerende omgeving)', () => {
  let t: TestApp;
  let api: Api;
  const theme: Record<'ondermijning' | 'cyber' | 'onrust', string> = { ondermijning: '', cyber: '', onrust: '' };

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    const strategy = await api.strategy();
    const byPosition = (p: number) => strategy.themes.find((th) => th.position === p)!.id;
    theme.ondermijning = byPosition(1);
    theme.cyber = byPosition(2);
    theme.onrust = byPosition(3);
  });
  afterAll(() => t.close());

  const search = async (who: string, themeId: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return expectStatus(await api.get(who, `/api/themes/${themeId}/knowledge${qs ? `?${qs}` : ''}`), 200).body as {
      items: Hit[];
      total: number;
    };
  };
  const titles = (page: { items: Hit[] }) => page.items.map((h) => h.title);

  it('is seeded from the strategy: the named interventions per theme, with tags, status and gemeenten', async () => {
    const cyber = await search(DEMO.ambtelijkCyber, theme.cyber);
    expect(titles(cyber)).toEqual(
      expect.arrayContaining([
        'HackShield',
        'Hackers de baas',
        'Rebootcamp',
        'Podcast Digitaal beroofd',
        'Stopgesprekken met geldezels',
      ]),
    );
    const ondermijning = await search(DEMO.ambtelijkOndermijning, theme.ondermijning);
    expect(titles(ondermijning)).toEqual(
      expect.arrayContaining([
        'Wie Praat, Die Gaat 3.0',
        'Signaaltafel mensenhandel',
        'Bestuurlijk basisniveau mensenhandel',
      ]),
    );
    expect(titles(ondermijning)).not.toContain('HackShield');
    const hackshield = cyber.items.find((h) => h.title === 'HackShield')!;
    expect(hackshield).toMatchObject({
      status: 'in_gebruik',
      tags: expect.arrayContaining(['jongeren']),
      rank: null,
      highlight: null,
    });
    expect(hackshield.gemeenten.map((g) => g.name)).toContain('Gemeente Amersfoort');
  });

  it('searches in Dutch: stemming finds "jongeren" for "jongere", stop words do not matter, and results are ranked and highlighted', async () => {
    const stemmed = await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'jongere' });
    expect(titles(stemmed)).toEqual(
      expect.arrayContaining(['HackShield', 'Rebootcamp', 'Stopgesprekken met geldezels']),
    );
    expect(titles(stemmed)).not.toContain('Podcast Digitaal beroofd');
    expect(stemmed.items.every((h) => typeof h.rank === 'number' && h.rank > 0)).toBe(true);

    // Title matches (weight A) outrank description-only matches (weight C).
    const inTitle = expectStatus(
      await api.post(DEMO.ambtelijkCyber, `/api/themes/${theme.cyber}/knowledge`, {
        title: 'Oefening phishing voor raadsleden',
        description: 'Kort en praktisch.',
      }),
      201,
    ).body;
    const inText = expectStatus(
      await api.post(DEMO.ambtelijkCyber, `/api/themes/${theme.cyber}/knowledge`, {
        title: 'Weerbaarheid bestuurders',
        description: 'Een sessie over dreigingen, waaronder een oefening met <b>phishing</b> & nepmails.',
      }),
      201,
    ).body;
    const ranked = await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'de phishing' });
    const ids = ranked.items.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining([inTitle.id, inText.id]));
    expect(ids.indexOf(inTitle.id)).toBeLessThan(ids.indexOf(inText.id));
    const ranks = ranked.items.map((h) => h.rank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const textHit = ranked.items.find((h) => h.id === inText.id)!;
    // Matches are marked; the item's own text is escaped, so the snippet is safe to render; the stop word
    // "de" is marked only as a word (not inside "dreigingen" or "raadsleden").
    expect(textHit.highlight!.snippet).toBe(
      'Een sessie over dreigingen, waaronder een oefening met &lt;b&gt;<mark>phishing</mark>&lt;/b&gt; &amp; nepmails.',
    );
    expect(ranked.items.find((h) => h.id === inTitle.id)!.highlight!.title).toBe(
      'Oefening <mark>phishing</mark> voor raadsleden',
    );

    // Part of a word is found and marked as such, the same as the search over everything.
    const part = await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'phish' });
    expect(part.items.find((h) => h.id === inTitle.id)!.highlight!.title).toBe(
      'Oefening <mark>phish</mark>ing voor raadsleden',
    );

    // Web search syntax: a quoted phrase and an exclusion.
    expect(titles(await search(DEMO.ambtelijkCyber, theme.cyber, { q: '"digitaal beroofd"' }))).toEqual([
      'Podcast Digitaal beroofd',
    ]);
    expect(titles(await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'jongeren -geldezels' }))).not.toContain(
      'Stopgesprekken met geldezels',
    );
    expect((await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'mensenhandel' })).total).toBe(0);
    // Only an exclusion (found by test/fuzz.spec.ts: its parameter went unused and had no type) is an answer.
    const odd = await search(DEMO.ambtelijkCyber, theme.cyber, { q: '-q%j&lcKt', status: 'in_gebruik', limit: '5' });
    expect(odd.total).toBe(odd.items.length);
  });

  it('filters by tag, status and gemeente, and pages', async () => {
    const byTag = await search(DEMO.aanjagerCyber, theme.cyber, { tag: 'Daderaanpak' });
    expect(titles(byTag).sort()).toEqual(['Rebootcamp', 'Stopgesprekken met geldezels']);
    const pilots = await search(DEMO.aanjagerCyber, theme.cyber, { status: 'pilot' });
    expect(pilots.items.length).toBeGreaterThan(0);
    expect(pilots.items.every((h) => h.status === 'pilot')).toBe(true);
    const utrecht = await api.organisationId('Gemeente Utrecht');
    const inUtrecht = await search(DEMO.aanjagerCyber, theme.cyber, { gemeenteId: utrecht });
    expect(inUtrecht.items.length).toBeGreaterThan(0);
    expect(inUtrecht.items.every((h) => h.gemeenten.some((g) => g.id === utrecht))).toBe(true);
    expect(titles(inUtrecht)).not.toContain('Hackers de baas');
    const combined = await search(DEMO.aanjagerCyber, theme.cyber, {
      q: 'jongeren',
      tag: 'geldezels',
      gemeenteId: utrecht,
    });
    expect(titles(combined)).toEqual(['Stopgesprekken met geldezels']);
    const page = await search(DEMO.aanjagerCyber, theme.cyber, { limit: '2', offset: '1' });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
    expectStatus(await api.get(DEMO.aanjagerCyber, `/api/themes/${theme.cyber}/knowledge?status=klaar`), 400);
  });

  it('pages with and without a query in a stable order: the pages together are the whole result, once each', async () => {
    const queries: Array<Record<string, string>> = [
      {},
      { q: 'jongeren OR geld OR digitaal' },
      { status: 'in_gebruik' },
    ];
    for (const query of queries) {
      const whole = await search(DEMO.aanjagerCyber, theme.cyber, { ...query, limit: '200' });
      expect(whole.total).toBeGreaterThan(2);
      const ids: string[] = [];
      for (let offset = 0; offset < whole.total; offset += 2) {
        const page = await search(DEMO.aanjagerCyber, theme.cyber, { ...query, limit: '2', offset: String(offset) });
        expect(page.total).toBe(whole.total);
        ids.push(...page.items.map((h) => h.id));
      }
      expect(ids).toEqual(whole.items.map((h) => h.id));
    }
    for (const bad of ['limit=0', 'limit=501', 'offset=-1', 'offset=1e21'])
      expectStatus(await api.get(DEMO.aanjagerCyber, `/api/themes/${theme.cyber}/knowledge?${bad}`), 400);
  });

  it('lets every werkgroep member read every theme (the regional apothekerskast), but not RVC-only accounts', async () => {
    for (const who of [DEMO.aanjagerOnrust, DEMO.waarnemerOnrust, DEMO.riec, DEMO.secretariaat]) {
      expect(titles(await search(who, theme.cyber))).toContain('HackShield');
    }
    const item = (await search(DEMO.aanjagerOnrust, theme.ondermijning)).items[0];
    expectStatus(await api.get(DEMO.aanjagerOnrust, `/api/knowledge/${item.id}`), 200);
    const rvcList = expectStatus(await api.get(DEMO.rvc, `/api/themes/${theme.cyber}/knowledge`), 403);
    expect(rvcList.body).toEqual(errorBody('FORBIDDEN'));
    expectStatus(await api.get(DEMO.rvc, `/api/knowledge/${item.id}`), 403);
    expectStatus(await api.post(DEMO.rvc, `/api/themes/${theme.cyber}/knowledge`, { title: 'Door het RVC' }), 403);
    expectStatus(await api.patch(DEMO.rvc, `/api/knowledge/${item.id}`, { title: 'Door het RVC' }), 403);
    expectStatus(await api.delete(DEMO.rvc, `/api/knowledge/${item.id}`), 403);
    expectStatus(await api.request(null, 'GET', `/api/themes/${theme.cyber}/knowledge`), 401);
    const denied = await api.audit({ actorId: await api.userId(DEMO.rvc), outcome: 'denied' });
    expect(denied.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['knowledge.search', 'knowledge.read', 'knowledge.create']),
    );
  });

  it("lets only the theme's own werkgroep (aanjager, lid, ambtelijk) and the secretariat change it", async () => {
    const hackshield = (await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'HackShield' })).items[0];
    // Members of other werkgroepen read but do not change; the guest and the observer neither.
    expectStatus(
      await api.post(DEMO.aanjagerOnrust, `/api/themes/${theme.cyber}/knowledge`, { title: 'Van een ander thema' }),
      403,
    );
    expectStatus(
      await api.patch(DEMO.aanjagerOndermijning, `/api/knowledge/${hackshield.id}`, { status: 'afgerond' }),
      403,
    );
    expectStatus(await api.delete(DEMO.ambtelijkOndermijning, `/api/knowledge/${hackshield.id}`), 403);
    expectStatus(await api.patch(DEMO.pvo, `/api/knowledge/${hackshield.id}`, { status: 'afgerond' }), 403);
    expectStatus(
      await api.post(DEMO.riec, `/api/themes/${theme.ondermijning}/knowledge`, { title: 'Door de gast' }),
      403,
    );
    expectStatus(
      await api.post(DEMO.waarnemerOnrust, `/api/themes/${theme.onrust}/knowledge`, { title: 'Door de waarnemer' }),
      403,
    );
    expect((await search(DEMO.ambtelijkCyber, theme.cyber, { q: 'HackShield' })).items[0].status).toBe('in_gebruik');

    // The secretariat fills a theme that has no items yet; its werkgroep's aanjager edits.
    const created = expectStatus(
      await api.post(DEMO.secretariaat, `/api/themes/${theme.onrust}/knowledge`, {
        title: 'Duidingsoverleg bij online aangejaagde onrust',
        tags: ['Duiding', 'online', 'duiding'],
        status: 'pilot',
      }),
      201,
    ).body;
    expect(created).toMatchObject({
      themeId: theme.onrust,
      tags: ['duiding', 'online'],
      status: 'pilot',
      links: [],
      gemeenten: [],
    });
    const lelystad = await api.organisationId('Gemeente Lelystad');
    const edited = expectStatus(
      await api.patch(DEMO.aanjagerOnrust, `/api/knowledge/${created.id}`, {
        description: 'Draaiboek voor een snel duidingsoverleg tussen burgemeester, politie en OM.',
        links: [{ label: 'Rijksoverheid', url: 'https://www.rijksoverheid.nl' }],
        gemeenteIds: [lelystad],
        ownerOrganisationId: lelystad,
      }),
      200,
    ).body;
    expect(edited).toMatchObject({
      ownerOrganisationName: 'Gemeente Lelystad',
      gemeenten: [{ id: lelystad, name: 'Gemeente Lelystad' }],
      links: [{ label: 'Rijksoverheid', url: 'https://www.rijksoverheid.nl' }],
    });
    expect(titles(await search(DEMO.ambtelijkOnrust, theme.onrust, { q: 'draaiboeken' }))).toEqual([created.title]);
    expect(titles(await search(DEMO.ambtelijkOnrust, theme.onrust, { gemeenteId: lelystad }))).toEqual([created.title]);

    expectStatus(await api.delete(DEMO.ambtelijkOnrust, `/api/knowledge/${created.id}`), 204);
    expectStatus(await api.get(DEMO.ambtelijkOnrust, `/api/knowledge/${created.id}`), 404);
    const audit = await api.audit({ entityId: created.id });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'knowledge.create',
      'knowledge.delete',
      'knowledge.update',
    ]);
  });

  it('validates input and names the fields', async () => {
    const post = (body: object) => api.post(DEMO.ambtelijkCyber, `/api/themes/${theme.cyber}/knowledge`, body);
    const fieldsOf = (response: { body: { error: { fields: Array<{ field: string }> } } }) =>
      response.body.error.fields.map((f) => f.field).sort();
    const bad = expectStatus(
      await post({
        title: 'x',
        status: 'klaar',
        links: [
          { label: 'Onveilig', url: 'http://example.nl' },
          { label: '', url: 'https://www.example.nl' },
        ],
        tags: [''],
      }),
      400,
    );
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad)).toEqual(['links.0.url', 'links.1.label', 'status', 'tags', 'title']);
    expect(fieldsOf(expectStatus(await post({ title: 'Geldig', links: 'https://www.example.nl' }), 400))).toContain(
      'links',
    );
    expect(
      fieldsOf(expectStatus(await post({ title: 'Geldig', links: [{ label: 'x', url: 'javascript:alert(1)' }] }), 400)),
    ).toEqual(['links.0.url']);
    expect(fieldsOf(expectStatus(await post({ title: 'Geldig', themeId: theme.onrust }), 400))).toEqual(['themeId']);
    const om = await api.organisationId('Openbaar Ministerie Midden-Nederland');
    expect(fieldsOf(expectStatus(await post({ title: 'Geldig', gemeenteIds: [om] }), 400))).toEqual(['gemeenteIds']);
    expect(
      fieldsOf(
        expectStatus(await post({ title: 'Geldig', ownerOrganisationId: '00000000-0000-4000-8000-000000000000' }), 400),
      ),
    ).toEqual(['ownerOrganisationId']);
    expect(fieldsOf(expectStatus(await post({ title: 'Geldig', gemeenteIds: ['geen-uuid'] }), 400))).toEqual([
      'gemeenteIds',
    ]);
    expectStatus(
      await api.post(DEMO.secretariaat, '/api/themes/00000000-0000-4000-8000-000000000000/knowledge', {
        title: 'Nergens',
      }),
      404,
    );
    expectStatus(await api.get(DEMO.ambtelijkCyber, '/api/knowledge/00000000-0000-4000-8000-000000000000'), 404);
    expectStatus(await api.get(DEMO.ambtelijkCyber, '/api/knowledge/geen-uuid'), 404);
  });
});
