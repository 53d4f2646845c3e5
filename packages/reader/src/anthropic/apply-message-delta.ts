import type { Message, MessageDeltaEvent } from '../types.ts';

/**
 * What `message_start` says of the whole request, which a `message_delta` does not change; and
 * `__proto__`, which is no counter: assigning it would swap the usage object's prototype.
 */
const NOT_UPDATED = new Set(['service_tier', 'cache_creation', '__proto__']);

/**
 * Applies `message_delta` to a message: `stop_reason` / `stop_sequence` when given,
 * `stop_details`, `container` and `context_management` when present, and usage counters overwritten (never added)
 * when present and non-null; `service_tier` and `cache_creation` stay as `message_start` said.
 * Returns a new message; `content` is shared.
 */
export function applyMessageDelta(message: Message, event: MessageDeltaEvent): Message {
  const next: Message = { ...message };
  const { delta, usage } = event;
  if ('stop_reason' in delta) next.stop_reason = delta.stop_reason ?? null;
  if ('stop_sequence' in delta) next.stop_sequence = delta.stop_sequence ?? null;
  if (delta.stop_details !== undefined) next.stop_details = delta.stop_details;
  if (delta['container'] != null) next['container'] = delta['container'];
  // Context editing (a beta) says which edits it applied beside the delta, as the beta SDK keeps it.
  const applied = (event as { context_management?: unknown }).context_management;
  if (applied != null) next['context_management'] = applied;
  if (usage) {
    // Counters in message_delta are running totals: overwrite, never add; null means "not given".
    const merged = { ...message.usage };
    for (const [key, value] of Object.entries(usage)) {
      if (value != null && !NOT_UPDATED.has(key)) merged[key] = value;
    }
    next.usage = merged;
  }
  return next;
}
