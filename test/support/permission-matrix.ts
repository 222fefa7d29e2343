import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { AuditEntry } from '@koers/contracts';
import { Api, DEMO } from './api-helpers';

/**
 * The callers and outcome tables shared by the permission matrices (test/permission-matrix*.spec.ts): one
 * demo person per kind of caller, checked against a fresh "matrix werkgroep" in which each membership role
 * is held by one of them. The tables follow docs/access.md.
 */
export type Caller =
  'secretariat' | 'aanjager' | 'lid' | 'ambtelijk' | 'gast' | 'waarnemer' | 'rvc' | 'otherWorkgroup' | 'anonymous';
export type MemberCaller = 'aanjager' | 'lid' | 'ambtelijk' | 'gast' | 'waarnemer';
export type Outcome = 'ok' | 401 | 403 | 404;
export type OutcomeTable = Record<Caller, Outcome>;

/** The members of the matrix werkgroep, one per membership role (the key is the role). */
export const MEMBER_ROLES: Record<MemberCaller, string> = {
  aanjager: DEMO.aanjagerOnrust,
  lid: DEMO.ovjOnrust,
  ambtelijk: DEMO.ambtelijkOnrust,
  gast: DEMO.riec,
  waarnemer: DEMO.waarnemerOnrust,
};

export const CALLERS: Record<Caller, string | null> = {
  secretariat: DEMO.secretariaat,
  ...MEMBER_ROLES,
  rvc: DEMO.rvc,
  otherWorkgroup: DEMO.aanjagerCyber,
  anonymous: null,
};
export const CALLER_KINDS = Object.keys(CALLERS) as Caller[];
export const MEMBER_CALLERS = Object.keys(MEMBER_ROLES) as MemberCaller[];

export function isMember(caller: Caller): caller is MemberCaller {
  return caller in MEMBER_ROLES;
}

/** Region-wide reads, and one's own things (/api/me/...): everyone signed in. */
export const READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 'ok',
  ambtelijk: 'ok',
  gast: 'ok',
  waarnemer: 'ok',
  rvc: 'ok',
  otherWorkgroup: 'ok',
  anonymous: 401,
};
/** Region-wide changes, users and audit: the secretariat only. */
export const SECRETARIAT: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 403,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
  rvc: 403,
  otherWorkgroup: 403,
  anonymous: 401,
};
/** A werkgroep's overview: its members, the RVC and the secretariat; for anyone else it does not exist. */
export const WORKGROUP_VIEW: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 'ok',
  ambtelijk: 'ok',
  gast: 'ok',
  waarnemer: 'ok',
  rvc: 'ok',
  otherWorkgroup: 404,
  anonymous: 401,
};
/** Managing a werkgroep: the secretariat; those who see it get 403, the rest 404. */
export const WORKGROUP_MANAGE: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 403,
  lid: 403,
  ambtelijk: 403,
  gast: 403,
  waarnemer: 403,
  rvc: 403,
  otherWorkgroup: 404,
  anonymous: 401,
};
/** `workgroup.content.read`: working material is for members and the secretariat; the RVC sees only the overview. */
export const CONTENT_READ: OutcomeTable = {
  secretariat: 'ok',
  aanjager: 'ok',
  lid: 'ok',
  ambtelijk: 'ok',
  gast: 'ok',
  waarnemer: 'ok',
  rvc: 403,
  otherWorkgroup: 404,
  anonymous: 401,
};
/** `workgroup.content.write`: every member but the waarnemer, and the secretariat. */
export const CONTENT_WRITE: OutcomeTable = { ...CONTENT_READ, waarnemer: 403 };
/** `workgroup.actions.manage`: aanjager, lid, ambtelijk and the secretariat; not the gast. */
export const ACTIONS_MANAGE: OutcomeTable = { ...CONTENT_WRITE, gast: 403 };

/**
 * Creates a werkgroep on the theme with one demo person in each membership role (MEMBER_ROLES) and
 * returns its id.
 */
export async function createMatrixWorkgroup(api: Api, themeId: string, name: string): Promise<string> {
  const created = await api.post(DEMO.secretariaat, '/api/workgroups', { themeId, name });
  if (created.status !== 201)
    throw new Error(`Creating the matrix werkgroep failed: ${created.status} ${JSON.stringify(created.body)}`);
  const workgroupId = created.body.id as string;
  for (const [role, email] of Object.entries(MEMBER_ROLES)) {
    const added = await api.post(DEMO.secretariaat, `/api/workgroups/${workgroupId}/members`, {
      userId: await api.userId(email),
      role,
    });
    if (added.status !== 201) throw new Error(`Adding ${email} failed: ${added.status} ${JSON.stringify(added.body)}`);
  }
  return workgroupId;
}

/** How many refusals of this person the audit log holds. */
export async function deniedCount(api: Api, email: string): Promise<number> {
  return (await api.audit({ outcome: 'denied', actorId: await api.userId(email), limit: 1 })).total;
}

const ERROR_CODES = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const;

/**
 * A 2xx for 'ok'; otherwise exactly the shared error shape with the expected status. A 404 must not name
 * any of `secrets` (the werkgroep, its members): for the caller the thing does not exist.
 */
export function expectOutcome(
  label: string,
  response: { status: number; body: unknown },
  expected: Outcome,
  secrets: string[],
): void {
  if (expected === 'ok') {
    if (response.status < 200 || response.status >= 300)
      throw new Error(`${label}: expected 2xx, got ${response.status} ${JSON.stringify(response.body)}`);
    return;
  }
  expect({ label, status: response.status, body: response.body }).toEqual({
    label,
    status: expected,
    body: { error: { code: ERROR_CODES[expected], message: expect.any(String) } },
  });
  if (expected === 404) {
    const text = JSON.stringify(response.body);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/**
 * Every refusal of a signed-in caller is audited, with the attempted action: one more denied entry than
 * `before`, the newest naming the caller (and matching `entry`, e.g. the werkgroep, when given).
 */
export async function expectDenialAudited(
  api: Api,
  email: string,
  before: number,
  entry: Partial<AuditEntry> = {},
): Promise<void> {
  const page = await api.audit({ outcome: 'denied', actorId: await api.userId(email), limit: 1 });
  expect(page.total).toBe(before + 1);
  expect(page.items[0]).toMatchObject({
    outcome: 'denied',
    actorEmail: email,
    action: expect.stringMatching(/^[a-z_]+\.[a-z_.]+$/),
    ...entry,
  });
}

/** "METHOD /api/path" of every route of a controller, from Nest's route metadata (for the completeness checks). */
export function routesOf(controller: Type<unknown>): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
  const prototype = controller.prototype as Record<string, object>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    const path =
      name === 'constructor' ? undefined : (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined);
    if (path === undefined) return [];
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    return [`${method} ${`/api/${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1')}`];
  });
}
