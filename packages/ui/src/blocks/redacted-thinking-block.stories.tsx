import preview from '../../../../.storybook/preview.tsx';
import { blockProps, fixtures } from '../stories/fixtures.ts';
import { RedactedThinkingBlock } from './redacted-thinking-block.tsx';

const meta = preview.meta({ component: RedactedThinkingBlock, title: 'Blocks/RedactedThinkingBlock' });

/** Thinking the safety systems encrypted: a note, never the data. */
export const Redacted = meta.story({ args: blockProps(fixtures.redactedThinking, 1) });
