/**
 * Starts the Microsoft 365 Agents Playground (a local Teams client, offline) against the bot on PORT, with the
 * mock people of .m365agentsplayground.yml (they match sample/roster.csv). Start the bot first with `npm start`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const port = process.env.PORT ?? '3978';
const args = [
  '-p',
  process.env.PLAYGROUND_PORT ?? '56150',
  '-e',
  `http://127.0.0.1:${port}/api/messages`,
  '-c',
  'msteams',
  '--conversation-id',
  'personal-chat-psw',
  '--disable-telemetry',
];
const child = spawn(join(root, 'node_modules', '.bin', 'agentsplayground'), args, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // why: the playground opens a browser unless told not to; here the page is opened by the person (or Playwright).
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(root, '.m365agentsplayground.yml'),
  },
});
console.log(
  `Agents Playground: open http://127.0.0.1:${args[1]} (bot at http://127.0.0.1:${port}/api/messages)`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
