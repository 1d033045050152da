/**
 * The CDK app: `npx aws-cdk deploy` in this directory (cdk.json runs this file with tsx) bundles
 * the shop handler into a temporary directory and synthesises the `GatefoldShop` stack from it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { bundleShopHandler } from './bundle.js';
import { ShopStack } from './shop-stack.js';

const codeDirectory = await bundleShopHandler(mkdtempSync(path.join(tmpdir(), 'gatefold-shop-')));

try {
  const app = new App();
  new ShopStack(app, 'GatefoldShop', { codeDirectory });
  // Synthesis copies the bundle into the cloud assembly (cdk.out), which is what gets deployed.
  app.synth();
} finally {
  rmSync(codeDirectory, { recursive: true, force: true });
}
