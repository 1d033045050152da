// The JSON Schema Middy's validator checks the registration event against (the body once
// http-json-body-parser has parsed it), and how its errors name the registration rules.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */

const string = { type: 'string' };

/** The password needs a letter, a number and a punctuation character: one pattern each. */
export const PASSWORD_CLASSES = {
  '\\p{L}': 'letter',
  '\\p{N}': 'number',
  '[\\p{P}\\p{S}]': 'punctuation character',
};

export const registrationEventSchema = {
  type: 'object',
  required: ['body'],
  properties: {
    body: {
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          type: 'object',
          required: ['type', 'attributes'],
          properties: {
            type: { const: 'users' },
            attributes: {
              type: 'object',
              required: ['first-name', 'last-name', 'email', 'password', 'password-confirmation'],
              properties: {
                'first-name': { type: 'string', minLength: 3 },
                'last-name': string,
                email: string,
                password: {
                  type: 'string',
                  allOf: Object.keys(PASSWORD_CLASSES).map((pattern) => ({
                    type: 'string',
                    pattern,
                  })),
                },
                // Ajv's $data reference: the confirmation must equal the password beside it.
                'password-confirmation': { type: 'string', const: { $data: '1/password' } },
              },
            },
          },
        },
      },
    },
  },
};

/** The Ajv options the schema needs besides Middy's defaults. */
export const AJV_OPTIONS = { $data: true };

/** An Ajv error as a rule violation of the body: which rule, and where. */
export function violation(error) {
  const pointer = error.instancePath.replace(/^\/body/, '');
  if (pointer === '/data/attributes/first-name' && error.keyword === 'minLength') {
    return { pointer, rule: 'too-short' };
  }
  if (error.keyword === 'pattern' && error.params.pattern in PASSWORD_CLASSES) {
    return { pointer, rule: PASSWORD_CLASSES[error.params.pattern] };
  }
  if (pointer === '/data/attributes/password-confirmation' && error.keyword === 'const') {
    return { pointer, rule: 'mismatch' };
  }
  return { pointer, rule: error.keyword, message: error.message };
}
