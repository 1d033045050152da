// The floor: no library. JSON.parse, hand-written checks and the proxy result built by hand, for
// the same routes, rules and answers as every other contender.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { Buffer } from 'node:buffer';
import {
  FIRST_NAME_TOO_SHORT,
  PASSWORDS_DIFFER,
  WEAK_PASSWORD,
  missingClasses,
  userNotFoundDetail,
  weakPasswordDetail,
} from '../app/rules.mjs';
import { findUser, insertUser, userDocument } from '../app/store.mjs';

const ATTRIBUTES = ['first-name', 'last-name', 'email', 'password', 'password-confirmation'];

function respond(statusCode, body, requestId, location) {
  const headers = { 'content-type': 'application/json', 'x-request-id': requestId };
  if (location !== undefined) headers.location = location;
  return { statusCode, headers, body: JSON.stringify(body), isBase64Encoded: false };
}

function problems(status, errors, requestId) {
  return respond(status, { errors, meta: { requestId } }, requestId);
}

function notFound(code, detail, requestId) {
  return problems(404, [{ status: '404', title: 'Not Found', code, detail }], requestId);
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem of the registration document, shape first, then the three rules. */
function registrationProblems(document) {
  const found = [];
  const invalid = (pointer, detail) =>
    found.push({
      status: '400',
      code: 'invalid-value',
      title: 'Invalid value',
      detail,
      source: { pointer },
    });
  const data = isObject(document) ? document.data : undefined;
  if (!isObject(data)) {
    invalid('/data', 'Expected an object.');
    return found;
  }
  if (data.type !== 'users') invalid('/data/type', 'Expected "users".');
  const attributes = data.attributes;
  if (!isObject(attributes)) {
    invalid('/data/attributes', 'Expected an object.');
    return found;
  }
  for (const name of ATTRIBUTES) {
    if (typeof attributes[name] !== 'string') {
      invalid(`/data/attributes/${name}`, 'Expected a string.');
    }
  }
  if (found.length > 0) return found;
  const password = attributes.password;
  if (attributes['first-name'].length < 3) {
    found.push({
      status: '400',
      ...FIRST_NAME_TOO_SHORT,
      source: { pointer: '/data/attributes/first-name' },
    });
  }
  const missing = missingClasses(password);
  if (missing.length > 0) {
    found.push({
      status: '400',
      ...WEAK_PASSWORD,
      detail: weakPasswordDetail(missing),
      source: { pointer: '/data/attributes/password' },
    });
  }
  if (password !== attributes['password-confirmation']) {
    found.push({
      status: '400',
      ...PASSWORDS_DIFFER,
      source: { pointer: '/data/attributes/password' },
    });
  }
  return found;
}

function registerUser(event, requestId) {
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '';
  if (!contentType.startsWith('application/json')) {
    return problems(
      415,
      [{ status: '415', title: 'Unsupported Media Type', detail: 'Send application/json.' }],
      requestId,
    );
  }
  let document;
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : (event.body ?? '');
    document = JSON.parse(text);
  } catch {
    return problems(
      400,
      [{ status: '400', title: 'Bad Request', detail: 'The body is not valid JSON.' }],
      requestId,
    );
  }
  const found = registrationProblems(document);
  if (found.length > 0) return problems(400, found, requestId);
  const attributes = document.data.attributes;
  const user = insertUser({
    firstName: attributes['first-name'],
    lastName: attributes['last-name'],
    email: attributes.email,
    password: attributes.password,
  });
  return respond(201, userDocument(user), requestId, `/users/${user.id}`);
}

function getUser(id, requestId) {
  const user = findUser(id);
  return user === undefined
    ? notFound('UserNotFound', userNotFoundDetail(id), requestId)
    : respond(200, userDocument(user), requestId);
}

const USER_PATH = /^\/users\/([^/]+)\/?$/;

export const handler = async (event, context) => {
  const v2 = event.version === '2.0';
  const method = v2 ? event.requestContext.http.method : event.httpMethod;
  const path = v2 ? event.rawPath : event.path;
  const requestId = event.requestContext?.requestId ?? context.awsRequestId;
  if (path === '/users' || path === '/users/') {
    if (method === 'POST') return registerUser(event, requestId);
  } else if (method === 'GET') {
    const match = USER_PATH.exec(path);
    if (match !== null) return getUser(decodeURIComponent(match[1]), requestId);
  }
  return notFound('route-not-found', `No route for ${method} ${path}.`, requestId);
};
