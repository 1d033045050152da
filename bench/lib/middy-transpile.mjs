// Middy's validator schema transpiled at build time, as Middy recommends for production (its
// transpileSchema costs 50-100 ms of cold start, and its `ajv-cmd` pre-transpiler needs Node 24):
// the same Ajv instance and options as @middy/validator/transpile, emitted as a standalone ES
// module that the Middy contender imports instead of compiling the schema when it loads.
/* eslint-disable @typescript-eslint/explicit-module-boundary-types -- plain JavaScript, nothing to annotate */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ajvFormatsDraft2019 from '@silverbucket/ajv-formats-draft2019';
import Ajv from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import ajvErrors from 'ajv-errors';
import ajvFormats from 'ajv-formats';
import ajvKeywords from 'ajv-keywords';
import { AJV_OPTIONS, registrationEventSchema } from '../contenders/middy-schema.mjs';

/** @middy/validator/transpile's defaults. */
const MIDDY_AJV_DEFAULTS = {
  strict: true,
  coerceTypes: 'array',
  allErrors: true,
  useDefaults: 'empty',
  messages: true,
};

/** Writes `middy-registration.mjs` (the compiled validator) into `outDir`. */
export function transpileMiddySchema(outDir) {
  const ajv = new Ajv({
    ...MIDDY_AJV_DEFAULTS,
    ...AJV_OPTIONS,
    keywords: [],
    code: { source: true, esm: true },
  });
  ajvFormats(ajv);
  ajvFormatsDraft2019(ajv);
  ajvKeywords(ajv);
  ajvErrors(ajv);
  const validate = ajv.compile(registrationEventSchema);
  writeFileSync(path.join(outDir, 'middy-registration.mjs'), standaloneCode(ajv, validate));
}
