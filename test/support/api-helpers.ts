import type { AuditPage, StrategyDetail } from '@koers/contracts';
import type { TestApp } from './test-app';

/** Demo accounts (libs/demo/src/demo-people.ts), all with the demo password. */
export const DEMO = {
  secretariaat: 'secretariaat@demo.koers.nl',
  rvc: 'rvc@demo.koers.nl',
  aanjagerOndermijning: 'aanjager.ondermijning@demo.koers.nl',
  ovjOndermijning: 'ovj.ondermijning@demo.koers.nl',
  politieOndermijning: 'politie.ondermijning@demo.koers.nl',
  belastingdienstOndermijning: 'belastingdienst.ondermijning@demo.koers.nl',
  ambtelijkOndermijning: 'ambtelijk.ondermijning@demo.koers.nl',
  riec: 'riec@demo.koers.nl',
  aanjagerCyber: 'aanjager.cyber@demo.koers.nl',
  ovjCyber: 'ovj.cyber@demo.koers.nl',
  politieCyber: 'politie.cyber@demo.koers.nl',
  ambtelijkCyber: 'ambtelijk.cyber@demo.koers.nl',
  pvo: 'pvo@demo.koers.nl',
  aanjagerOnrust: 'aanjager.onrust@demo.koers.nl',
  ovjOnrust: 'ovj.onrust@demo.koers.nl',
  politieOnrust: 'politie.onrust@demo.koers.nl',
  ambtelijkOnrust: 'ambtelijk.onrust@demo.koers.nl',
  waarnemerOnrust: 'waarnemer.onrust@demo.koers.nl',
  burgemeesterUtrecht: 'burgemeester.utrecht@demo.koers.nl',
} as const;

export const WORKGROUP_NAMES = {
  ondermijning: 'Bestuurlijke werkgroep Ondermijning',
  cyber: 'Bestuurlijke werkgroep Digitale veiligheid',
  onrust: 'Bestuurlijke werkgroep Maatschappelijke onrust',
} as const;

export const STRATEGY_TITLE = 'Regionale Veiligheidsstrategie Midden-Nederland 2023-2026';

/** The shared error shape every refusal must have. */
export function errorBody(code: string) {
  return { error: expect.objectContaining({ code, message: expect.any(String) }) };
}

/** Fails with the response body in the message, which a bare status assertion would not show. */
export function expectStatus<R extends { status: number; body: unknown }>(response: R, status: number): R {
  if (response.status !== status)
    throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response;
}

/** Small API client over a TestApp: cached logins per e-mail and the reads most tests need. */
export class Api {
  private readonly tokens = new Map<string, string>();

  constructor(readonly t: TestApp) {}

  async token(email: string): Promise<string> {
    let token = this.tokens.get(email);
    if (!token) {
      token = await this.t.login(email);
      this.tokens.set(email, token);
    }
    return token;
  }

  /** Forget a cached token (after logout or deactivation). */
  forget(email: string) {
    this.tokens.delete(email);
  }

  async get(email: string, path: string) {
    return this.t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await this.token(email)}`);
  }

  async post(email: string, path: string, body: object = {}) {
    return this.t
      .http()
      .post(path)
      .set('Authorization', `Bearer ${await this.token(email)}`)
      .send(body);
  }

  async patch(email: string, path: string, body: object = {}) {
    return this.t
      .http()
      .patch(path)
      .set('Authorization', `Bearer ${await this.token(email)}`)
      .send(body);
  }

  async delete(email: string, path: string) {
    return this.t
      .http()
      .delete(path)
      .set('Authorization', `Bearer ${await this.token(email)}`);
  }

  async request(
    email: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: object,
  ) {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = this.t.http()[verb](path);
    if (email) req = req.set('Authorization', `Bearer ${await this.token(email)}`);
    return body === undefined ? req : req.send(body);
  }

  /** A POST with a `text/csv` body (the CSV imports). */
  async requestCsv(email: string | null, path: string, csv: string) {
    let req = this.t.http().post(path).set('Content-Type', 'text/csv; charset=utf-8');
    if (email) req = req.set('Authorization', `Bearer ${await this.token(email)}`);
    return req.send(csv);
  }

  /** Every werkgroep (as the secretariat sees them), by demo name. */
  async workgroupId(name: string): Promise<string> {
    const response = expectStatus(await this.get(DEMO.secretariaat, '/api/workgroups'), 200);
    const found = (response.body as Array<{ id: string; name: string }>).find((w) => w.name === name);
    if (!found) throw new Error(`No werkgroep named ${name}`);
    return found.id;
  }

  async userId(email: string): Promise<string> {
    const response = expectStatus(await this.get(DEMO.secretariaat, `/api/users?q=${encodeURIComponent(email)}`), 200);
    const found = (response.body as Array<{ id: string; email: string }>).find((u) => u.email === email);
    if (!found) throw new Error(`No user ${email}`);
    return found.id;
  }

  async organisationId(name: string): Promise<string> {
    const response = expectStatus(await this.get(DEMO.secretariaat, '/api/organisations'), 200);
    const found = (response.body as Array<{ id: string; name: string }>).find((o) => o.name === name);
    if (!found) throw new Error(`No organisation ${name}`);
    return found.id;
  }

  async strategy(): Promise<StrategyDetail> {
    const list = expectStatus(await this.get(DEMO.secretariaat, '/api/strategies'), 200);
    const found = (list.body as Array<{ id: string; title: string }>).find((s) => s.title === STRATEGY_TITLE);
    if (!found) throw new Error('The demo strategy is missing');
    return expectStatus(await this.get(DEMO.secretariaat, `/api/strategies/${found.id}`), 200).body as StrategyDetail;
  }

  /** Audit entries as the secretariat reads them; `query` is passed as the query string. */
  async audit(query: Record<string, string | number> = {}): Promise<AuditPage> {
    const response = await this.t
      .http()
      .get('/api/audit')
      .query({ limit: 200, ...query })
      .set('Authorization', `Bearer ${await this.token(DEMO.secretariaat)}`)
      .expect(200);
    return response.body as AuditPage;
  }
}

let counter = 0;
/** A name no other row has, for fresh entities. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix} ${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
