// A worker has no `document`, like a server: it reports which effect hook the parts use there.
import { useEffect, useLayoutEffect } from 'react';
import { useBrowserLayoutEffect } from '../use-layout-effect.ts';

postMessage({
  hasDocument: typeof document !== 'undefined',
  effect:
    useBrowserLayoutEffect === useEffect
      ? 'useEffect'
      : useBrowserLayoutEffect === useLayoutEffect
        ? 'useLayoutEffect'
        : 'other',
});
