import { DomainError } from '@koers/core';
import * as identity from '@koers/identity';
import { CreateUserDto } from '@koers/identity';
import { getMetadataStorage } from 'class-validator';
import * as actions from '@koers/actions';
import * as audit from '@koers/audit';
import * as core from '@koers/core';
import * as documents from '@koers/documents';
import * as knowledge from '@koers/knowledge';
import * as notifications from '@koers/notifications';
import * as reporting from '@koers/reporting';
import * as sessions from '@koers/sessions';
import * as strategy from '@koers/strategy';
import * as workgroups from '@koers/workgroups';
import { createValidationPipe } from './validation';

/** What the global pipe answers for a body, field by field. */
async function fieldErrors(body: unknown): Promise<Record<string, string[]>> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: CreateUserDto });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return Object.fromEntries((err.fields ?? []).map((f) => [f.field, f.messages]));
  }
  throw new Error('expected the body to be refused');
}

describe('validation messages', () => {
  it("answers every rule in Dutch, built from the rule's own arguments, and keeps the DTOs' own messages", async () => {
    const fields = await fieldErrors({
      email: 'geen-adres',
      displayName: 'x'.repeat(121),
      function: 'Koning!',
      organisationId: 'abc',
      rvcMember: 'ja',
      extra: 1,
    });
    expect(fields).toEqual({
      email: ['Vul een geldig e-mailadres in.'],
      displayName: ['Mag hoogstens 120 tekens lang zijn.'],
      function: ['Kies een functie uit de lijst.'],
      organisationId: ['Moet een geldige id zijn.'],
      rvcMember: ['Moet waar of onwaar zijn.'],
      extra: ['Dit veld is onbekend.'],
    });
    const everyMessage = Object.values(fields).flat().join(' ');
    expect(everyMessage).not.toMatch(/\b(must|should)\b/);
  });

  it('gives every rule of every DTO its own message, so no English default can reach a user', () => {
    const dtos = Object.values({
      ...actions,
      ...audit,
      ...core,
      ...documents,
      ...identity,
      ...knowledge,
      ...notifications,
      ...reporting,
      ...sessions,
      ...strategy,
      ...workgroups,
    }).filter((value): value is new () => object => typeof value === 'function' && /Dto$/.test(value.name));
    expect(dtos.length).toBeGreaterThan(40);
    const withoutMessage = dtos.flatMap((dto) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        // Conditions (IsOptional, ValidateIf) and nested-type markers validate nothing themselves.
        .filter((rule) => !['conditionalValidation', 'nestedValidation', 'whitelistValidation'].includes(rule.type))
        .filter((rule) => rule.message === undefined)
        .map((rule) => `${dto.name}.${rule.propertyName} (${rule.name ?? rule.type})`),
    );
    expect(withoutMessage).toEqual([]);
  });
});
