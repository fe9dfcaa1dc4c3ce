/** `npm run package -- --env dev`: writes appPackage/build/practice-pulse.<env>.zip for upload to Teams. */
import { parseArgs } from 'node:util';
import { buildAppPackage, PackagingError } from '../src/packaging/app-package.js';

const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } });
try {
  const { zipPath } = await buildAppPackage({ root: process.cwd(), envName: values.env });
  console.log(`wrote ${zipPath}`);
} catch (error) {
  if (!(error instanceof PackagingError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
