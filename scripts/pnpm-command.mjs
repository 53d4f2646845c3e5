/**
 * The command line that runs `pnpm` with `args`. pnpm may not be on PATH (the README commands fetch it
 * through npx); the pnpm running this script says where it is in `npm_execpath`, so nested pnpm calls
 * reuse it.
 * @param {string[]} args
 * @returns {[string, ...string[]]}
 */
export function pnpmCommand(args) {
  const execPath = process.env['npm_execpath'];
  if (!execPath || !/pnpm/.test(execPath)) return ['pnpm', ...args];
  return execPath.endsWith('js') ? [process.execPath, execPath, ...args] : [execPath, ...args];
}
