/**
 * Stryker runs the tests in a copy of the project, `.stryker-tmp/sandbox-<id>/`, where the
 * `../shared/` folder the event fixture tests read from (see test/support/fixtures.ts) is not
 * beside the project. This links it there, to the real one beside the original project, before
 * any test runs. Outside a sandbox it does nothing.
 */
import { existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export default function linkSharedFixtures(): void {
  const projectRoot = path.resolve(import.meta.dirname, '../..');
  const tempDir = path.dirname(projectRoot);
  if (path.basename(tempDir) !== '.stryker-tmp') return;
  const linkedShared = path.join(tempDir, 'shared');
  const realShared = path.resolve(tempDir, '../../shared');
  if (!existsSync(linkedShared) && existsSync(realShared)) {
    try {
      symlinkSync(realShared, linkedShared, 'dir');
    } catch (error) {
      // Two sandboxes can start at once; the other one made the same link.
      if (!existsSync(linkedShared)) throw error;
    }
  }
}
