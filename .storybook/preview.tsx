import addonA11y from '@storybook/addon-a11y';
import addonDocs from '@storybook/addon-docs';
import { definePreview } from '@storybook/react-vite';
import addonMsw from 'msw-storybook-addon';
// oxlint-disable-next-line import/no-unassigned-import -- the parts' stylesheet
import '../packages/ui/src/styles.css';
// oxlint-disable-next-line import/no-unassigned-import -- the story frame's page colours
import './preview.css';

/** Every story gets autodocs, an axe check that fails its test, and an MSW worker for live streams. */
export default definePreview({
  addons: [addonDocs(), addonA11y(), addonMsw()],
  tags: ['autodocs'],
  parameters: {
    a11y: { test: 'error' },
    layout: 'fullscreen',
    // The drop-in first, then its parts; the attachments entry's blocks among the others.
    options: {
      storySort: {
        order: [
          'Introduction',
          'ChatStream',
          'Overview',
          'Parts',
          'Blocks',
          [
            'Citations',
            'DocumentBlock',
            'FallbackBlock',
            'ImageBlock',
            'RedactedThinkingBlock',
            'ServerToolUseBlock',
            'TextBlock',
            'ThinkingBlock',
            'ToolResultBlock',
            'ToolUseBlock',
            'ToolUseBlockWithMedia',
            'WebSearchResultBlock',
            '*',
          ],
          'Markdown',
        ],
      },
    },
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the parts',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    // Keyed by story: React must not carry one story's component state (an open disclosure, a
    // session) into the next one rendered in the same place.
    (Story, { globals, id }) => (
      <div key={id} data-theme={globals['theme'] === 'dark' ? 'dark' : 'light'} className="cs-story-frame">
        <Story />
      </div>
    ),
  ],
});
