// `react-dom/profiling` is `react-dom/client` built with the Profiler's timings on (in production,
// `<Profiler onRender>` is only called by this build); @types/react-dom does not declare it.
declare module 'react-dom/profiling' {
  export * from 'react-dom/client';
}
