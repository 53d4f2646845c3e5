// `npm run demo` (until the Vite demo lands): streams mocked Claude answers to the terminal through
// @chatstream/reader, with a live progress line. No API key, no network: @chatstream/mocks serves.
//   npm run demo                      → a few catalogue scenarios one after another
//   npm run demo -- toolUse thinking  → just those (any name from the mocks catalogue)
import { createMockResponse, scenarios, type ScenarioName } from '@chatstream/mocks';
import { isChatStreamError, readMessageStream, type StreamStats } from '@chatstream/reader';

const names = process.argv.slice(2).filter((name) => name !== '--') as ScenarioName[];
const chosen: ScenarioName[] =
  names.length > 0 ? names : ['basic', 'thinking', 'toolUse', 'webSearch', 'overloadedMidStream'];
const tty = process.stdout.isTTY;
const dim = (text: string): string => (tty ? `\x1b[2m${text}\x1b[22m` : text);
const bold = (text: string): string => (tty ? `\x1b[1m${text}\x1b[22m` : text);

function progress(stats: StreamStats): string {
  const ttft = stats.timeToFirstTokenMs === undefined ? '–' : `${Math.round(stats.timeToFirstTokenMs)} ms`;
  const rate = stats.tokensPerSecond === undefined ? '–' : stats.tokensPerSecond.toFixed(0);
  const share = stats.progress === undefined ? '' : ` · ${(stats.progress * 100).toFixed(1)}% of max_tokens`;
  return `first token ${ttft} · ${stats.outputTokens}${stats.outputTokensExact ? '' : '~'} tokens · ${rate} tok/s · ${(stats.bytes / 1024).toFixed(1)} KiB${share}`;
}

for (const name of chosen) {
  const scenario = scenarios[name];
  if (!scenario) {
    console.error(`Unknown scenario "${name}". Try one of: ${Object.keys(scenarios).join(', ')}`);
    process.exit(1);
  }
  console.log(`\n${bold(`▶ ${name}`)} ${dim(scenario.description)}\n`);
  const stream = readMessageStream(createMockResponse(scenario, { timing: { tokensPerSecond: 60 } }), {
    maxTokens: 1024,
  });
  let block = -1;
  stream.on('streamEvent', (event) => {
    if (event.type !== 'content_block_start') return;
    block = event.index;
    const { content_block: content } = event;
    if (content.type === 'thinking') process.stdout.write(dim('[thinking] '));
    else if (content.type === 'tool_use' || content.type === 'server_tool_use')
      process.stdout.write(`\n${bold(`[${content.type} ${String(content['name'])}]`)} `);
    else if (content.type !== 'text') process.stdout.write(dim(`\n[${content.type}]\n`));
  });
  stream.on('text', (delta) => process.stdout.write(delta));
  stream.on('thinking', (delta) => process.stdout.write(dim(delta)));
  stream.on('inputJson', (fragment) => process.stdout.write(dim(fragment)));
  stream.on('contentBlock', () => process.stdout.write(block >= 0 ? '\n' : ''));
  const ticker = setInterval(() => {
    if (tty) process.stderr.write(`\x1b7\x1b[999;1H\x1b[2K${dim(progress(stream.stats))}\x1b8`);
  }, 100);
  try {
    const message = await stream.finalMessage();
    console.log(`\n${dim(`stop_reason: ${String(message.stop_reason)} · ${progress(stream.stats)}`)}`);
  } catch (error) {
    if (!isChatStreamError(error)) throw error;
    const kept = error.partial?.message.content.length ?? 0;
    console.log(
      `\n${bold(`✗ ${error.name}`)}: ${error.message} ${dim(`(kept ${kept} block${kept === 1 ? '' : 's'} received before it)`)}`,
    );
  } finally {
    clearInterval(ticker);
    if (tty) process.stderr.write('\x1b7\x1b[999;1H\x1b[2K\x1b8');
  }
}
