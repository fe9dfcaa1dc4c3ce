import { type DeliveryStatus, deliveryStatus } from '../delivery/delivery-status.js';
import { type CliCommand, parseArgs } from './cli-command.js';

const failureLabels = { unreachable: 'cannot be reached', rejected: 'refused', gave_up: 'gave up' } as const;

/** The `delivery status` report as lines: counts by state, then each recipient whose last message failed. */
export function formatDeliveryStatus(orgId: string, status: DeliveryStatus): string[] {
  const { counts, failed } = status;
  const lines = [
    `Delivery for ${orgId}: ${counts.sent} sent, ${counts.pending} pending, ${counts.sending} sending, ${counts.failed} failed`,
  ];
  if (failed.length === 0) return [...lines, 'No recipient has a failed message.'];
  lines.push(
    `${failed.length} recipient${failed.length === 1 ? '' : 's'} not reached (latest message failed):`,
  );
  for (const f of failed) {
    const status = f.status === null ? '' : ` [HTTP ${f.status}]`;
    lines.push(
      `  ${f.name} (${f.kind}, ${failureLabels[f.failure]}): ${f.reason}${status}; ${f.messageKind}`,
    );
  }
  return lines;
}

export const deliveryStatusCli: CliCommand = {
  name: 'delivery status',
  usage: 'delivery status [--json]',
  summary: 'Messages by state, and the recipients whose latest message failed, with the reason.',
  async run(args, { app, orgId, out }) {
    const status = await deliveryStatus(app.db, orgId);
    if (parseArgs(args).options.has('json')) out(JSON.stringify({ orgId, ...status }, null, 2));
    else for (const line of formatDeliveryStatus(orgId, status)) out(line);
    return 0;
  },
};
