// `npm run emulator [-- --scenario NAME|FILE] [--port N] [--latency MS] [--copy-delay MS] [--clock-offset MS]`
// Serves the scenario on 127.0.0.1 and prints the endpoint URL on the first line of output.

import { parseArgs } from 'node:util';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'default' },
      port: { type: 'string', default: '0' },
      latency: { type: 'string', default: '0' },
      'copy-delay': { type: 'string' },
      'clock-offset': { type: 'string', default: '0' },
    },
  });
  const emu = await startEmulator({
    scenario: values.scenario,
    port: Number(values.port),
    latencyMs: Number(values.latency),
    copyDelayMs: values['copy-delay'] !== undefined ? Number(values['copy-delay']) : undefined,
    clockOffsetMs: Number(values['clock-offset']),
  });
  console.log(emu.url);
  console.error(
    `Cloud Images local AppStream/WorkSpaces endpoint (scenario "${values.scenario}"). Try:\n` +
      `  AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x aws appstream describe-images --region us-east-1 --endpoint-url ${emu.url}`,
  );
  const stop = (): void => void emu.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
