import type { ChatMessage } from '@chatstream/reader';
import { expect, it } from 'vitest';
import { answerTurn, replyStart } from './answer-turn.ts';

const user = (id: string): ChatMessage => ({ id, role: 'user', content: [{ type: 'text', text: id }] });
const answer = (id: string): ChatMessage => ({
  id,
  role: 'assistant',
  content: [{ type: 'text', text: id }],
});
const results = (id: string): ChatMessage => ({
  id,
  role: 'user',
  content: [{ type: 'tool_result', tool_use_id: `toolu_${id}`, content: 'ok' }],
});

it('gives the answers of one reply: the steps joined by tool results, from any of them', () => {
  const messages = [
    user('q1'),
    answer('a1'),
    user('q2'),
    answer('s1'),
    results('r1'),
    answer('s2'),
    results('r2'),
    answer('s3'),
  ];
  const ids = (id: string) => answerTurn(messages, id).map((message) => message.id);
  expect(ids('s1')).toEqual(['s1', 's2', 's3']);
  expect(ids('s2')).toEqual(['s1', 's2', 's3']);
  expect(ids('s3')).toEqual(['s1', 's2', 's3']);
  // A question between two answers parts them.
  expect(ids('a1')).toEqual(['a1']);
  // Not an answer, or no such message: nothing.
  expect(ids('r1')).toEqual([]);
  expect(ids('nope')).toEqual([]);
  // Tool results with no answer after them yet: the reply so far.
  expect(answerTurn(messages.slice(0, 5), 's1').map((message) => message.id)).toEqual(['s1']);
});

it('regenerates a reply from its first step after a message of the person, not from a greeting put first', () => {
  const messages = [answer('g'), results('r'), answer('a')];
  // Copy takes both steps, from either.
  expect(answerTurn(messages, 'a').map((message) => message.id)).toEqual(['g', 'a']);
  expect(answerTurn(messages, 'g').map((message) => message.id)).toEqual(['g', 'a']);
  expect(replyStart(messages, 'a')).toBe('a');
  const asked = [user('q'), answer('s1'), results('r1'), answer('s2')];
  expect(replyStart(asked, 's2')).toBe('s1');
  expect(replyStart([answer('only')], 'only')).toBeUndefined();
});
