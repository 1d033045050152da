// Hono with its AWS Lambda adapter as its documentation shows it: routes on an app, the zod
// validator with a hook that answers every issue at once, the domain error answered by onError,
// notFound for unknown routes, and a middleware that sends the request id.
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
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

const app = new Hono();

const requestId = (c) => requestIdOf(c.env.event, c.env.lambdaContext);

app.use(async (c, next) => {
  await next();
  c.res.headers.set('x-request-id', requestId(c));
});

app.get('/users/:id', (c) => {
  const id = c.req.param('id');
  const user = findUser(id);
  if (user === undefined) throw new UserNotFound(id);
  return c.json(userDocument(user));
});

app.post(
  '/users',
  zValidator('json', Registration, (result, c) => {
    if (!result.success) {
      const errors = ruleProblems(result.error.issues.map((issue) => violation(issue)));
      return c.json(errorsDocument(errors, requestId(c)), 400);
    }
    return undefined;
  }),
  (c) => {
    const attributes = c.req.valid('json').data.attributes;
    const user = insertUser({
      firstName: attributes['first-name'],
      lastName: attributes['last-name'],
      email: attributes.email,
      password: attributes.password,
    });
    c.header('location', `/users/${user.id}`);
    return c.json(userDocument(user), 201);
  },
);

app.onError((error, c) => {
  if (error instanceof UserNotFound) {
    return c.json(errorsDocument([userNotFound(error.id)], requestId(c)), 404);
  }
  throw error;
});

app.notFound((c) =>
  c.json(errorsDocument([routeNotFound(c.req.method, c.req.path)], requestId(c)), 404),
);

export const handler = handle(app);
