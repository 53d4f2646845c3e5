import type { ChatMessage } from '@chatstream/reader';
import { expect, it } from 'vitest';
import { messageText } from './message-text.ts';

it('joins the text blocks of an answer with a blank line and leaves thinking and tool calls out', () => {
  const answer: ChatMessage = {
    id: 'a',
    role: 'assistant',
    status: 'complete',
    content: [
      { type: 'thinking', thinking: 'Let me look it up.', signature: 's' },
      { type: 'text', text: 'Let me check the weather.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } },
      { type: 'text', text: '\n\nIt is **sunny** in Paris.\n' },
    ],
  };
  expect(messageText(answer)).toBe('Let me check the weather.\n\nIt is **sunny** in Paris.');
});

it('joins the pieces of a cited sentence as they are', () => {
  const answer: ChatMessage = {
    id: 'a',
    role: 'assistant',
    content: [
      { type: 'text', text: 'Pilot lines opened in ' },
      { type: 'text', text: '2024', citations: [] },
      { type: 'text', text: ', and cells reach 450 Wh/kg.' },
    ],
  };
  expect(messageText(answer)).toBe('Pilot lines opened in 2024, and cells reach 450 Wh/kg.');
});

it('keeps the indentation a markdown code block starts with', () => {
  const answer: ChatMessage = {
    id: 'a',
    role: 'assistant',
    content: [{ type: 'text', text: '    npm test\n' }],
  };
  expect(messageText(answer)).toBe('    npm test');
});

it('gives an empty string for a message without text (an image, a tool result) or none at all', () => {
  const image: ChatMessage = {
    id: 'u',
    role: 'user',
    content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }],
  };
  expect(messageText(image)).toBe('');
  expect(messageText(undefined)).toBe('');
});
