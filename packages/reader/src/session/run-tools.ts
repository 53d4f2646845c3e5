import type { ToolUseBlock } from '../types.ts';
import { onAbort } from '../on-abort.ts';
import { executeToolCall } from './execute-tool-call.ts';
import { isSettled, stoppedCall, toolResultBlocks } from './tool-results.ts';
import { reportFinished, type Run, type RunContext } from './run.ts';

/**
 * Runs the executable tool calls of the last turn in parallel. True once every call has a result
 * (then sent as one user message of `tool_result` blocks); false when some wait for the user, the
 * tools end the answer, or the run was stopped.
 */
export async function runTools(context: RunContext, run: Run): Promise<boolean> {
  const { state } = context;
  const { controller, executions } = run;
  const { signal } = controller;
  let stopListening: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (stopListening = onAbort(signal, resolve)));
  try {
    for (startTools(context, run); executions.size > 0; startTools(context, run)) {
      // The finished turn and its calls running go out with the next batch (at once unbatched).
      state.status = 'streaming';
      state.notify(false);
      await Promise.race([Promise.all(executions.values()), stopped]);
      if (signal.aborted) {
        // The turn had ended, so no input still streams: only the running calls change.
        state.patchCalls(stoppedCall, true, run.answerId);
        return false;
      }
    }
  } finally {
    // One listener a step would pile up over a long agent loop (Node warns past ten).
    stopListening?.();
  }
  const message = state.messages.at(-1);
  const calls = message?.toolCalls;
  if (!message || !calls || !Object.values(calls).every(isSettled)) return false;
  // Tools that end the answer: their results go with the person's next message.
  const tools = context.options.tools;
  if (
    message.content.every((block) => block.type !== 'tool_use' || tools?.[block['name'] as string]?.endsTurn)
  ) {
    return false;
  }
  state.messages = [
    ...state.messages,
    { id: context.newId(), role: 'user', content: toolResultBlocks(message.content, calls) },
  ];
  state.notify();
  return true;
}

/** Starts the last answer's calls that are `running` and not yet executing, each once. */
export function startTools(context: RunContext, run: Run): void {
  const { state, options } = context;
  const { signal } = run.controller;
  const message = state.messages.at(-1);
  for (const [toolUseId, call] of Object.entries(message?.toolCalls ?? {})) {
    if (call.status !== 'running' || run.executions.has(toolUseId)) continue;
    const block = message?.content.find((item) => item['id'] === toolUseId) as ToolUseBlock;
    // A tool runs: the run goes on, so the answer that called it finished within it.
    reportFinished(run, options);
    const execution = executeToolCall(options.tools, block, signal).then((result) => {
      run.executions.delete(toolUseId);
      if (!signal.aborted)
        state.patchCalls((current, id) => (id === toolUseId ? result : current), true, run.answerId);
    });
    run.executions.set(toolUseId, execution);
  }
}
