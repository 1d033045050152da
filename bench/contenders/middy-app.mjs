// Middy as its documentation shows it: one middy handler per route behind @middy/http-router,
// the JSON body parser and the validator (JSON Schema through Ajv, every error at once) on the
// POST route, http-error-handler outermost, and two small middlewares of the application's own:
// one turns errors into JSON:API documents, one sends the request id. The compiled schema is
// given: transpiled at build time (./middy.mjs) or when the module loads (./middy-runtime.mjs).
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpRouterHandler from '@middy/http-router';
import { createError } from '@middy/util';
import validator from '@middy/validator';
import {
  UserNotFound,
  errorsDocument,
  requestIdOf,
  routeNotFound,
  ruleProblems,
  userNotFound,
} from '../app/json-api.mjs';
import { findUser, insertUser, userDocument } from '../app/store.mjs';
import { violation } from './middy-schema.mjs';

const getUser = middy().handler(async (event) => {
  const user = findUser(event.pathParameters.id);
  if (user === undefined) throw new UserNotFound(event.pathParameters.id);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(userDocument(user)),
  };
});

const registerUser = (registrationEvent) =>
  middy()
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

/** The users API with `registrationEvent`, the compiled validator of ./middy-schema.mjs. */
export const usersApi = (registrationEvent) =>
  middy()
    .use(requestIdHeader())
    // Client errors are answered, not logged, as by every other contender.
    .use(httpErrorHandler({ logger: false }))
    .use(jsonApiErrors())
    .handler(
      httpRouterHandler([
        { method: 'GET', path: '/users/{id}', handler: getUser },
        { method: 'POST', path: '/users', handler: registerUser(registrationEvent) },
      ]),
    );
