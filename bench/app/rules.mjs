// The registration rules of the example API (examples/shop/routes/register-user.ts) and the
// texts of their problems, shared so that every contender answers with the same words.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

export const FIRST_NAME_TOO_SHORT = {
  code: '123',
  title: 'Value is too short',
  detail: 'First name must contain at least three characters.',
};

export const WEAK_PASSWORD = {
  code: '225',
  title: 'Passwords must contain a letter, number, and punctuation character.',
};

export const PASSWORDS_DIFFER = {
  code: '226',
  title: 'Password and password confirmation do not match.',
  detail: 'The password confirmation must repeat the password exactly.',
};

/** The character classes a password needs, by the name its problem gives each. */
export const CHARACTER_CLASSES = [
  ['letter', /\p{L}/u],
  ['number', /\p{N}/u],
  ['punctuation character', /[\p{P}\p{S}]/u],
];

/** The names of the classes `password` lacks, in the order above. */
export function missingClasses(password) {
  return CHARACTER_CLASSES.filter(([, re]) => !re.test(password)).map(([name]) => name);
}

/** The detail of the weak-password problem: what is missing, never the password itself. */
export function weakPasswordDetail(missing) {
  return `The password provided is missing a ${missing.join(' and a ')}.`;
}

/** "No user has the id …", the detail of the UserNotFound domain error. */
export function userNotFoundDetail(id) {
  return `No user has the id "${id}".`;
}
