import type { ReactNode } from 'react';
import { useLabels } from '../labels.tsx';
import { isRecord } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { serverToolErrorCode } from './server-tool-errors.ts';

/** Props of {@link CodeExecutionResultBlock}. */
export type CodeExecutionResultBlockProps = BlockPartProps;

/**
 * Whether a code execution result failed: an `error_code` (the tool could not run), or a run that
 * exited with another code than 0. A result of another tool (a search) is judged by its
 * `error_code` only.
 */
export function isFailedRun(content: unknown): boolean {
  if (serverToolErrorCode(content) !== undefined) return true;
  const code = isRecord(content) ? content['return_code'] : undefined;
  return typeof code === 'number' && code !== 0;
}

/** The non-empty string `record` holds under `key`. */
const textOf = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The result of Anthropic's code execution tool (`code_execution_tool_result`,
 * `bash_code_execution_tool_result`, `text_editor_code_execution_tool_result`): what the run printed
 * (`stdout`), what it printed as errors (`stderr`), its exit code when it is not 0, and how many
 * files it made; for the file editor, the file viewed or the lines that replaced others, or that a
 * file was created or updated. A tool that could not run says its `error_code`. `data-state` is
 * `done`, or `error` for a failure or an exit code other than 0.
 *
 * @example
 * <CodeExecutionResultBlock block={block} index={2} message={message} progress={undefined} />
 */
export function CodeExecutionResultBlock(props: CodeExecutionResultBlockProps): ReactNode {
  const t = useLabels();
  const content = props.block['content'];
  const result = isRecord(content) ? content : {};
  const errorCode = serverToolErrorCode(content);
  const exit = result['return_code'];
  const lines = result['lines'];
  const output =
    textOf(result, 'stdout') ??
    textOf(result, 'content') ??
    (Array.isArray(lines) && lines.length > 0 ? lines.join('\n') : undefined);
  const errors = textOf(result, 'stderr');
  const files = Array.isArray(result['content']) ? result['content'].length : 0;
  const notes = [
    typeof exit === 'number' && exit !== 0 ? t('Exit code {0}', exit) : '',
    files > 0 ? t(files === 1 ? '1 file' : '{0} files', files) : '',
    typeof result['is_file_update'] === 'boolean'
      ? t(result['is_file_update'] ? 'File updated' : 'File created')
      : '',
  ].filter(Boolean);
  return (
    <div
      data-slot="code-execution-result-block"
      data-state={isFailedRun(content) ? 'error' : 'done'}
      role="group"
      aria-label={t('Code execution result')}
      {...rootProps(props)}
    >
      {errorCode !== undefined ? (
        <p data-slot="code-execution-error">
          {t('The code could not run.')} <code data-slot="code-execution-error-code">{errorCode}</code>
        </p>
      ) : null}
      {output !== undefined ? (
        <pre data-slot="code-execution-output" tabIndex={0} role="group" aria-label={t('Output')}>
          {output}
        </pre>
      ) : null}
      {errors !== undefined ? (
        <pre data-slot="code-execution-errors" tabIndex={0} role="group" aria-label={t('Errors')}>
          {errors}
        </pre>
      ) : null}
      {notes.length > 0 ? <p data-slot="code-execution-notes">{notes.join(' · ')}</p> : null}
    </div>
  );
}
