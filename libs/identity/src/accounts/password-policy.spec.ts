import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  const email = 'j.de.vries@gemeente.example.nl';

  it('accepts a long, unusual passphrase', () => {
    expect(passwordProblem('paarse-olifant-fietst-naar-Zeist', email)).toBeNull();
  });

  it.each([
    ['kort-wachtw', 'minstens 12 tekens'],
    ['x'.repeat(201), 'hoogstens 200 tekens'],
    [email, 'e-mailadres'],
    ['J.De.Vries@Gemeente.example.nl!', 'e-mailadres'],
    ['mijn-j.de.vries-wachtwoord', 'e-mailadres'],
    ['1qaz2wsx3edc', 'te bekend'],
    ['qwerty123456', 'te bekend'],
    ['Password2026!!', 'te bekend'],
    ['!!!sunshine!!!', 'te bekend'],
    ['aaaaaaaaaaaaaaaa', 'herhaald teken'],
  ])('refuses %s (%s)', (password, reason) => {
    expect(passwordProblem(password, email)).toContain(reason);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('ĳsberen-😀😀😀', email)).toContain('minstens');
    expect(passwordProblem('ĳsberen-😀😀😀😀😀', email)).toBeNull();
  });
});
