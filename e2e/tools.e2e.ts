import { scenario, scenarios } from '@chatstream/mocks';
import { openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

interface WireBlock {
  type: string;
  id?: string;
  name?: string;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

interface WireMessage {
  role: string;
  content: string | WireBlock[];
}

const SUMMARY = 'Tokyo stays mild for the next three days, with a little rain on day two.';

function toolUseId(name: string): string {
  const block = scenarios.multiTool.expectedMessage.content.find(
    (item) => item.type === 'tool_use' && item['name'] === name,
  );
  const id = block?.['id'];
  if (typeof id !== 'string') throw new Error(`multiTool has no ${name} call`);
  return id;
}

test('runs the tool loop, asking for approval, and sends the results back', async ({ page, upstream }) => {
  // What the model answers once the tool results arrive (that request names no scenario).
  upstream.use(scenario('forecastSummary').text(SUMMARY).stop('end_turn'));
  const demo = await openDemo(page, 'relay');
  await demo.pickScenario('Multi tool');
  await demo.send('Check Paris and Tokyo for me');

  const forecast = demo.conversation.getByRole('group', { name: 'Tool call: get_forecast' });
  await expect(forecast).toHaveAttribute('data-state', 'awaiting-approval');
  await expect(forecast).toContainText('Tokyo, Japan');
  await expect(demo.conversation.getByRole('group', { name: 'Tool call: get_weather' })).toHaveAttribute(
    'data-state',
    'done',
  );
  await expect(demo.conversation.getByRole('group', { name: 'Tool call: get_time' })).toHaveAttribute(
    'data-state',
    'done',
  );
  // Nothing goes back to the model while a call waits for the user.
  expect(upstream.requests).toHaveLength(1);

  await forecast.getByRole('button', { name: 'Approve' }).click();

  await expect(forecast).toHaveAttribute('data-state', 'done');
  // get_forecast returns a chart beside its figures: drawn in its card, not written out as base64.
  await expect(forecast.getByRole('img', { name: 'PNG image' })).toBeVisible();
  await expect(forecast).not.toContainText('base64');
  const answer = demo.answers.last();
  await expect(answer).toContainText(SUMMARY);
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(demo.answers).toHaveCount(2);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');

  await upstream.settled();
  expect(upstream.requests.map((request) => request.scenario)).toEqual(['multiTool', 'forecastSummary']);
  const { messages } = upstream.requests[1]!.body as { messages: WireMessage[] };
  expect(messages.at(-2)).toMatchObject({
    role: 'assistant',
    content: expect.arrayContaining([
      expect.objectContaining({ type: 'tool_use', id: toolUseId('get_forecast'), name: 'get_forecast' }),
    ]),
  });
  const results = messages.at(-1);
  expect(results?.role).toBe('user');
  const blocks = (results?.content ?? []) as WireBlock[];
  expect(blocks.map((block) => [block.type, block.tool_use_id])).toEqual(
    expect.arrayContaining([
      ['tool_result', toolUseId('get_weather')],
      ['tool_result', toolUseId('get_time')],
      ['tool_result', toolUseId('get_forecast')],
    ]),
  );
  const forecastResult = blocks.find((block) => block.tool_use_id === toolUseId('get_forecast'));
  expect(forecastResult?.is_error ?? false).toBe(false);
  // The fake API checks the image the way the API does; answering means it took it.
  expect(forecastResult?.content).toEqual([
    { type: 'text', text: expect.stringContaining('"location": "Tokyo, Japan"') },
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: expect.any(String) } },
  ]);
});

test('moving on while a call waits for approval declines it, and the model is told', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  await demo.pickScenario('Multi tool');
  await demo.send('Check Paris and Tokyo for me');
  const forecast = demo.conversation.getByRole('group', { name: 'Tool call: get_forecast' });
  await expect(forecast).toHaveAttribute('data-state', 'awaiting-approval');
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');

  await demo.pickScenario('Basic');
  await demo.send('Never mind the forecast');

  await expect(forecast).toHaveAttribute('data-state', 'denied');
  await expect(forecast.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  // The fake API refuses a conversation the real one would: an answer means it took this one.
  const answer = demo.answers.last();
  await expect(answer).toHaveAttribute('data-state', 'complete');
  await expect(answer).toContainText(scenarios.basic.expectedText);
  await upstream.settled();
  const { messages } = upstream.requests[1]!.body as { messages: WireMessage[] };
  const blocks = messages.at(-1)?.content as WireBlock[];
  expect(blocks.map((block) => [block.type, block.tool_use_id ?? null, block.is_error ?? false])).toEqual([
    ['tool_result', toolUseId('get_weather'), false],
    ['tool_result', toolUseId('get_time'), false],
    ['tool_result', toolUseId('get_forecast'), true],
    ['text', null, false],
  ]);
});
