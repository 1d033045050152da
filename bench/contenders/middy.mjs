// Middy as its documentation shows it: one middy handler per route behind @middy/http-router,
// the JSON body parser and the validator (JSON Schema through Ajv, every error at once) on the
// POST route, http-error-handler outermost, and two small middlewares of the application's own:
// one turns errors into JSON:API documents, one sends the request id.
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler from '@middy/http-router';
import { createError } from '@middy/util';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';
import {
  UserNotFound,
  errorsDocument,
  requestIdOf,
  routeNotFound,
  ruleProblems,
  userNotFound,
} from '../app/json-api.mjs';
import { findUser, insertUser, userDocument } from '../app/store.mjs';

const string = { type: 'string' };

/** The password needs a letter, a number and a punctuation character: one pattern each. */
const PASSWORD_CLASSES = {
  '\\p{L}': 'letter',
  '\\p{N}': 'number',
  '[\\p{P}\\p{S}]': 'punctuation character',
};

const registrationEvent = transpileSchema(
  {
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
                  'password-confirmation': { type: 'string', const: { $data: '1/password' } },
                },
              },
            },
          },
        },
      },
    },
  },
  { $data: true },
);

/** An Ajv error as a rule violation of the body: which rule, and where. */
function violation(error) {
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

const getUser = middy().handler(async (event) => {
  const user = findUser(event.pathParameters.id);
  if (user === undefined) throw new UserNotFound(event.pathParameters.id);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(userDocument(user)),
  };
});

const registerUser = middy()
  .use(httpJsonBodyParser())
  .use(validator({ eventSchema: registrationEvent }))
  .handler(async (event) => {
    const attributes = event.body.data.attributes;
    const user = insertUser({
      firstName: attributes['first-name'],
      lastName: attributes['last-name'],
      email: attributes.email,
      password: attributes.password,
    });
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', location: `/users/${user.id}` },
      body: JSON.stringify(userDocument(user)),
    };
  });

/** Turns the errors of the routes, the router and the validator into JSON:API documents. */
const jsonApiErrors = () => ({
  onError: (request) => {
    const { error, event, context } = request;
    const requestId = requestIdOf(event, context);
    let status;
    let errors;
    if (error instanceof UserNotFound) {
      status = 404;
      errors = [userNotFound(error.id)];
    } else if (error.cause?.package === '@middy/http-router') {
      status = 404;
      errors = [routeNotFound(error.cause.data.method, error.cause.data.path)];
    } else if (error.cause?.package === '@middy/validator') {
      status = 400;
      errors = ruleProblems(error.cause.data.map(violation));
    } else {
      return;
    }
    request.error = createError(status, JSON.stringify(errorsDocument(errors, requestId)));
  },
});

/** Sends the request id on every response, errors included. */
const requestIdHeader = () => {
  const addHeader = (request) => {
    if (request.response === undefined) return;
    request.response.headers = {
      ...request.response.headers,
      'x-request-id': requestIdOf(request.event, request.context),
    };
  };
  return { after: addHeader, onError: addHeader };
};

export const handler = middy()
  .use(requestIdHeader())
  // Client errors are answered, not logged, as by every other contender.
  .use(httpErrorHandler({ logger: false }))
  .use(jsonApiErrors())
  .handler(
    httpRouterHandler([
      { method: 'GET', path: '/users/{id}', handler: getUser },
      { method: 'POST', path: '/users', handler: registerUser },
    ]),
  );
