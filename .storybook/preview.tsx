import addonA11y from '@storybook/addon-a11y';
import addonDocs from '@storybook/addon-docs';
import { definePreview } from '@storybook/react-vite';
import addonMsw from 'msw-storybook-addon';
import '../packages/ui/src/styles.css';

/** Every story gets autodocs, an axe check that fails its test, and an MSW worker for live streams. */
export default definePreview({
  addons: [addonDocs(), addonA11y(), addonMsw()],
  tags: ['autodocs'],
  parameters: {
    a11y: { test: 'error' },
    layout: 'padded',
  },
  globalTypes: {
    theme: {
      description: 'Colour scheme of the parts',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (Story, { globals }) => (
      <div data-theme={globals['theme'] === 'dark' ? 'dark' : 'light'} className="cs-story-frame">
        <Story />
      </div>
    ),
  ],
});
