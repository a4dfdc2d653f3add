import { ValidateBy, type ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase or password manager; bounds the work one request can ask of the hasher. */
export const PASSWORD_MAX_LENGTH = 128;

const CHARACTER_CLASSES: readonly RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** The policy in one sentence, as the 400 answer and the docs state it. */
export const PASSWORD_POLICY =
  `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long and mix at least two of: ` +
  'lower-case letters, upper-case letters, digits, other characters';

/** True when `password` satisfies the policy (usable by clients to check before submitting). */
export function meetsPasswordPolicy(password: unknown): password is string {
  if (typeof password !== 'string') return false;
  const length = [...password].length; // code points: an emoji is one character, not two
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return false;
  return CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length >= 2;
}

/** class-validator decorator for the password policy; its message is PASSWORD_POLICY. */
export function IsPolicyPassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isPolicyPassword', validator: { validate: meetsPasswordPolicy, defaultMessage: () => PASSWORD_POLICY } },
    options,
  );
}
