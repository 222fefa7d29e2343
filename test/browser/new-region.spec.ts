import * as fs from 'node:fs';
import * as path from 'node:path';
import { totpCode } from '../support/mfa';
import { createTestApp, TestApp } from '../support/test-app';
import {
  BrowserPages,
  describeWithBrowser,
  expectAccessible,
  launchChromium,
  openMenuIfFolded,
} from './support/browser-harness';

/** The text of a PDF (unpdf, an independent parser). */
async function pdfText(pdf: Buffer): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { extractText, getDocumentProxy } = require('unpdf');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text as string;
}

/**
 * A fresh install without demo data sets itself up as Noord-Nederland 2024-2027 only through the screens:
 * the region's words, two districts, and the Regionaal Beleidsplan Veiligheid with its four themes and
 * their sub-points (test/fixtures/noord-nederland-2024-2027.json, from the plan's infosheet). The board's
 * name (Regionaal Veiligheidsoverleg, RVO) is this test's choice: the infosheet does not name one.
 */
interface Plan {
  region: string;
  strategyTitle: string;
  periodStart: string;
  periodEnd: string;
  trends: string[];
  themes: Array<{ title: string; focusAreas: string[] }>;
}
const plan = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../fixtures/noord-nederland-2024-2027.json'), 'utf8'),
) as Plan;

describeWithBrowser('test/browser/new-region.spec.ts')('a new region sets itself up in the screens', () => {
  let t: TestApp;
  let pages: BrowserPages;
  const email = 'bureau@noord.example.nl';
  const password = 'een-lang-eerste-wachtwoord';

  beforeAll(async () => {
    const [app, browser] = await Promise.all([
      createTestApp({
        KOERS_DEMO: 'false',
        KOERS_ADMIN_EMAIL: email,
        KOERS_ADMIN_PASSWORD: password,
        KOERS_REGION_NAME: plan.region,
      }),
      launchChromium(),
    ]);
    t = app;
    pages = new BrowserPages(browser, t.url, { width: 390, height: 844 });
  }, 60_000);

  afterAll(async () => {
    await pages?.closeAll();
    await t?.close();
  });

  it('shows no demo leftovers, takes its words, districts and plan, and speaks them', async () => {
    const { page, pageErrors } = await pages.newPage();
    await page.goto(t.url + '/inloggen');
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
    await page.getByText('Noord-Nederland', { exact: false }).first().waitFor();
    expect(await page.getByRole('heading', { name: 'Demo-accounts' }).count()).toBe(0);
    expect(await page.locator('footer').textContent()).not.toContain('Demo-omgeving');

    // Outside the demo a second factor is required for the secretariat: the first admin is led to set it up.
    await pages.login(page, email, password, '/instellingen');
    await page.getByText('Voor uw account is een tweede factor verplicht.').waitFor();
    // The server refuses everything else until it is set up: enrolled here through the API with the page's
    // session (the enrolment screen itself is covered by test/browser/accounts.spec.ts).
    const setup = await page.request.post(t.url + '/api/me/mfa/setup');
    const { secret } = (await setup.json()) as { secret: string };
    expect(
      (await page.request.post(t.url + '/api/me/mfa/confirm', { data: { code: totpCode(secret) } })).status(),
    ).toBe(200);

    // Beheer > Regio: the words.
    await page.goto(t.url + '/beheer/regio');
    const words: Array<[string, string]> = [
      ['Naam van de strategie', 'Regionaal Beleidsplan Veiligheid'],
      ['Afkorting van de strategie', 'RBP'],
      ['Naam van het bestuur', 'Regionaal Veiligheidsoverleg'],
      ['Afkorting van het bestuur', 'RVO'],
      ['Naam van het bureau (secretariaat)', 'Bureau RBP Noord-Nederland'],
      ['Woord voor een thema van de strategie (enkelvoud)', 'thema'],
      ['Meervoud', "thema's"],
    ];
    // Required fields add " (verplicht)" to their label.
    const field = (label: string) =>
      page.getByLabel(new RegExp(`^${label.replace(/[()]/g, '\\$&')}( \\(verplicht\\))?$`));
    for (const [label, value] of words) await field(label).fill(value);
    await page.getByRole('button', { name: 'Woorden opslaan' }).click();
    await page.getByText('De woorden van de regio zijn opgeslagen.').waitFor();
    await openMenuIfFolded(page);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'RVO' }).waitFor();
    await page.keyboard.press('Escape'); // the menu folds again (phone width)

    // Two districts.
    for (const name of ['District Groningen', 'District Drenthe']) {
      await page.getByRole('textbox', { name: 'Nieuw district' }).fill(name);
      await page.getByRole('button', { name: 'District toevoegen' }).click();
      await page.getByText(`${name} is toegevoegd.`).waitFor();
    }
    await page
      .getByRole('table', { name: 'Districten' })
      .getByRole('rowheader', { name: 'District Drenthe' })
      .waitFor();
    await expectAccessible(page, 'beheer regio');

    // Renaming a district is a modal form (no window.prompt), done by keyboard alone.
    await page.getByRole('button', { name: 'Hernoemen District Drenthe' }).focus();
    await page.keyboard.press('Enter');
    const rename = page.getByRole('dialog', { name: 'District Drenthe hernoemen' });
    await rename.getByRole('textbox', { name: /Nieuwe naam/ }).fill('District Drenthe en Zuid');
    await page.keyboard.press('Enter');
    await page.getByText('District Drenthe heet nu District Drenthe en Zuid.').waitFor();
    await rename.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Hernoemen District Drenthe en Zuid' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Beheer > Importeren: a few gemeenten in the two districts from Excel's CSV (BOM, semicolons); the
    // check shows the bad row and nothing is written until the file is right.
    await page.goto(t.url + '/beheer/importeren');
    await page.getByRole('heading', { level: 1, name: 'Importeren' }).waitFor();
    const gemeenten = [
      'Naam;Type;District',
      'Gemeente Groningen;Gemeente;District Groningen',
      'Gemeente Het Hogeland;Gemeente;District Groningen',
      'Gemeente Assen;Gemeente;District Drenthe en Zuid',
      'Gemeente Súdwest-Fryslân;Gemeente;District Fryslân',
    ].join('\r\n');
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: 'gemeenten.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFF' + gemeenten, 'utf8'),
    });
    // The file is read into the text box (File.text() resolves after the change event).
    await page.waitForFunction(() =>
      document.querySelector<HTMLTextAreaElement>('textarea[name="csv"]')?.value.includes('Assen'),
    );
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('4 regels gecontroleerd: één regel heeft fouten. Er is niets ingelezen.').waitFor();
    const errors = page.getByRole('table', { name: 'Regels met fouten' });
    await errors.getByRole('rowheader', { name: '5' }).waitFor();
    await errors.getByText('Het district "District Fryslân" bestaat niet.', { exact: false }).waitFor();
    await expectAccessible(page, 'beheer importeren met fouten');
    await page
      .getByRole('textbox', { name: 'Inhoud van het bestand' })
      .fill(gemeenten.replace('District Fryslân', 'District Groningen'));
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('4 organisaties ingelezen.').waitFor();
    expect(await errors.count()).toBe(0);
    await page.getByLabel('Gebruikers').check();
    await page
      .getByRole('textbox', { name: 'Inhoud van het bestand' })
      .fill(
        [
          'naam;e-mail;organisatie;functie',
          'Koen Schuiling;k.schuiling@groningen.example.nl;Gemeente Groningen;burgemeester',
          'Marco Out;m.out@assen.example.nl;Gemeente Assen;burgemeester',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('2 gebruikers ingelezen.', { exact: false }).waitFor();

    // The plan: no strategy yet, so /strategie offers to start one.
    await page.goto(t.url + '/strategie');
    await page.getByRole('button', { name: 'Nieuwe strategie' }).click();
    await field('Titel').fill(plan.strategyTitle);
    await field('Begint op').fill(plan.periodStart);
    await field('Eindigt op').fill(plan.periodEnd);
    await page.getByLabel('Status').selectOption('vastgesteld');
    await page.getByLabel('Vastgesteld op').fill('2023-11-01');
    // The texts are rich text (a small Tiptap editor): a vision with bold, the trends as a bulleted list.
    const vision = page.getByRole('textbox', { name: 'Visie', exact: true });
    await vision.click();
    await page.keyboard.type('Samen werken aan een ');
    await page.getByRole('button', { name: 'Vet (Visie)' }).click();
    await page.keyboard.type('veilig');
    await page.getByRole('button', { name: 'Vet (Visie)' }).click();
    await page.keyboard.type(' Noord-Nederland.');
    await page.getByRole('textbox', { name: 'Trends en ontwikkelingen', exact: true }).click();
    await page.getByRole('button', { name: 'Opsomming (Trends en ontwikkelingen)' }).click();
    for (const [i, trend] of plan.trends.entries()) {
      if (i > 0) await page.keyboard.press('Enter');
      await page.keyboard.type(trend);
    }
    await page.getByRole('button', { name: 'Strategie aanmaken' }).click();
    await page.getByRole('heading', { level: 1, name: plan.strategyTitle }).waitFor();
    const visionSection = page.getByRole('region', { name: 'Visie' });
    expect(await visionSection.locator('strong').textContent()).toBe('veilig');
    const trends = page.getByRole('region', { name: 'Trends en ontwikkelingen' }).getByRole('listitem');
    expect(await trends.allTextContents()).toEqual(plan.trends);

    // Its four themes with their sub-points.
    await page.getByRole('button', { name: "Thema's bewerken" }).click();
    for (const theme of plan.themes) {
      await page.getByRole('textbox', { name: 'Titel van de toe te voegen thema' }).fill(theme.title);
      await page.getByRole('button', { name: 'Thema toevoegen' }).click();
      await page.getByText(`“${theme.title}” is toegevoegd.`).waitFor();
      for (const focusArea of theme.focusAreas) {
        await page.getByRole('textbox', { name: `Nieuw onderdeel bij ${theme.title}` }).fill(focusArea);
        await page
          .getByRole('form', { name: `Nieuw onderdeel bij ${theme.title}` })
          .getByRole('button', { name: 'Onderdeel toevoegen' })
          .click();
        await page.getByText(`Onderdeel “${focusArea}” is toegevoegd.`).waitFor();
      }
    }
    // A theme's description, in the editor, saved with its version.
    const firstTheme = plan.themes[0].title;
    const themeForm = page.getByRole('form', { name: 'Thema 1: titel' });
    await themeForm.getByRole('textbox', { name: `Toelichting bij ${firstTheme}`, exact: true }).click();
    await page.keyboard.type('Met de ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('partners');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' in de regio.');
    await themeForm.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(`“${firstTheme}” is opgeslagen.`).waitFor();

    // Meanwhile someone else renames the second theme: a stale save shows the conflict dialog, nothing is lost.
    const second = page.getByRole('form', { name: 'Thema 2: titel' });
    await second.getByRole('textbox', { name: /^Thema 2: titel/ }).fill(`${plan.themes[1].title} (regio)`);
    const strategyId = page.url().split('/').pop()!;
    const detail = (await (await page.request.get(`${t.url}/api/strategies/${strategyId}`)).json()) as {
      themes: Array<{ id: string; title: string }>;
    };
    const secondId = detail.themes.find((theme) => theme.title === plan.themes[1].title)!.id;
    expect(
      (
        await page.request.patch(`${t.url}/api/themes/${secondId}`, {
          data: { title: `${plan.themes[1].title} (anders)` },
          headers: { Origin: t.url },
        })
      ).status(),
    ).toBe(200);
    await second.getByRole('button', { name: 'Opslaan' }).click();
    const conflict = page.getByRole('dialog', { name: 'Iemand anders heeft dit intussen gewijzigd' });
    await conflict.getByText(`${plan.themes[1].title} (anders)`).waitFor();
    await expectAccessible(page, 'conflict bij thema');
    await conflict.getByRole('button', { name: 'Hun versie nemen' }).click();
    await conflict.waitFor({ state: 'detached' });
    plan.themes[1].title = `${plan.themes[1].title} (anders)`;
    await page.getByRole('button', { name: "Thema's bewerken" }).click();

    // A script in a stored text (the API by hand) is taken out by the server and never run by the page.
    expect(
      (
        await page.request.patch(`${t.url}/api/themes/${secondId}`, {
          data: { description: '<p>Veilig<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"></p>' },
          headers: { Origin: t.url },
        })
      ).status(),
    ).toBe(200);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: plan.strategyTitle }).waitFor();
    expect(await page.locator('.priorities em').first().textContent()).toBe('partners');
    await page.locator('.priorities').getByText('Veilig', { exact: true }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.priorities script, .priorities img').count()).toBe(0);

    // The strategy page speaks Noord-Nederland's words.
    await page.getByRole('heading', { level: 2, name: "Thema's" }).waitFor();
    const themeHeadings = await page.locator('.priorities > li > h3').allTextContents();
    expect(themeHeadings).toEqual(plan.themes.map((theme, i) => `Thema ${i + 1} ${theme.title}`));
    for (const theme of plan.themes)
      for (const focusArea of theme.focusAreas) await page.getByText(focusArea, { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Trends en ontwikkelingen' }).waitFor();
    expect(await page.locator('footer').textContent()).toContain('Regionaal Beleidsplan Veiligheid Noord-Nederland');
    expect(await page.locator('body').textContent()).not.toMatch(/Prioriteit|RVC|Regionale Veiligheidsstrategie/);
    await expectAccessible(page, 'strategie noord-nederland');

    // Home: the current plan under the region's name for it.
    await openMenuIfFolded(page);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overzicht' }).click();
    await page.getByRole('heading', { level: 2, name: 'Regionaal Beleidsplan Veiligheid' }).waitFor();
    await page.getByRole('link', { name: plan.strategyTitle }).waitFor();

    // Werkgroepen of any shape: one with a theme, a stuurgroep without one; then their members by CSV.
    await page.goto(t.url + '/beheer/werkgroepen');
    const groups: Array<[string, string, string]> = [
      ['Werkgroep Ondermijning', 'Werkgroep', plan.themes[0].title],
      ['Bestuurlijke Begeleidingsgroep', 'Stuurgroep', ''],
    ];
    for (const [name, kind, theme] of groups) {
      await page.getByRole('button', { name: 'Nieuwe werkgroep' }).click();
      await field('Soort').selectOption({ label: kind });
      if (theme) await page.getByLabel('Thema').selectOption({ label: `1. ${theme}` });
      await field('Naam').fill(name);
      await page.getByRole('button', { name: 'Werkgroep aanmaken' }).click();
      await page.getByText(`Werkgroep ${name} is aangemaakt.`).waitFor();
    }
    const table = page.getByRole('table', { name: 'Werkgroepen' });
    await table.getByRole('row', { name: /Bestuurlijke Begeleidingsgroep.*Stuurgroep/ }).waitFor();
    await expectAccessible(page, 'beheer werkgroepen');
    await page.goto(t.url + '/beheer/importeren');
    await page.getByLabel('Werkgroepleden').check();
    await page
      .getByRole('textbox', { name: 'Inhoud van het bestand' })
      .fill(
        [
          'e-mail;werkgroep;rol',
          'k.schuiling@groningen.example.nl;Werkgroep Ondermijning;aanjager',
          'm.out@assen.example.nl;Bestuurlijke Begeleidingsgroep;lid',
          'm.out@assen.example.nl;Werkgroep Ondermijning;Rapporteur',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await page.getByText('3 lidmaatschappen ingelezen.').waitFor();
    await page.goto(t.url + '/beheer/werkgroepen');
    await table.getByRole('link', { name: 'Bestuurlijke Begeleidingsgroep', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Bestuurlijke Begeleidingsgroep' }).waitFor();
    await page.getByText('Geen (rapporteert niet als thema)').waitFor();
    await page.getByText('Geen eisen ingesteld voor de samenstelling van deze werkgroep.').waitFor();
    await page.getByRole('cell', { name: 'Marco Out' }).or(page.getByText('Marco Out')).first().waitFor();
    expect(await page.getByRole('link', { name: 'Voortgang' }).count()).toBe(0);

    // Its own composition rules, set in the screen: a zorg-led seat this group does not yet have filled.
    await page.getByRole('button', { name: 'Eisen aan de samenstelling bewerken' }).click();
    const rules = page.getByRole('form', { name: 'Eisen aan de samenstelling' });
    await rules.getByRole('button', { name: 'Zetel toevoegen' }).click();
    await rules.getByLabel(/^Naam van de zetel/).fill('Directeur Zorg- en Veiligheidshuis');
    await rules.getByLabel('Organisatietype').selectOption('zorg_en_veiligheidshuis');
    await rules.getByRole('button', { name: 'Eisen opslaan' }).click();
    await rules.getByText('De eisen zijn opgeslagen (1 zetel).').waitFor();
    await page.getByText('De samenstelling is niet compleet.').waitFor();
    await expectAccessible(page, 'werkgroep met eigen eisen');

    // A reporting cycle, opened on the board's page (RVO), and the report of Werkgroep Ondermijning: its
    // rapporteur is listed; the secretariat submits on the werkgroep's behalf, and the screens say so.
    await page.goto(t.url + '/rvc');
    await page.getByRole('button', { name: 'Nieuwe rapportagecyclus' }).click();
    const cycleForm = page.getByRole('form', { name: 'Nieuwe rapportagecyclus' });
    await cycleForm.getByLabel(/^Titel/).fill('RVO-vergadering juni 2026');
    await cycleForm.getByLabel(/^Datum vergadering/).fill('2026-06-20');
    await cycleForm.getByLabel(/^Deadline werkgroepen/).fill('2026-06-01');
    await cycleForm.getByRole('button', { name: 'Cyclus aanmaken' }).click();
    await page.getByRole('heading', { level: 2, name: /RVO-vergadering juni 2026/ }).waitFor();
    await page.goto(t.url + '/beheer/werkgroepen');
    await table.getByRole('link', { name: 'Werkgroep Ondermijning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkgroep Ondermijning' }).waitFor();
    expect(await page.getByLabel('Rol van Marco Out').inputValue()).toBe('rapporteur');
    await page
      .getByRole('navigation', { name: 'Onderdelen van de werkgroep' })
      .getByRole('link', { name: 'Voortgang' })
      .click();
    await page.getByRole('button', { name: 'Rapportage aanmaken' }).click();
    const reportForm = page.getByRole('form', { name: 'Rapportage bewerken' });
    await reportForm.getByLabel('Samenvatting').fill('De aanpak van ondermijning loopt in Groningen en Drenthe.');
    await page.getByRole('button', { name: 'Indienen namens Werkgroep Ondermijning' }).click();
    const submit = page.getByRole('dialog', { name: 'Rapportage namens Werkgroep Ondermijning indienen?' });
    await submit.getByRole('button', { name: 'Ja, namens de werkgroep indienen' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'De rapportage is namens Werkgroep Ondermijning ingediend als versie 1.' })
      .waitFor();
    await page
      .getByText(/Versie 1, ingediend op .* door Beheerder secretariaat namens Werkgroep Ondermijning/)
      .waitFor();
    await expectAccessible(page, 'voortgang namens de werkgroep');

    // Accepted, the report is in the board's bundle PDF, in Noord-Nederland's words and saying who submitted it.
    const workgroupId = page.url().split('/')[4];
    const cycles = (await (
      await page.request.get(`${t.url}/api/reporting-cycles?strategyId=${strategyId}`)
    ).json()) as Array<{ id: string; title: string }>;
    const cycleId = cycles.find((c) => c.title === 'RVO-vergadering juni 2026')!.id;
    const reports = (await (
      await page.request.get(`${t.url}/api/workgroups/${workgroupId}/progress-reports`)
    ).json()) as Array<{ id: string }>;
    expect(
      (
        await page.request.post(`${t.url}/api/progress-reports/${reports[0].id}/accept`, {
          headers: { Origin: t.url },
        })
      ).status(),
    ).toBe(200);
    const bundle = await page.request.get(`${t.url}/api/reporting-cycles/${cycleId}/bundle.pdf`);
    expect(bundle.status()).toBe(200);
    expect(bundle.headers()['content-disposition']).toBe('attachment; filename="rvo-bundel-2026-06-20.pdf"');
    const bundleText = (await pdfText(await bundle.body())).replace(/\s+/g, ' ');
    expect(bundleText).toContain('RVO-bundel');
    expect(bundleText).toContain('namens Werkgroep Ondermijning');
    expect(bundleText).toContain(`Thema: ${plan.themes[0].title}`);
    expect(bundleText).not.toContain('Bestuurlijke Begeleidingsgroep');
    expect(bundleText).not.toMatch(/RVC|Veiligheidscollege|Prioriteit/);

    expect(pageErrors).toEqual([]);
  }, 180_000);
});
