// `npm start`: builds only when dist/ is older than the sources (and says why), then runs the
// launcher in this same process (so signals and the exit code are its own), with the arguments
// given after `--` still in process.argv.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './dist-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reason = staleReason(root);
if (reason) {
  console.error(`Building first: ${reason}.`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else {
  console.error('dist/ is up to date with the sources: starting without a build.');
}
createRequire(import.meta.url)(join(root, 'dist', 'electron', 'launch.cjs'));
