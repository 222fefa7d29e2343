import { DomainError } from '@koers/core';
import { CreateUserDto } from '@koers/identity';
import { createValidationPipe, dutchMessage } from './validation';

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
  it("answers class-validator's default rules in Dutch and keeps the DTOs' own Dutch messages", async () => {
    const fields = await fieldErrors({
      email: 'geen-adres',
      displayName: 'x'.repeat(121),
      function: 'koning',
      organisationId: 'abc',
      rvcMember: 'ja',
      password: 'kort',
      extra: 1,
    });
    expect(fields).toEqual({
      email: ['Vul een geldig e-mailadres in.'],
      displayName: ['Mag hoogstens 120 tekens lang zijn.'],
      function: [expect.stringMatching(/^Kies een van: .*burgemeester.*\.$/)],
      organisationId: ['Moet een geldige id zijn.'],
      rvcMember: ['Moet waar of onwaar zijn.'],
      password: ['Een wachtwoord heeft minstens 10 tekens.'],
      extra: ['Dit veld is onbekend.'],
    });
    const everyMessage = Object.values(fields).flat().join(' ');
    expect(everyMessage).not.toMatch(/\b(must|should)\b/);
  });

  it('keeps a message it has no Dutch for rather than losing it', () => {
    expect(dutchMessage('isPostalCode', 'postcode must be a postal code')).toBe('postcode must be a postal code');
    expect(dutchMessage('minLength', 'Een wachtwoord heeft minstens 10 tekens.')).toBe(
      'Een wachtwoord heeft minstens 10 tekens.',
    );
    expect(dutchMessage('min', 'value must not be less than -3')).toBe('Mag niet kleiner zijn dan -3.');
  });
});
