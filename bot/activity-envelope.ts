import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** An id or name as Teams sends it: text, bounded, and never U+0000 (the store cannot hold it). */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'contains a NUL character');

/**
 * The parts of an activity the bot reads before any command runs (sender, conversation, tenant, team and
 * channel, mentions), with the types Teams sends. Bot Framework auth proves who sent the request, not the shape
 * of its body, and botbuilder accepts any object; a body that does not fit is refused like another tenant's.
 */
export const activityEnvelopeSchema = z
  .object({
    type: text(64),
    serviceUrl: text(2_048).optional(),
    text: z.string().optional(),
    from: z
      .object({ id: text(1_024).optional(), aadObjectId: text(128).optional() })
      .passthrough()
      .optional(),
    conversation: z
      .object({
        id: text(1_024),
        conversationType: z.enum(['personal', 'groupChat', 'channel']).optional(),
        tenantId: text(128).optional(),
      })
      .passthrough()
      .optional(),
    channelData: z
      .object({
        tenant: z
          .object({ id: text(128) })
          .passthrough()
          .optional(),
        team: z
          .object({ id: text(1_024).optional() })
          .passthrough()
          .optional(),
        channel: z
          .object({ id: text(1_024).optional(), name: text(1_024).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    // why: botbuilder's mention removal reads entity.type and mention.mentioned.id without checking them.
    entities: z
      .array(
        z
          .object({
            type: text(128),
            mentioned: z
              .object({ id: text(1_024) })
              .passthrough()
              .optional(),
          })
          .passthrough()
          .refine(
            (e) => e.type.toLowerCase() !== 'mention' || e.mentioned !== undefined,
            'mention without whom',
          ),
      )
      .max(50)
      .optional(),
  })
  .passthrough();

/** The first problem with an activity's envelope, or undefined when the bot can read it. */
export function envelopeProblem(activity: Partial<Activity>): string | undefined {
  const parsed = activityEnvelopeSchema.safeParse(activity);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'not an activity'}`;
}
