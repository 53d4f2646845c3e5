import type { ChatMessage } from '@chatstream/reader';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { blockProps } from '../stories/fixtures.ts';
import { CodeExecutionResultBlock } from './code-execution-result-block.tsx';

const meta = preview.meta({ component: CodeExecutionResultBlock, title: 'Blocks/CodeExecutionResultBlock' });

/** A finished turn with a bash command Anthropic ran and its result `content`. */
function bashTurn(content: unknown): ChatMessage {
  return {
    id: 'bash',
    role: 'assistant',
    status: 'complete',
    content: [
      {
        type: 'server_tool_use',
        id: 'srvtoolu_bash',
        name: 'bash_code_execution',
        input: { command: 'python analyse.py' },
      },
      { type: 'bash_code_execution_tool_result', tool_use_id: 'srvtoolu_bash', content },
    ],
  };
}

/** A run that printed its answer and made a file. */
export const Printed = meta.story({
  args: blockProps(
    bashTurn({
      type: 'bash_code_execution_result',
      stdout: 'rows: 1204\nmean: 18.4\nsaved chart.png',
      stderr: '',
      return_code: 0,
      content: [{ type: 'bash_code_execution_output', file_id: 'file_011' }],
    }),
    1,
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Output' })).toHaveTextContent('mean: 18.4');
    await expect(canvas.getByText('1 file')).toBeVisible();
  },
});

/** A run that failed: its errors, and the exit code. */
export const Failed = meta.story({
  args: blockProps(
    bashTurn({
      type: 'bash_code_execution_result',
      stdout: '',
      stderr: "python: can't open file '/tmp/analyse.py': [Errno 2] No such file or directory",
      return_code: 2,
      content: [],
    }),
    1,
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Errors' })).toHaveTextContent('No such file');
    await expect(canvas.getByText('Exit code 2')).toBeVisible();
  },
});
