import { defineMain } from '@storybook/react-vite/node';
import { defaultClientConditions, mergeConfig } from 'vite';

/** Storybook for @chatstream/ui: every part in every state, live ones streamed through @chatstream/mocks. */
export default defineMain({
  framework: '@storybook/react-vite',
  stories: ['../packages/ui/src/introduction.mdx', '../packages/ui/src/**/*.stories.tsx'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  // The MSW worker script, served at the root so it can control the whole preview.
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  viteFinal: (config) =>
    mergeConfig(config, {
      resolve: { conditions: ['@chatstream/source', ...defaultClientConditions] },
    }),
});
