// The part of jsdom's API that `dom-env.ts` uses (jsdom ships no types, and @types/jsdom is not a
// dependency here).
declare module 'jsdom' {
  export interface ConstructorOptions {
    url?: string;
    pretendToBeVisual?: boolean;
  }
  export class JSDOM {
    constructor(html?: string, options?: ConstructorOptions);
    readonly window: Window & typeof globalThis;
  }
}
