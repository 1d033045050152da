// JSON:API error documents as every library contender writes them from its own error hooks: the
// same members, in the same order, as gatefold's (and the floor's) answers.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import {
  FIRST_NAME_TOO_SHORT,
  PASSWORDS_DIFFER,
  WEAK_PASSWORD,
  userNotFoundDetail,
  weakPasswordDetail,
} from './rules.mjs';

/** The request id every answer carries: API Gateway's, else Lambda's. */
export function requestIdOf(event, context) {
  return event.requestContext?.requestId ?? context.awsRequestId;
}

/** A JSON:API errors document. */
export function errorsDocument(errors, requestId) {
  return { errors, meta: { requestId } };
}

/** The 404 of a path no route matches. */
export function routeNotFound(method, path) {
  return {
    status: '404',
    title: 'Not Found',
    code: 'route-not-found',
    detail: `No route for ${method} ${path}.`,
  };
}

/** The 404 of the UserNotFound domain error. */
export function userNotFound(id) {
  return {
    status: '404',
    title: 'Not Found',
    code: 'UserNotFound',
    detail: userNotFoundDetail(id),
  };
}

/** A domain error of the users API: no user has this id. */
export class UserNotFound extends Error {
  constructor(id) {
    super(userNotFoundDetail(id));
    this.name = 'UserNotFound';
    this.id = id;
  }
}

/** The problems of rule violations, given as `{ pointer, rule }` (`rule` names the check). */
export function ruleProblems(violations) {
  const errors = [];
  const missing = [];
  let weakAt;
  for (const { pointer, rule, message } of violations) {
    if (rule === 'too-short') {
      errors.push({ status: '400', ...FIRST_NAME_TOO_SHORT, source: { pointer } });
    } else if (rule === 'letter' || rule === 'number' || rule === 'punctuation character') {
      // One problem names every class the password lacks.
      if (weakAt === undefined) {
        weakAt = errors.length;
        errors.push(undefined);
      }
      missing.push(rule);
      errors[weakAt] = {
        status: '400',
        ...WEAK_PASSWORD,
        detail: weakPasswordDetail(missing),
        source: { pointer },
      };
    } else if (rule === 'mismatch') {
      errors.push({
        status: '400',
        ...PASSWORDS_DIFFER,
        source: { pointer: '/data/attributes/password' },
      });
    } else {
      errors.push({
        status: '400',
        code: 'invalid-value',
        title: 'Invalid value',
        detail: message,
        source: { pointer },
      });
    }
  }
  return errors;
}
