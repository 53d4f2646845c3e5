import { describe, expect, it } from 'vitest';
import { attachmentsScenario } from './attachments-scenario.ts';
import { png } from './test/image-headers.ts';

const pngBlock = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png(640, 480) } };
const textDocument = {
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data: 'Buy milk' },
  title: 'notes.md',
};
const body = (...messages: unknown[]) => ({ messages });
const pdf = (title?: string) => ({
  type: 'document',
  source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQKJSVFT0YK' },
  ...(title === undefined ? {} : { title }),
  citations: { enabled: true },
});
const citable = (title: string, data: string) => ({
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data },
  title,
  citations: { enabled: true },
});

describe('attachmentsScenario', () => {
  it('streams one text block listing what the last user message carried', () => {
    const answer = attachmentsScenario(
      body({ role: 'user', content: [pngBlock, textDocument, { type: 'text', text: 'What is in these?' }] }),
    );
    expect(answer?.name).toBe('attachments');
    expect(answer?.expectedText).toBe(
      'I received 2 attachments: a PNG image, 640 × 480 px (45 bytes), and a text document "notes.md" (8 characters).',
    );
    expect(answer?.expectedMessage).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text' }] });
    expect(answer?.events.filter((event) => event.type === 'content_block_delta').length).toBeGreaterThan(1);
  });

  it('counts one attachment, and those inside tool results', () => {
    expect(attachmentsScenario(body({ role: 'user', content: [pngBlock] }))?.expectedText).toBe(
      'I received 1 attachment: a PNG image, 640 × 480 px (45 bytes).',
    );
    const screenshot = body(
      { role: 'user', content: 'Take a screenshot' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'screenshot', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [pngBlock] }] },
    );
    expect(attachmentsScenario(screenshot)?.expectedText).toBe(
      'I received 1 attachment: a PNG image, 640 × 480 px (45 bytes).',
    );
  });

  it('lists three with commas', () => {
    expect(
      attachmentsScenario(body({ role: 'user', content: [pngBlock, pngBlock, textDocument] }))?.expectedText,
    ).toBe(
      'I received 3 attachments: a PNG image, 640 × 480 px (45 bytes), a PNG image, 640 × 480 px (45 bytes), and a text document "notes.md" (8 characters).',
    );
  });

  it('quotes the first line of each text document that allows citations, cited as the API does', () => {
    const answer = attachmentsScenario(
      body(
        { role: 'user', content: [textDocument, { type: 'text', text: 'Keep this.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Kept.' }] },
        {
          role: 'user',
          content: [textDocument, citable('plan.md', '\n  # Launch plan  \nShip it'), pngBlock],
        },
      ),
    );
    expect(answer?.expectedMessage.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^I received 3 attachments: /) },
      {
        type: 'text',
        text: ' From "plan.md": "# Launch plan".',
        citations: [
          {
            type: 'char_location',
            cited_text: '# Launch plan',
            document_index: 2,
            document_title: 'plan.md',
            start_char_index: 3,
            end_char_index: 16,
            file_id: null,
          },
        ],
      },
    ]);
  });

  it('cites page 1 of a PDF and the first text block of a custom-content document', () => {
    const policy = {
      type: 'document',
      source: {
        type: 'content',
        content: [
          { type: 'image', source: { type: 'url', url: 'https://example.com/logo.png' } },
          { type: 'text', text: '  ' },
          { type: 'text', text: 'Applies to contractors.\nAnd to staff.' },
        ],
      },
      title: 'policy',
      citations: { enabled: true },
    };
    const answer = attachmentsScenario(
      body({
        role: 'user',
        content: [
          pdf('Annual report 2024.pdf'),
          policy,
          { ...pdf(), citations: { enabled: false } },
          pdf(),
          {
            type: 'document',
            source: { type: 'content', content: 'One block.' },
            citations: { enabled: true },
          },
          { type: 'text', text: 'Summarise' },
        ],
      }),
    );
    expect(answer?.expectedMessage.content.slice(1)).toEqual([
      {
        type: 'text',
        text: ' From page 1 of "Annual report 2024.pdf".',
        citations: [
          {
            type: 'page_location',
            cited_text: 'Annual report 2024',
            document_index: 0,
            document_title: 'Annual report 2024.pdf',
            start_page_number: 1,
            end_page_number: 2,
            file_id: null,
          },
        ],
      },
      {
        type: 'text',
        text: ' From "policy": "Applies to contractors.".',
        citations: [
          {
            type: 'content_block_location',
            cited_text: 'Applies to contractors.\nAnd to staff.',
            document_index: 1,
            document_title: 'policy',
            start_block_index: 2,
            end_block_index: 3,
            file_id: null,
          },
        ],
      },
      {
        type: 'text',
        text: ' From page 1 of the document.',
        citations: [
          expect.objectContaining({ type: 'page_location', cited_text: 'Page 1', document_index: 3 }),
        ],
      },
      {
        type: 'text',
        text: ' From the document: "One block.".',
        citations: [
          expect.objectContaining({
            type: 'content_block_location',
            cited_text: 'One block.',
            document_index: 4,
            start_block_index: 0,
            end_block_index: 1,
          }),
        ],
      },
    ]);
  });

  it('quotes no custom-content document without text to cite', () => {
    const pictures = {
      type: 'document',
      source: {
        type: 'content',
        content: [{ type: 'image', source: { type: 'url', url: 'https://a.example/p.png' } }],
      },
      citations: { enabled: true },
    };
    expect(
      attachmentsScenario(body({ role: 'user', content: [pictures] }))?.expectedMessage.content,
    ).toHaveLength(1);
  });

  it('has nothing to say when the last user message holds no attachment', () => {
    expect(attachmentsScenario(body({ role: 'user', content: 'Hi' }))).toBeUndefined();
    expect(
      attachmentsScenario(body({ role: 'user', content: [pngBlock] }, { role: 'user', content: 'And?' })),
    ).toBeUndefined();
    expect(
      attachmentsScenario(
        body({ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] }),
      ),
    ).toBeUndefined();
    expect(attachmentsScenario('not json')).toBeUndefined();
  });
});
