import { createMockResponse, type MockScenario } from '@chatstream/mocks';
import { readMessageStream, type ChatMessage, type MessageSnapshot } from '@chatstream/reader';

/** A snapshot as the session would show it: an assistant `ChatMessage`, streaming until complete. */
export function toChatMessage(snapshot: MessageSnapshot, status?: ChatMessage['status']): ChatMessage {
  return {
    id: snapshot.message.id,
    role: 'assistant',
    content: snapshot.message.content,
    blocks: snapshot.blocks,
    status: status ?? (snapshot.complete ? 'complete' : 'streaming'),
    stopReason: snapshot.message.stop_reason,
    message: snapshot.message,
  };
}

/** Every snapshot of `scenario` read through the real reader (instant timing), in order. */
export async function snapshotsOf(scenario: MockScenario): Promise<MessageSnapshot[]> {
  const stream = readMessageStream(createMockResponse(scenario, { timing: 'instant' }));
  const snapshots: MessageSnapshot[] = [];
  stream.on('snapshot', (snapshot) => snapshots.push(snapshot));
  await stream.finalMessage().catch(() => undefined);
  return snapshots;
}

/** The first snapshot for which `predicate` holds; throws when none does. */
export function findSnapshot(
  snapshots: readonly MessageSnapshot[],
  predicate: (snapshot: MessageSnapshot) => boolean,
): MessageSnapshot {
  const found = snapshots.find(predicate);
  if (!found) throw new Error('no snapshot matches');
  return found;
}
