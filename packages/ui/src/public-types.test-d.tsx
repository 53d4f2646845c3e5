import type {
  ContentBlock,
  DocumentBlock as DocumentContentBlock,
  ImageBlock as ImageContentBlock,
  OtherBlock,
  TextBlock as TextContentBlock,
  ToolResultBlock as ToolResultContentBlock,
  ToolUseBlock as ToolUseContentBlock,
} from '@chatstream/reader';
import { Component, type ComponentPropsWithoutRef, type ComponentType, type ReactNode } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import {
  CopyButton,
  type CopyButtonProps,
  createMessageWithActions,
  MessageWithActions,
  VersionSwitch,
} from './actions/index.ts';
import { AttachmentComposer, attachmentRenderers, ToolUseBlockWithMedia } from './attachments/index.ts';
import {
  type BlockRenderer,
  type BlockRendererProps,
  type BlockRenderers,
  ChatStream,
  type ChatStreamComponents,
  type ChatStreamProps,
  defaultBlockRenderers,
  FallbackBlock,
  type LabelKey,
  type RenderedBlocks,
  type Labels,
  LabelsProvider,
  ToolUseBlock,
  type Translate,
  useLabels,
  type ChatLabelKey,
  type MarkdownLabelKey,
  type AttachmentLabelKey,
  type ActionLabelKey,
} from './index.ts';
import { type MarkdownComponents, markdownRenderText } from './markdown/index.ts';
import { SmoothText, smoothRenderText, type SmoothTextState, useSmoothText } from './smooth/index.ts';
import {
  browserSpeech,
  createReadAloud,
  ReadAloud,
  type ReadAloudComponent,
  type SpeechOutput,
} from './speech/index.ts';

/** A renderer written for one block type. */
function WeatherCard({ block, toolCall }: BlockRendererProps<ToolUseContentBlock>): ReactNode {
  return `${block.name}: ${toolCall?.status ?? 'called'}`;
}

/** A class renderer, as `ComponentType` allows. */
class TextCard extends Component<BlockRendererProps<TextContentBlock>> {
  override render(): ReactNode {
    return this.props.block.text;
  }
}

describe('renderers', () => {
  it('take a renderer written for one block type, under its type', () => {
    const renderers: BlockRenderers = { tool_use: WeatherCard, ...attachmentRenderers };
    expectTypeOf(renderers.tool_use).toEqualTypeOf<BlockRenderer<ToolUseContentBlock> | undefined>();
    expectTypeOf(ToolUseBlockWithMedia).toExtend<BlockRenderer<ToolUseContentBlock>>();
    expectTypeOf(ToolUseBlock).toExtend<BlockRenderer<ToolUseContentBlock>>();
    expectTypeOf(FallbackBlock).toExtend<BlockRenderer>();
    expectTypeOf(markdownRenderText).toExtend<NonNullable<BlockRendererProps['renderText']>>();
    expectTypeOf({ text: TextCard, server_tool_use: WeatherCard }).toExtend<BlockRenderers>();
    expectTypeOf(defaultBlockRenderers).toEqualTypeOf<BlockRenderers>();
    expectTypeOf({
      ...defaultBlockRenderers,
      ...attachmentRenderers,
      tool_use: WeatherCard,
    }).toExtend<BlockRenderers>();
  });

  it('refuse a renderer under another block type', () => {
    // @ts-expect-error -- a tool call card cannot draw text blocks
    const text: BlockRenderers = { text: WeatherCard };
    // @ts-expect-error -- nor thinking
    const thinking: BlockRenderers = { thinking: WeatherCard };
    // @ts-expect-error -- the fallback draws any block
    const fallback: BlockRenderers = { fallback: WeatherCard };
    // @ts-expect-error -- a text card cannot draw images
    const image: BlockRenderers = { image: TextCard };
    expectTypeOf([text, thinking, fallback, image]).toEqualTypeOf<BlockRenderers[]>();
  });

  it('type the block of an inline renderer by its key', () => {
    const renderers: BlockRenderers = {
      text: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<TextContentBlock>();
        return block.text;
      },
      tool_use: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<ToolUseContentBlock>();
        return block.name;
      },
      tool_result: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<ToolResultContentBlock>();
        return block.tool_use_id;
      },
      image: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<ImageContentBlock>();
        return null;
      },
      // A type with no interface of its own: an `OtherBlock`.
      web_search_tool_result: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<OtherBlock>();
        return block.type;
      },
      fallback: ({ block }) => {
        expectTypeOf(block).toEqualTypeOf<ContentBlock>();
        return block.type;
      },
    };
    expectTypeOf(renderers).toEqualTypeOf<BlockRenderers>();
  });

  it('map each block type to the block its renderer gets', () => {
    expectTypeOf<RenderedBlocks['text']>().toEqualTypeOf<TextContentBlock>();
    expectTypeOf<RenderedBlocks['mcp_tool_use']>().toEqualTypeOf<ToolUseContentBlock>();
    expectTypeOf<RenderedBlocks['document']>().toEqualTypeOf<DocumentContentBlock>();
  });
});

/** A replacement for the links markdown writes. */
function Link(props: ComponentPropsWithoutRef<'a'>): ReactNode {
  return <a {...props} />;
}

describe('markdown components', () => {
  it('take a component of each element’s props', () => {
    const components: MarkdownComponents = {
      a: Link,
      p: (props) => {
        expectTypeOf(props).toEqualTypeOf<ComponentPropsWithoutRef<'p'>>();
        return <p {...props} />;
      },
      img: ({ src, alt }) => {
        expectTypeOf(src).toEqualTypeOf<string | undefined>();
        return <span>{alt}</span>;
      },
      code: undefined,
    };
    expectTypeOf(components.a).toEqualTypeOf<ComponentType<ComponentPropsWithoutRef<'a'>> | undefined>();
    // @ts-expect-error -- a component that needs a prop no `<p>` has
    const wrong: MarkdownComponents = { p: (props: { level: number }) => props.level };
    // @ts-expect-error -- not an element the renderer creates
    const section: MarkdownComponents = { section: Link };
    expectTypeOf([wrong, section]).toEqualTypeOf<MarkdownComponents[]>();
  });
});

describe('<ChatStream>', () => {
  it('takes the chat options, its own props and the root element attributes, not children', () => {
    expectTypeOf<ChatStreamProps>().toHaveProperty('api');
    expectTypeOf<ChatStreamProps>().toHaveProperty('tools');
    expectTypeOf<ChatStreamProps>().toHaveProperty('renderText');
    expectTypeOf<ChatStreamProps>().toHaveProperty('className');
    expectTypeOf<ChatStreamProps>().not.toHaveProperty('children');
    expectTypeOf(ChatStream).toBeCallableWith({ api: '/api/chat', showStats: true, id: 'chat' });
    expectTypeOf(ChatStream).toBeCallableWith({ api: '/api/chat', persist: 'chat' });
  });

  it('takes the attachments composer in place of its composer', () => {
    const components: Partial<ChatStreamComponents> = { Composer: AttachmentComposer };
    expectTypeOf(components.Composer).toExtend<ChatStreamComponents['Composer'] | undefined>();
  });

  it('takes the message with actions in place of its message, in any language', () => {
    const components: Partial<ChatStreamComponents> = { Message: MessageWithActions };
    expectTypeOf(components.Message).toExtend<ChatStreamComponents['Message'] | undefined>();
    const French = createMessageWithActions({
      copy: 'Copier',
      version: (shown, count) => `${shown}/${count}`,
    });
    expectTypeOf(French).toExtend<ChatStreamComponents['Message']>();
    // @ts-expect-error: not one of its words
    createMessageWithActions({ copyAll: 'Tout copier' });
  });
});

describe('labels', () => {
  it('take strings with {0} and functions of the values, keyed by the English texts only', () => {
    const french: Labels = {
      Send: 'Envoyer',
      'Tool call: {0}': 'Appel d’outil : {0}',
      'Thought for {0} seconds': (seconds) => `${seconds} s de réflexion`,
    };
    // @ts-expect-error -- not a text any part shows: a typo is caught.
    const typo: Labels = { Sned: 'Envoyer' };
    // @ts-expect-error -- a label is text (or a function giving text).
    const notText: Labels = { Send: 1 };
    expectTypeOf(french).toExtend<ChatStreamProps['labels']>();
    expectTypeOf<'Send'>().toExtend<LabelKey>();
    expectTypeOf<'Copy code'>().toExtend<LabelKey>();
    expectTypeOf<
      ChatLabelKey | MarkdownLabelKey | AttachmentLabelKey | ActionLabelKey
    >().toEqualTypeOf<LabelKey>();
    expectTypeOf(useLabels).returns.toEqualTypeOf<Translate>();
    const t = useLabels();
    expectTypeOf(t('Tool call: {0}', 'get_weather')).toBeString();
    expectTypeOf(t('tokens', 1024)).toBeString();
    // @ts-expect-error -- the key has a {0}: its value is required.
    t('Tool call: {0}');
    // @ts-expect-error -- two values for '{0} / {1}'.
    t('{0} / {1}', 2);
    expectTypeOf(LabelsProvider).parameter(0).toHaveProperty('labels');
    expectTypeOf(typo).toEqualTypeOf<Labels>();
    expectTypeOf(notText).toEqualTypeOf<Labels>();
  });
});

describe('VersionSwitch', () => {
  it('takes the version shown, how many there are, and what to do to show another', () => {
    expectTypeOf(VersionSwitch).toBeCallableWith({
      index: 0,
      count: 2,
      onShow: (index: number) => console.log(index),
    });
    // @ts-expect-error: it cannot switch without onShow
    expectTypeOf(VersionSwitch).toBeCallableWith({ index: 0, count: 2 });
  });
});

describe('CopyButton', () => {
  it('takes the text, or a function that gives it when pressed, and the button attributes', () => {
    expectTypeOf(CopyButton).toBeCallableWith({ text: 'a' });
    expectTypeOf(CopyButton).toBeCallableWith({ text: () => 'a', label: 'Copy link', className: 'x' });
    // @ts-expect-error: there is nothing to copy without text
    expectTypeOf(CopyButton).toBeCallableWith({ label: 'Copy' });
    expectTypeOf<CopyButtonProps>().not.toHaveProperty('children');
  });
});

describe('smooth reveal', () => {
  it('smooths any renderText into one <ChatStream> takes, with an optional pace', () => {
    expectTypeOf(smoothRenderText(markdownRenderText)).toExtend<NonNullable<ChatStreamProps['renderText']>>();
    expectTypeOf(smoothRenderText(undefined, { lagMs: 150 })).toExtend<ChatStreamProps['renderText']>();
    // @ts-expect-error: the pace is in milliseconds and characters per second, not words
    smoothRenderText(markdownRenderText, { lagMs: 'fast' });
  });

  it('gives the text revealed so far and whether more is hidden', () => {
    expectTypeOf(useSmoothText).parameters.toEqualTypeOf<
      [
        text: string,
        streaming: boolean,
        pace?: { lagMs?: number | undefined; minCharsPerSecond?: number | undefined },
      ]
    >();
    expectTypeOf(useSmoothText).returns.toEqualTypeOf<SmoothTextState>();
    expectTypeOf<SmoothTextState>().toEqualTypeOf<{ text: string; revealing: boolean }>();
    // @ts-expect-error: the text and whether it streams are required
    expectTypeOf(SmoothText).toBeCallableWith({ render: markdownRenderText });
  });
});

describe('read aloud', () => {
  it('takes the announcer place of <ChatStream>, with voice options or any speech output', () => {
    const components: Partial<ChatStreamComponents> = { Announcer: ReadAloud };
    expectTypeOf(components.Announcer).toExtend<ChatStreamComponents['Announcer'] | undefined>();
    expectTypeOf(createReadAloud({ lang: 'fr-FR', rate: 1.2 })).toExtend<ChatStreamComponents['Announcer']>();
    const output: SpeechOutput = {
      speak: (sentence: string) => console.log(sentence),
      cancel: () => undefined,
    };
    expectTypeOf(createReadAloud({ output })).toEqualTypeOf<ReadAloudComponent>();
    expectTypeOf(browserSpeech()).toEqualTypeOf<SpeechOutput>();
    // @ts-expect-error: a rate is a number
    createReadAloud({ rate: 'fast' });
  });
});
