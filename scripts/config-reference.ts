/**
 * Writes the configuration table generated from src/config/config.schema.ts into README.md, between
 * <!-- config:start --> and <!-- config:end -->. `--check` only reports whether README.md is up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { configReference, withConfigReference } from '../src/config/config-reference.js';

const readme = readFileSync('README.md', 'utf8');
const updated = withConfigReference(readme, configReference());
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md: configuration table is out of date; run npm run docs:config');
    process.exitCode = 1;
  }
} else if (updated !== readme) {
  writeFileSync('README.md', updated);
  console.log('README.md: configuration table updated');
}
