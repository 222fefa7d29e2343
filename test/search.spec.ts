import * as Y from 'yjs';
import type { SearchHit, SearchResult } from '@koers/contracts';
import { CollabService } from '@koers/documents';
import { DocumentTextIndexer } from '@koers/search';
import { EventBus } from '@koers/core';
import { Api, DEMO, errorBody, expectStatus, unique } from './support/api-helpers';
import { Caller, CALLER_KINDS, CALLERS, createMatrixWorkgroup } from './support/permission-matrix';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The search over everything (docs/search.md): Dutch matching (stemming, prefixes, parts of compounds),
 * only what the caller may see, safe highlights, links, the type filter and bad input.
 */
describe('search', () => {
  let t: TestApp;
  let api: Api;
  let strategyId: string;

  beforeAll(async () => {
    t = await createTestApp({ KOERS_REMINDER_INTERVAL_MS: '0' });
    api = new Api(t);
    strategyId = (await api.strategy()).id;
  });
  afterAll(() => t.close());

  const search = async (who: string, q: string, type?: string): Promise<SearchResult> => {
    const qs = new URLSearchParams(type ? { q, type } : { q }).toString();
    return expectStatus(await api.get(who, `/api/search?${qs}`), 200).body as SearchResult;
  };
  const hits = (result: SearchResult, kind?: string): SearchHit[] =>
    result.groups.filter((g) => !kind || g.kind === kind).flatMap((g) => g.hits);
  const titles = (result: SearchResult, kind?: string) => hits(result, kind).map((h) => h.title.text);
  const marked = (h: { text: string; marks: Array<[number, number]> }) => h.marks.map(([s, e]) => h.text.slice(s, e));

  describe('Dutch that works', () => {
    it('finds parts of compounds and prefixes: "drugs", "criminaliteit" and "mensenh"', async () => {
      for (const q of ['drugs', 'criminaliteit', 'drugscriminaliteit']) {
        expect(titles(await search(DEMO.ambtelijkOndermijning, q), 'knowledge')).toContain('Wie Praat, Die Gaat 3.0');
      }
      const prefix = await search(DEMO.ambtelijkOndermijning, 'mensenh');
      expect(titles(prefix, 'knowledge')).toEqual(
        expect.arrayContaining(['Signaaltafel mensenhandel', 'Bestuurlijk basisniveau mensenhandel']),
      );
      // The demo session's agenda item and its decision about the signaaltafel.
      expect(hits(prefix, 'session').length).toBeGreaterThan(0);
      const item = hits(prefix, 'knowledge').find((h) => h.title.text === 'Signaaltafel mensenhandel')!;
      // The part that matched is marked.
      expect(marked(item.title)).toEqual(['mensenh']);
    });

    it('stems: a plural finds the singular and the other way round', async () => {
      const title = unique('Vergadering over weerbaarheid');
      const ondermijning = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
      const created = expectStatus(
        await api.post(DEMO.secretariaat, `/api/workgroups/${ondermijning}/actions`, { title }),
        201,
      ).body as { id: string };
      const found = await search(DEMO.aanjagerOndermijning, 'vergaderingen weerbaar', 'action');
      const hit = hits(found).find((h) => h.id === created.id)!;
      expect(hit).toMatchObject({ kind: 'action', link: `/werkgroepen/${ondermijning}/acties?actie=${created.id}` });
      // The stem and the prefix are both marked in the title.
      expect(marked(hit.title)).toEqual(['Vergadering', 'weerbaar']);
    });

    it('the kennisbank of a theme uses the same engine: the three examples of the issue match there too', async () => {
      const theme = (await api.strategy()).themes.find((th) => th.position === 1)!.id;
      for (const q of ['drugs', 'criminaliteit', 'mensenh']) {
        const page = expectStatus(
          await api.get(DEMO.ambtelijkOndermijning, `/api/themes/${theme}/knowledge?q=${q}`),
          200,
        ).body as { items: Array<{ title: string; rank: number }>; total: number };
        expect(page.total).toBeGreaterThan(0);
        expect(page.items.every((i) => i.rank > 0)).toBe(true);
      }
    });
  });

  describe('only what the caller may see', () => {
    const word = unique('Kievitsnest').replace(/[^A-Za-z]/g, '');
    let actionId: string;
    let documentId: string;
    let otherActionId: string;

    beforeAll(async () => {
      const themeId = expectStatus(
        await api.post(DEMO.secretariaat, `/api/strategies/${strategyId}/themes`, { title: unique('Zoekthema') }),
        201,
      ).body.id as string;
      const workgroupId = await createMatrixWorkgroup(api, themeId, unique('Zoekwerkgroep'));
      actionId = (
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/actions`, {
            title: `Actie ${word}aanpak`,
          }),
          201,
        ).body as { id: string }
      ).id;
      documentId = (
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/documents`, {
            title: `Notitie ${word}`,
            kind: 'notitie',
          }),
          201,
        ).body as { id: string }
      ).id;
      // werkgroep B: the aanjager of Digitale veiligheid's own werkgroep.
      const cyber = await api.workgroupId('Bestuurlijke werkgroep Digitale veiligheid');
      otherActionId = (
        expectStatus(
          await api.post(DEMO.secretariaat, `/api/workgroups/${cyber}/actions`, { title: `Cyberactie ${word}` }),
          201,
        ).body as { id: string }
      ).id;
    });

    /** Who finds the matrix werkgroep's action and document: its members and the secretariat, nobody else. */
    const FINDS: Record<Exclude<Caller, 'anonymous'>, boolean> = {
      secretariat: true,
      aanjager: true,
      lid: true,
      ambtelijk: true,
      gast: true,
      waarnemer: true,
      rvc: false,
      otherWorkgroup: false,
    };

    it.each(CALLER_KINDS.filter((c) => c !== 'anonymous') as Array<Exclude<Caller, 'anonymous'>>)(
      'as %s',
      async (caller) => {
        const result = await search(CALLERS[caller]!, word.toLowerCase());
        const ids = hits(result).map((h) => h.id);
        expect({ caller, action: ids.includes(actionId), document: ids.includes(documentId) }).toEqual({
          caller,
          action: FINDS[caller],
          document: FINDS[caller],
        });
        // werkgroep B's action: only its own members (otherWorkgroup is its aanjager) and the secretariat.
        expect(ids.includes(otherActionId)).toBe(caller === 'secretariat' || caller === 'otherWorkgroup');
      },
    );

    it('without a session the search is 401', async () => {
      expect((await t.http().get(`/api/search?q=${word}`)).status).toBe(401);
    });

    it('people: the members of one’s own werkgroepen; everyone for the secretariat; organisations for all', async () => {
      // The RIEC guest sits in Ondermijning: the officier of Ondermijning, not the one of Digitale veiligheid.
      const riec = titles(await search(DEMO.riec, 'officier van justitie', 'person'));
      expect(riec).toContain('Officier van justitie ondermijning (demo)');
      expect(riec).not.toContain('Officier van justitie cybercrime (demo)');
      const secretariat = hits(await search(DEMO.secretariaat, 'officier cybercrime', 'person'));
      expect(secretariat.map((h) => h.title.text)).toContain('Officier van justitie cybercrime (demo)');
      expect(secretariat.every((h) => h.link?.startsWith('/beheer/gebruikers/'))).toBe(true);
      const organisations = await search(DEMO.rvc, 'gemeente utrecht', 'organisation');
      expect(titles(organisations)).toContain('Gemeente Utrecht');
      expect(hits(organisations)[0].link).toBeNull();
      // The RVC member reads no werkgroep's working material.
      expect(hits(await search(DEMO.rvc, 'mensenhandel')).filter((h) => h.kind !== 'organisation')).toEqual([]);
    });
  });

  describe('documents by their text', () => {
    it('a document’s text is searchable once indexed from its Yjs state, and again after a merge', async () => {
      const ondermijning = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
      const created = expectStatus(
        await api.post(DEMO.aanjagerOndermijning, `/api/workgroups/${ondermijning}/documents`, {
          title: unique('Plan haven'),
          kind: 'notitie',
        }),
        201,
      ).body as { id: string };
      const collab = t.app.get(CollabService);
      const indexer = t.app.get(DocumentTextIndexer);
      const userId = await api.userId(DEMO.aanjagerOndermijning);
      const write = async (text: string) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, await collab.currentState(created.id));
        const before = Y.encodeStateVector(doc);
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        doc.getXmlFragment('default').push([paragraph]);
        await collab.applyServerUpdate(created.id, Y.encodeStateAsUpdate(doc, before), userId);
        doc.destroy();
      };

      await write('De aanpak van mensenhandelnetwerken in de Rotterdamse haven.');
      await indexer.sweep();
      const found = await search(DEMO.aanjagerOndermijning, 'aanpakken netwerken', 'document');
      const hit = hits(found).find((h) => h.id === created.id)!;
      expect(hit).toMatchObject({ kind: 'document', link: `/documenten/${created.id}` });
      expect(hit.snippet!.text).toContain('mensenhandelnetwerken in de Rotterdamse haven');
      // A stem ('aanpakken' for 'aanpak') and a part of a compound are both found and marked.
      expect(marked(hit.snippet!)).toEqual(expect.arrayContaining(['aanpak', 'netwerken']));

      // A later edit: the merge announces itself and the debounced indexer picks it up.
      await write('Daarna volgt een evaluatie door de Kustwacht.');
      t.app.get(EventBus).publish('document.merged', { documentId: created.id });
      await indexer.flush();
      expect(hits(await search(DEMO.aanjagerOndermijning, 'kustwacht', 'document')).map((h) => h.id)).toContain(
        created.id,
      );
    });
  });

  describe('results', () => {
    it('are grouped by kind in a fixed order, with the type filter narrowing to one kind', async () => {
      const all = await search(DEMO.secretariaat, 'mensenhandel');
      const kinds = all.groups.map((g) => g.kind);
      const order = ['document', 'action', 'session', 'knowledge', 'person', 'organisation'];
      expect(kinds).toEqual(order.filter((k) => kinds.includes(k as never)));
      expect(all.groups.every((g) => g.hits.length <= 5)).toBe(true);
      const knowledge = await search(DEMO.secretariaat, 'mensenhandel', 'knowledge');
      expect(knowledge.groups.map((g) => g.kind)).toEqual(['knowledge']);
      expect(knowledge.groups[0].label).toBe('Kennisbank');
    });

    it('never return HTML: highlights are offsets into plain text', async () => {
      const ondermijning = await api.workgroupId('Bestuurlijke werkgroep Ondermijning');
      const word = unique('Spreeuw').replace(/[^A-Za-z]/g, '');
      await api.post(DEMO.secretariaat, `/api/workgroups/${ondermijning}/actions`, {
        title: `<img src=x onerror=alert(1)> ${word}`,
        description: `<script>alert(1)</script> over ${word}`,
      });
      const hit = hits(await search(DEMO.secretariaat, word, 'action'))[0];
      expect(hit.title.text).toBe(`<img src=x onerror=alert(1)> ${word}`);
      expect(marked(hit.title)).toEqual([word]);
      expect(marked(hit.snippet!)).toEqual([word]);
    });
  });

  describe('bad input is a Dutch 400 and nothing else', () => {
    it.each([
      ['an empty query', ''],
      ['a query of one letter', 'a'],
      ['only punctuation', '?!'],
      ['a query of 500 characters', 'a'.repeat(500)],
    ])('%s', async (_, q) => {
      const response = await api.get(DEMO.aanjagerOndermijning, `/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      expect(JSON.stringify(response.body)).toMatch(/zoek|tekens/i);
    });

    it('no query at all, an unknown type, a repeated parameter', async () => {
      for (const path of ['/api/search', '/api/search?q=drugs&type=geheim', '/api/search?q=drugs&q=haven']) {
        const response = await api.get(DEMO.aanjagerOndermijning, path);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(response.body).toEqual(errorBody('VALIDATION_FAILED'));
      }
    });
  });
});
