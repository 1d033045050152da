// Powertools for AWS Lambda's event-handler Router as its documentation shows it: routes with
// Standard Schema validation (zod, every issue at once), error handlers for the validation error
// and the domain error, a not-found handler, and a middleware that sends the request id.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
/* global Response -- the WHATWG Response of Node 18 and later */
import { URL } from 'node:url';
import { RequestValidationError, Router } from '@aws-lambda-powertools/event-handler/http';
import {
  UserNotFound,
  errorsDocument,
  requestIdOf,
  routeNotFound,
  ruleProblems,
  userNotFound,
} from '../app/json-api.mjs';
import { Registration, violation } from '../app/registration-zod.mjs';
import { findUser, insertUser, userDocument } from '../app/store.mjs';

const app = new Router();

/** A JSON:API response; a Response keeps the router from adding members to the body. */
function jsonResponse(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An error document with the request id in its meta and in its header. */
function errorResponse(status, errors, reqCtx) {
  const requestId = requestIdOf(reqCtx.event, reqCtx.context);
  return jsonResponse(status, errorsDocument(errors, requestId), { 'x-request-id': requestId });
}

// The request id on the routes' answers; error handlers answer after the middleware chain has
// been left, so they send it themselves.
app.use(async ({ reqCtx, next }) => {
  await next();
  reqCtx.res.headers.set('x-request-id', requestIdOf(reqCtx.event, reqCtx.context));
});

app.get('/users/:id', ({ params }) => {
  const user = findUser(params.id);
  if (user === undefined) throw new UserNotFound(params.id);
  return userDocument(user);
});

app.post(
  '/users',
  (reqCtx) => {
    const attributes = reqCtx.valid.req.body.data.attributes;
    const user = insertUser({
      firstName: attributes['first-name'],
      lastName: attributes['last-name'],
      email: attributes.email,
      password: attributes.password,
    });
    return jsonResponse(201, userDocument(user), { location: `/users/${user.id}` });
  },
  { validation: { req: { body: Registration } } },
);

app.errorHandler(RequestValidationError, (error, reqCtx) =>
  errorResponse(
    400,
    ruleProblems((error.details?.issues ?? []).map((issue) => violation(issue, ['body']))),
    reqCtx,
  ),
);

app.errorHandler(UserNotFound, (error, reqCtx) =>
  errorResponse(404, [userNotFound(error.id)], reqCtx),
);

app.notFound((_error, reqCtx) =>
  errorResponse(404, [routeNotFound(reqCtx.req.method, new URL(reqCtx.req.url).pathname)], reqCtx),
);

export const handler = async (event, context) => app.resolve(event, context);
