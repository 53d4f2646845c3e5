import { createMockResponse, faultScenarios, type MockScenario, scenarios } from '@chatstream/mocks';
import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';
import { describeError } from './describe-error.ts';
import { type Labels, LabelsProvider, useLabels } from './labels.tsx';
import { thinkingSummary } from './blocks/thinking-block.tsx';
import { holdStreamAfter } from './test/hold-stream.ts';
import { installStyles } from './test/styles.ts';

installStyles();

const french: Labels = {
  'Message Claude…': 'Écrivez à Claude…',
  Message: 'Message à envoyer',
  Send: 'Envoyer',
  Stop: 'Arrêter',
  Stopped: 'Arrêté',
  Regenerate: 'Régénérer',
  Conversation: 'Discussion',
  'How can I help you today?': 'Comment puis-je vous aider ?',
  Suggestions: 'Idées',
  Claude: 'Assistant',
  You: 'Vous',
  'Claude is overloaded right now': 'Claude est surchargé pour le moment',
  'Tool call: {0}': 'Appel d’outil : {0}',
  'Awaiting approval': 'En attente d’accord',
  Approve: 'Accepter',
  Deny: 'Refuser',
  '{0} needs your approval': '{0} attend votre accord',
  'Thought for {0} seconds': (seconds) => `A réfléchi ${seconds} secondes`,
};

/** Renders what `useLabels()` gives for `key` with `values`. */
function Said({
  text,
  values = [],
}: {
  text: Parameters<ReturnType<typeof useLabels>>[0];
  values?: number[];
}) {
  return <p>{useLabels()(text, ...values)}</p>;
}

/** A `Translate` that shows which key it was asked for, and with what. */
const bracketed = (key: string, ...values: (string | number)[]): string => `[${key}|${values.join(',')}]`;

const instantly = (answer: MockScenario) => createMockResponse(answer, { timing: 'instant' });

it('fills {0} and {1}, calls a function label with the values, and keeps English for keys left out', async () => {
  const screen = await render(
    <LabelsProvider
      labels={{
        'Tool call: {0}': 'Appel d’outil : {0}',
        '{0}. Trying again (attempt {1})…': '{0}. Nouvel essai ({1})…',
        'Thought for {0} seconds': (seconds) => `${seconds} secondes`,
      }}
    >
      <Said text="Tool call: {0}" values={[7]} />
      <Said text="{0}. Trying again (attempt {1})…" values={[1, 2]} />
      <Said text="Thought for {0} seconds" values={[12]} />
      <Said text="Stop" />
    </LabelsProvider>,
  );
  expect(Array.from(screen.container.querySelectorAll('p'), (p) => p.textContent)).toEqual([
    'Appel d’outil : 7',
    '1. Nouvel essai (2)…',
    '12 secondes',
    'Stop',
  ]);
});

it('nests providers: the inner one wins, the outer one fills in what the inner leaves out', async () => {
  const screen = await render(
    <LabelsProvider labels={{ Send: 'Envoyer', Stop: 'Arrêter' }}>
      <LabelsProvider labels={{ Stop: 'Halte' }}>
        <Said text="Send" />
        <Said text="Stop" />
        <Said text="Retry" />
      </LabelsProvider>
    </LabelsProvider>,
  );
  expect(Array.from(screen.container.querySelectorAll('p'), (p) => p.textContent)).toEqual([
    'Envoyer',
    'Halte',
    'Retry',
  ]);
});

it('words errors and thinking summaries in the given language outside React too', () => {
  const error = Object.assign(new Error('Overloaded'), {
    kind: 'http',
    status: 529,
    errorType: 'overloaded_error',
  });
  expect(describeError(error, bracketed).title).toBe('[Claude is overloaded right now|]');
  expect(describeError(error).title).toBe('Claude is overloaded right now');
  expect(thinkingSummary(false, 12_000, bracketed)).toBe('[Thought for {0} seconds|12]');
  expect(thinkingSummary(false, 1_000, bracketed)).toBe('[Thought for 1 second|]');
  expect(thinkingSummary(false, 12_000)).toBe('Thought for 12 seconds');
});

it('speaks French in <ChatStream labels>: composer, welcome, answer, Stop, the stopped mark and what screen readers hear', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn<typeof globalThis.fetch>(async () =>
    // Held after its first words: a stopped answer with nothing in it is taken away.
    holdStreamAfter(createMockResponse(scenarios.longAnswer, { timing: 'instant' }), held, 3),
  );
  const screen = await render(
    <ChatStream fetch={fetch} labels={french} suggestions={['Bonjour']} style={{ blockSize: 480 }} />,
  );
  await expect.element(screen.getByText('Comment puis-je vous aider ?')).toBeVisible();
  await expect.element(screen.getByRole('list', { name: 'Idées' })).toBeVisible();
  const box = screen.getByRole('textbox', { name: 'Message à envoyer' });
  await expect.element(box).toHaveAttribute('placeholder', 'Écrivez à Claude…');
  await userEvent.fill(box, 'Raconte une histoire');
  await expect.element(screen.getByRole('button', { name: 'Envoyer' })).toBeEnabled();
  await userEvent.keyboard('{Enter}');

  await expect.element(screen.getByRole('article', { name: 'Vous' })).toBeVisible();
  const answer = screen.getByRole('article', { name: 'Assistant' });
  await expect.element(answer).toBeInTheDocument();
  await screen.getByRole('button', { name: 'Arrêter' }).click();
  release();
  await expect.element(answer).toHaveAttribute('data-state', 'aborted');
  // The visible mark is CSS: its text comes from the custom property the message sets.
  const content = answer.element().querySelector('[data-slot="message-content"]')!;
  expect(getComputedStyle(content, '::after').content).toBe('"Arrêté"');
  await expect
    .poll(() => screen.container.querySelector('[data-slot="announcer"]')?.textContent)
    .toContain('Arrêté');
  await expect.element(screen.getByRole('log', { name: 'Discussion' })).toBeVisible();
  await expect.element(screen.getByRole('button', { name: 'Régénérer' })).toBeVisible();
});

it('keeps the English mark, and a stylesheet’s own, when the labels do not change "Stopped"', async () => {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => instantly(scenarios.basic));
  const screen = await render(
    <ChatStream
      fetch={fetch}
      labels={{ Send: 'Envoyer' }}
      initialMessages={[
        { id: 'u', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { id: 'a', role: 'assistant', status: 'aborted', content: [{ type: 'text', text: 'Hel' }] },
      ]}
    />,
  );
  const article = screen.getByRole('article', { name: 'Claude' }).element() as HTMLElement;
  expect(article.style.getPropertyValue('--cs-stopped-label')).toBe('');
  const content = article.querySelector('[data-slot="message-content"]')!;
  expect(getComputedStyle(content, '::after').content).toBe('"Stopped"');
});

it('says errors and tool approval in French, with keys left out taken from a provider around', async () => {
  const fetch = vi
    .fn<typeof globalThis.fetch>()
    .mockResolvedValueOnce(instantly(faultScenarios.overloaded))
    .mockResolvedValueOnce(instantly(scenarios.toolUse));
  const screen = await render(
    <LabelsProvider labels={{ Retry: 'Réessayer encore' }}>
      <ChatStream
        fetch={fetch}
        labels={french}
        retry={{ maxRetries: 0 }}
        tools={{ get_weather: { inputSchema: { type: 'object' }, needsApproval: true } }}
        style={{ blockSize: 480 }}
      />
    </LabelsProvider>,
  );
  await userEvent.fill(screen.getByRole('textbox'), 'Météo ?');
  await userEvent.keyboard('{Enter}');
  const notice = screen.getByRole('log').getByText('Claude est surchargé pour le moment');
  await expect.element(notice).toBeVisible();
  // `french` has no Retry: the provider around the chat gives it.
  await screen.getByRole('button', { name: 'Réessayer encore' }).click();
  const call = screen.getByRole('group', { name: 'Appel d’outil : get_weather' });
  await expect.element(call).toBeVisible();
  await expect.element(call.getByText('En attente d’accord')).toBeVisible();
  await expect.element(call.getByRole('button', { name: 'Accepter' })).toBeVisible();
  await expect.element(call.getByRole('button', { name: 'Refuser' })).toBeVisible();
  await expect
    .poll(() => screen.container.querySelector('[data-slot="announcer"]')?.textContent)
    .toContain('get_weather attend votre accord');
});
