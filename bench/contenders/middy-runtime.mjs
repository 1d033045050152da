// Middy with its validator's schema compiled when the module loads, by transpileSchema, as the
// validator's documentation shows first. Bundled and cold-started only: once loaded it runs the
// same code as ./middy.mjs.
import { transpileSchema } from '@middy/validator/transpile';
import { usersApi } from './middy-app.mjs';
import { AJV_OPTIONS, registrationEventSchema } from './middy-schema.mjs';

export const handler = usersApi(transpileSchema(registrationEventSchema, AJV_OPTIONS));
