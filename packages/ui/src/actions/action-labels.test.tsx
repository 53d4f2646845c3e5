import { createMockResponse, type MockScenario, scenarios } from '@chatstream/mocks';
import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ChatStream, type Labels, LabelsProvider } from '@chatstream/ui';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { CopyButton } from './copy-button.tsx';
import { MessageEditForm } from './message-edit-form.tsx';
import { createMessageWithActions, MessageWithActions } from './message-with-actions.tsx';
import { VersionSwitch } from './version-switch.tsx';
import { marked, unlabelled } from '../test/unlabelled.ts';

installStyles();

const french: Labels = {
  Copy: 'Copier',
  Copied: 'Copié',
  'Could not copy': 'Copie impossible',
  Regenerate: 'Régénérer',
  Edit: 'Modifier',
  'Edit message': 'Modifier le message',
  'Save & resend': 'Enregistrer et renvoyer',
  Cancel: 'Annuler',
  'Previous version': 'Version précédente',
  'Next version': 'Version suivante',
  'Version {0} of {1}': (shown, count) =>
    count === 2 ? `Version ${shown} sur les deux` : `Version ${shown} sur ${count}`,
  '{0} / {1}': '{0} sur {1}',
};

const noop = () => undefined;

/** A `fetch` that answers each request with the next scenario. */
function mockFetch(...answers: MockScenario[]): typeof globalThis.fetch {
  let sent = 0;
  return vi.fn<typeof globalThis.fetch>(async () => {
    const next = answers[sent++];
    if (!next) throw new Error('No more mock answers');
    return createMockResponse(next, { timing: 'instant' });
  });
}

async function ask(screen: Awaited<ReturnType<typeof render>>, text: string): Promise<void> {
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), text);
  await userEvent.keyboard('{Enter}');
  await expect
    .element(screen.getByRole('log', { name: 'Conversation' }))
    .toHaveAttribute('aria-busy', 'false');
}

describe('Actions in the app’s language', () => {
  it('CopyButton says Copy, Copied and Could not copy in the labels', async () => {
    const screen = await render(
      <LabelsProvider labels={french}>
        <CopyButton text="bonjour" />
        <CopyButton text="refusé" data-testid="refused" />
      </LabelsProvider>,
    );
    await screen.getByRole('button', { name: 'Copier' }).first().click();
    const copied = screen.getByRole('button', { name: 'Copié' });
    await expect.element(copied).toHaveAttribute('title', 'Copié');
    await expect.element(copied).toHaveTextContent('Copié');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('No', 'NotAllowedError'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    await screen.getByTestId('refused').click();
    await expect
      .element(screen.getByRole('button', { name: 'Copie impossible' }))
      .toHaveAttribute('data-state', 'failed');
    vi.restoreAllMocks();
  });

  it('CopyButton: its props win over the labels, which win over English', async () => {
    const screen = await render(
      <>
        <LabelsProvider labels={french}>
          <CopyButton text="a" label="Copier le lien" data-testid="prop" />
        </LabelsProvider>
        <LabelsProvider labels={{ Copied: 'Copié' }}>
          <CopyButton text="b" data-testid="partial" />
        </LabelsProvider>
      </>,
    );
    const prop = screen.getByTestId('prop');
    await expect.element(prop).toHaveAccessibleName('Copier le lien');
    await prop.click();
    // No copiedLabel given: the labels' word.
    await expect.element(prop).toHaveAccessibleName('Copié');
    const partial = screen.getByTestId('partial');
    // Left out of the labels: English.
    await expect.element(partial).toHaveAccessibleName('Copy');
    await partial.click();
    await expect.element(partial).toHaveAccessibleName('Copié');
  });

  it('MessageEditForm names its box and buttons in the labels, below the words it is given', async () => {
    const screen = await render(
      <LabelsProvider labels={french}>
        <MessageEditForm initial="Bonjour" onSave={noop} onCancel={noop} saveLabel="Renvoyer" />
      </LabelsProvider>,
    );
    await expect.element(screen.getByRole('textbox', { name: 'Modifier le message' })).toHaveValue('Bonjour');
    await expect.element(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Renvoyer' })).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('VersionSwitch names its group by a function label given the numbers, and its props win', async () => {
    const screen = await render(
      <LabelsProvider labels={french}>
        <VersionSwitch index={1} count={3} onShow={noop} data-testid="labels" />
        <VersionSwitch
          index={0}
          count={2}
          onShow={noop}
          nextLabel="Suivante"
          describe={(shown, count) => `${shown} sur ${count}`}
          data-testid="props"
        />
      </LabelsProvider>,
    );
    const labelled = screen.getByRole('group', { name: 'Version 2 sur 3' });
    await expect.element(labelled).toHaveTextContent('2 sur 3');
    await expect.element(labelled.getByRole('button', { name: 'Version précédente' })).toBeVisible();
    await expect.element(labelled.getByRole('button', { name: 'Version suivante' })).toBeVisible();
    const given = screen.getByRole('group', { name: '1 sur 2' });
    await expect.element(given.getByRole('button', { name: 'Suivante' })).toBeVisible();
    await expect.element(given.getByRole('button', { name: 'Version précédente' })).toBeInTheDocument();
    await expectNoAxeViolations(screen.container);
  });

  it('keeps English without labels', async () => {
    const screen = await render(
      <>
        <CopyButton text="a" />
        <MessageEditForm initial="Hello" onSave={noop} onCancel={noop} />
        <VersionSwitch index={1} count={3} onShow={noop} />
      </>,
    );
    await expect.element(screen.getByRole('button', { name: 'Copy' })).toHaveAttribute('title', 'Copy');
    await expect.element(screen.getByRole('textbox', { name: 'Edit message' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Save & resend' })).toBeVisible();
    const group = screen.getByRole('group', { name: 'Version 2 of 3' });
    await expect.element(group).toHaveTextContent('2 / 3');
    await expect.element(group.getByRole('button', { name: 'Previous version' })).toBeVisible();
    await expect.element(group.getByRole('button', { name: 'Next version' })).toBeVisible();
  });

  it('MessageWithActions in ChatStream takes every word from the labels', async () => {
    const fetch = mockFetch(scenarios.basic, scenarios.stopSequence, scenarios.basic);
    const screen = await render(
      <LabelsProvider labels={french}>
        <ChatStream fetch={fetch} components={{ Message: MessageWithActions }} style={{ blockSize: 520 }} />
      </LabelsProvider>,
    );
    await ask(screen, 'Bonjour');
    await ask(screen, 'Et ensuite ?');
    const first = screen.getByRole('article', { name: 'Claude' }).first();
    await first.getByRole('button', { name: 'Copier' }).click();
    await expect.element(first.getByRole('button', { name: 'Copié' })).toBeVisible();
    await first.getByRole('button', { name: 'Régénérer' }).click();
    await expect.element(screen.getByRole('group', { name: 'Version 2 sur les deux' })).toBeVisible();
    await screen.getByRole('button', { name: 'Modifier', exact: true }).click();
    await expect.element(screen.getByRole('textbox', { name: 'Modifier le message' })).toHaveValue('Bonjour');
    await expect.element(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Enregistrer et renvoyer' })).toBeVisible();
  });

  it('createMessageWithActions: its words win over the labels, which win over English', async () => {
    const { 'Previous version': _left, ...labels } = french;
    const Actions = createMessageWithActions({ edit: 'Éditer', regenerate: 'Refaire', cancel: 'Laisser' });
    const fetch = mockFetch(scenarios.basic, scenarios.stopSequence, scenarios.basic);
    const screen = await render(
      <LabelsProvider labels={labels}>
        <ChatStream fetch={fetch} components={{ Message: Actions }} style={{ blockSize: 520 }} />
      </LabelsProvider>,
    );
    await ask(screen, 'Bonjour');
    await ask(screen, 'Et ensuite ?');
    const first = screen.getByRole('article', { name: 'Claude' }).first();
    // Words given.
    await expect.element(first.getByRole('button', { name: 'Refaire' })).toHaveAttribute('title', 'Refaire');
    expect(first.getByRole('button', { name: 'Régénérer' }).query()).toBeNull();
    // Words not given: the labels.
    await expect.element(first.getByRole('button', { name: 'Copier' })).toBeVisible();
    await first.getByRole('button', { name: 'Refaire' }).click();
    const versions = screen.getByRole('group', { name: 'Version 2 sur les deux' });
    await expect.element(versions).toBeVisible();
    // Left out of the labels too: English.
    await expect.element(versions.getByRole('button', { name: 'Previous version' })).toBeVisible();
    await expect.element(versions.getByRole('button', { name: 'Version suivante' })).toBeVisible();
    await screen.getByRole('button', { name: 'Éditer' }).click();
    await expect.element(screen.getByRole('textbox', { name: 'Modifier le message' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Laisser' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Enregistrer et renvoyer' })).toBeVisible();
  });

  it('shows and says nothing in English once every label is given', async () => {
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hello there' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: 'General Kenobi' }],
      },
      { id: 'u2', role: 'user', content: [{ type: 'text', text: 'Once more' }] },
      { id: 'a2', role: 'assistant', status: 'complete', content: [{ type: 'text', text: 'Still here' }] },
    ];
    const parts = (
      <>
        <CopyButton text="a" data-testid="copied" />
        <CopyButton text="b" data-testid="refused" />
        <MessageEditForm initial="Draft text" onSave={noop} onCancel={noop} />
        <VersionSwitch index={1} count={3} onShow={noop} />
        <ChatStream
          fetch={mockFetch()}
          components={{ Message: MessageWithActions }}
          initialMessages={history}
          style={{ blockSize: 520 }}
        />
      </>
    );
    const screen = await render(<LabelsProvider labels={marked}>{parts}</LabelsProvider>);
    await screen.getByTestId('copied').click();
    await expect.element(screen.getByTestId('copied')).toHaveAccessibleName('⟪Copied⟫');
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('No', 'NotAllowedError'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    await screen.getByTestId('refused').click();
    await expect.element(screen.getByTestId('refused')).toHaveAccessibleName('⟪Could not copy⟫');
    vi.restoreAllMocks();
    await expect.element(screen.getByRole('button', { name: '⟪Regenerate⟫' }).first()).toBeVisible();
    await expect.element(screen.getByRole('button', { name: '⟪Edit⟫' }).first()).toBeVisible();
    const content = ['Hello there', 'General Kenobi', 'Once more', 'Still here', 'Draft text'];
    expect(unlabelled(screen.container, content)).toEqual([]);
    // …while without labels the same parts do speak English: the check above does find words.
    const english = await render(parts);
    expect(unlabelled(english.container, content).length).toBeGreaterThan(10);
  });
});
