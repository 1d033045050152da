// Middy with its validator's schema transpiled at build time, as Middy recommends for production:
// the bench writes Ajv's standalone code for ./middy-schema.mjs before bundling
// (lib/middy-transpile.mjs, the Ajv setup of @middy/validator/transpile).
import registrationEvent from '../out/middy-registration.mjs';
import { usersApi } from './middy-app.mjs';

export const handler = usersApi(registrationEvent);
