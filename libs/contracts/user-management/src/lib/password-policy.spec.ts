import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { RegisterUserDto } from './dto/user.dto';
import { meetsPasswordPolicy, PASSWORD_POLICY } from './password-policy';

describe('password policy', () => {
  it.each([
    ['correct horse battery', true], // lower case + spaces
    ['Tr0ub4dor&3', true],
    ['1234567890a', true],
    ['ÄÖÜäöüßéèê', true], // upper + lower case outside ASCII
    ['short1A', false], // too short
    ['aaaaaaaaaaaaaaaa', false], // one class
    ['12345678901234', false], // one class
    ['ABCDEFGHIJKL', false], // one class
    ['😀😀😀😀😀😀😀😀😀😀', false], // ten characters, one class (twenty UTF-16 units)
    ['a1'.repeat(64), true], // exactly 128
    ['a1'.repeat(64) + 'x', false], // 129
  ])('%j → %s', (password, ok) => {
    expect(meetsPasswordPolicy(password)).toBe(ok);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(meetsPasswordPolicy('😀😀😀😀😀a1234')).toBe(true); // 10 characters
    expect(meetsPasswordPolicy('😀😀😀😀a1234')).toBe(false); // 9 characters, 13 units
  });

  it('states the policy when registration is refused, and normalises email and name', () => {
    const dto = plainToInstance(RegisterUserDto, {
      email: '  Ada@Example.COM ',
      password: 'password',
      displayName: '  Ada ',
    });
    expect(dto.email).toBe('ada@example.com');
    expect(dto.displayName).toBe('Ada');
    const messages = validateSync(dto).flatMap((error) => Object.values(error.constraints ?? {}));
    expect(messages).toEqual([PASSWORD_POLICY]);
  });
});
