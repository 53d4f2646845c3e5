// The packed consumer check: installs the tarballs `pnpm pack` makes (after the build) into a
// throwaway app, as npm would, and uses them the way a user does: type-checked with the compiler
// settings users have, bundled for the browser by Vite, run in plain Node. publint and attw read the
// manifests; this proves the published files work together, with nothing from the workspace (no
// source condition, no devDependencies, no hoisted packages) to lean on.
// No network: the third-party packages the tarballs declare are linked from this monorepo's install.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { pnpmCommand } from './pnpm-command.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
/** @type {typeof import('typescript')} */
const ts = require('typescript');
const temp = mkdtempSync(join(tmpdir(), 'chatstream-consumer-'));
const packs = join(temp, 'packs');
const consumer = join(temp, 'app');
const modules = join(consumer, 'node_modules');
/** What a TypeScript app on these packages installs besides them: React's types, and Node's for a server. */
const consumerTypes = ['@types/react', '@types/react-dom', '@types/node'];

/**
 * @typedef {{ name: string, version: string, exports?: string | Record<string, unknown>,
 *   dependencies?: Record<string, string>, optionalDependencies?: Record<string, string>,
 *   peerDependencies?: Record<string, string> }} Manifest
 * @typedef {{ dir: string, source: string, manifest: Manifest }} Packed
 */

class CheckFailure extends Error {}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * Runs one check and prints one line for it; a failure ends the run with its message.
 * @param {string} name
 * @param {() => string | void | Promise<string | void>} body returns an optional detail for the line
 */
async function check(name, body) {
  const started = performance.now();
  const detail = await body();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`✓ ${name}${detail ? `: ${detail}` : ''} (${seconds}s)`);
}

/**
 * @param {string} what
 * @param {string} program
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(what, program, args, options = {}) {
  const result = spawnSync(program, args, { ...options, encoding: 'utf8' });
  if (result.error && 'code' in result.error && result.error.code === 'ETIMEDOUT') {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new CheckFailure(
      `${what} did not end within ${options.timeout} ms (left a server or timer open?)\n${output}`,
    );
  }
  if (result.error) throw new CheckFailure(`${what}: ${result.error.message}`);
  if (result.status !== 0) {
    const signal = result.signal ? ` (${result.signal})` : '';
    throw new CheckFailure(`${what} failed${signal}:\n${`${result.stdout}${result.stderr}`.trim()}`);
  }
  return result.stdout;
}

/**
 * tsc as a child process, so the programs check in parallel.
 * @param {string} project
 * @returns {Promise<{ failure: string | undefined, seconds: string }>} the diagnostics when it failed
 */
function typeCheck(project) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: consumer });
    children.add(child);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      children.delete(child);
      resolve({
        failure: code === 0 ? undefined : output.trim() || `tsc exited with ${code}`,
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      });
    });
  });
}

/** @param {string} path */
const readJSON = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** @param {Manifest} manifest */
const declared = (manifest) => ({
  ...manifest.dependencies,
  ...manifest.optionalDependencies,
  ...manifest.peerDependencies,
});

/** @param {string} specifier */
const packageName = (specifier) => specifier.split('/', specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * A version range npm can install from the registry: no `workspace:`, `file:`, `link:`, git or URL.
 * @param {string} range
 */
function isSemverRange(range) {
  const version = String.raw`v?(?:0|[1-9]\d*|[xX*])(?:\.(?:0|[1-9]\d*|[xX*])){0,2}(?:-[\w.-]+)?(?:\+[\w.-]+)?`;
  const comparator = new RegExp(String.raw`^(?:(?:[~^]|[<>]=?|=)?${version}|\*|)$`);
  return range.split('||').every((set) =>
    set
      .trim()
      .replace(/\s+-\s+/g, ' ')
      .replace(/([<>=~^]+)\s+/g, '$1')
      .split(/\s+/)
      .every((part) => comparator.test(part)),
  );
}

/**
 * Every file path an `exports` map points at, conditions included.
 * @param {unknown} target
 * @returns {string[]}
 */
function exportTargets(target) {
  if (typeof target === 'string') return [target];
  if (target && typeof target === 'object') return Object.values(target).flatMap(exportTargets);
  return [];
}

/**
 * @param {string} dir
 * @returns {string[]} file paths relative to `dir`
 */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/**
 * Links a third-party package the way an install would put it at the consumer's top level, from the
 * copy the monorepo installed for the package that declares it (pnpm keeps most of them out of the
 * root node_modules).
 * @param {string} name
 * @param {string} from the directory of the package that needs it
 * @param {string} why for the error message
 */
function linkFromMonorepo(name, from, why) {
  const target = join(modules, name);
  if (existsSync(target)) return;
  const paths = (createRequire(join(from, 'package.json')).resolve.paths(name) ?? []).filter(
    (dir) => !relative(root, dir).startsWith('..'),
  );
  const found = paths.map((dir) => join(dir, name)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!found) {
    throw new CheckFailure(
      `${why}, but the monorepo has no copy of ${name} installed to link (looked in ${paths.join(', ')}): run pnpm install, or for an optional peer add it to the package's devDependencies`,
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(realpathSync(found), target, 'junction');
}

/** @type {Packed[]} */
const packed = [];

async function main() {
  const packageDirs = readdirSync(join(root, 'packages')).filter((dir) =>
    existsSync(join(root, 'packages', dir, 'package.json')),
  );

  await check('pack', () => {
    mkdirSync(packs);
    const [program, ...args] = pnpmCommand([
      '-r',
      '--filter',
      './packages/*',
      'pack',
      '--pack-destination',
      packs,
    ]);
    run('pnpm pack', program, args, { cwd: root, shell: process.platform === 'win32' });
    for (const dir of packageDirs) {
      const { name, version } = readJSON(join(root, 'packages', dir, 'package.json'));
      const tarball = join(packs, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
      if (!existsSync(tarball))
        throw new CheckFailure(`pnpm pack made no ${relative(temp, tarball)} for ${name}`);
      // As npm installs it: the tarball's files under node_modules/<name>, without its `package/` folder.
      const extracted = join(packs, dir);
      mkdirSync(extracted);
      run(`tar (${name})`, 'tar', ['-xzf', tarball, '-C', extracted, '--strip-components=1']);
      const target = join(modules, name);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(extracted, target);
      packed.push({
        dir: target,
        source: join(root, 'packages', dir),
        manifest: readJSON(join(target, 'package.json')),
      });
    }
    return packed.map(({ manifest }) => `${manifest.name}@${manifest.version}`).join(', ');
  });

  await check('manifests', () => {
    const versions = new Map(packed.map(({ manifest }) => [manifest.name, manifest.version]));
    for (const { dir, manifest } of packed) {
      for (const field of /** @type {const} */ ([
        'dependencies',
        'optionalDependencies',
        'peerDependencies',
      ])) {
        for (const [name, range] of Object.entries(manifest[field] ?? {})) {
          if (!isSemverRange(range)) {
            throw new CheckFailure(
              `${manifest.name}'s packed ${field} has ${name}: "${range}", not a semver range npm can install`,
            );
          }
          // pnpm turns `workspace:*` into the exact version, `workspace:^` into `^version`.
          if (versions.has(name) && range.replace(/^[\^~]/, '') !== versions.get(name)) {
            throw new CheckFailure(
              `${manifest.name} depends on ${name}@${range}, but the packed ${name} is ${versions.get(name)}`,
            );
          }
        }
      }
      for (const target of exportTargets(manifest.exports)) {
        if (!target.includes('*') && !existsSync(join(dir, target))) {
          throw new CheckFailure(
            `${manifest.name}'s exports point at ${target}, which is not in the tarball (check "files")`,
          );
        }
      }
    }
  });

  await check('imports', () => {
    // The consumer's node_modules holds every package's dependencies at once, so one package using
    // another's dependency would still resolve below; each file is held to its own manifest here.
    const builtins = new Set(builtinModules);
    let count = 0;
    for (const { dir, manifest } of packed) {
      const allowed = new Set([manifest.name, ...Object.keys(declared(manifest))]);
      for (const file of listFiles(join(dir, 'dist')).filter((path) => /\.(?:js|d\.ts)$/.test(path))) {
        const info = ts.preProcessFile(readFileSync(join(dir, 'dist', file), 'utf8'), true, true);
        const specifiers = [
          ...info.importedFiles.map(({ fileName }) => fileName),
          ...info.typeReferenceDirectives.map(({ fileName }) => `@types/${fileName}`),
        ];
        for (const specifier of specifiers) {
          count += 1;
          if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
          if (!allowed.has(packageName(specifier))) {
            throw new CheckFailure(
              `${manifest.name}: dist/${file} imports "${specifier}", which is not in its dependencies or peerDependencies`,
            );
          }
        }
      }
    }
    return `${count} specifiers in dist`;
  });

  await check('source maps', () => {
    // A map that is missing, or names sources left out of the tarball, sends "Go to definition" and
    // stack traces nowhere.
    let count = 0;
    for (const { dir, manifest } of packed) {
      for (const file of listFiles(dir).filter((path) => /\.(?:js|d\.ts)$/.test(path))) {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
        if (url === undefined || url.startsWith('data:')) continue;
        const map = join(dir, dirname(file), url);
        if (!existsSync(map)) {
          throw new CheckFailure(`${manifest.name}: ${file} points at ${url}, which is not in the tarball`);
        }
        const { sources = [] } = readJSON(map);
        const missing = sources.filter(
          (/** @type {string} */ source) => !existsSync(join(dirname(map), source)),
        );
        if (missing.length > 0) {
          throw new CheckFailure(
            `${manifest.name}: ${relative(dir, map)} names sources not in the tarball: ${missing.join(', ')}`,
          );
        }
        count += 1;
      }
    }
    return `${count} maps, every source in its tarball`;
  });

  await check('dependencies', () => {
    for (const { source, manifest } of packed) {
      for (const [name, range] of Object.entries(declared(manifest))) {
        if (!name.startsWith('@chatstream/'))
          linkFromMonorepo(name, source, `${manifest.name} declares ${name}@${range}`);
      }
    }
    for (const name of consumerTypes) linkFromMonorepo(name, root, `the consumer app needs ${name}`);
    return readdirSync(modules)
      .flatMap((name) =>
        name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name],
      )
      .filter((name) => !name.startsWith('@chatstream/'))
      .join(', ');
  });

  // The app, as a user's project: ESM, its own tsconfigs, nothing from the workspace's.
  cpSync(join(root, 'tests', 'consumer'), consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );

  await check('entry points', () => {
    const entries = packed.flatMap(({ manifest: { name, exports } }) =>
      (typeof exports === 'object' ? Object.keys(exports) : ['.'])
        .filter((key) => key !== './package.json')
        .map((key) => posix.join(name, key)),
    );
    const imported = new Set(
      listFiles(join(consumer, 'src')).flatMap((file) =>
        ts
          .preProcessFile(readFileSync(join(consumer, 'src', file), 'utf8'), true, true)
          .importedFiles.map(({ fileName }) => fileName),
      ),
    );
    const missing = entries.filter((entry) => !imported.has(entry));
    if (missing.length > 0) {
      throw new CheckFailure(
        `tests/consumer/src imports no ${missing.join(', ')}: use each entry point there`,
      );
    }
    return `tests/consumer uses all ${entries.length}`;
  });

  const programs = /** @type {const} */ ([
    // Browsers, and tests in Node on MSW (msw's types need the DOM lib, not Node's): none of these
    // entries may need @types/node.
    {
      name: 'web',
      files: ['src/browser.tsx', 'src/mocks-node.ts', 'src/server-render.tsx'],
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      jsx: 'react-jsx',
    },
    // Servers: server/node is a node:http adapter, so its users have @types/node. The Web-standard
    // relay is checked here too, as the server's types load @types/node whatever `types` says
    // (through @anthropic-ai/sdk's use of undici). No DOM lib, as in most Node projects: the Web
    // types ours name must be among Node's globals.
    { name: 'node', files: ['src/node.ts', 'src/edge.ts'], lib: ['ES2022'], types: ['node'], jsx: undefined },
  ]);
  const modes = /** @type {const} */ ([
    { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext' },
    { name: 'bundler', module: 'esnext', moduleResolution: 'bundler' },
    // Next.js 15 writes `"moduleResolution": "node"` (with esModuleInterop) into a new project's tsconfig.
    { name: 'node10', module: 'esnext', moduleResolution: 'node', esModuleInterop: true },
  ]);
  /** @type {{ label: string, project: string }[]} */
  const projects = [];
  for (const mode of modes) {
    for (const program of programs) {
      const project = `tsconfig.${mode.name}.${program.name}.json`;
      // The nodenext programs also build the JavaScript that runs in plain Node below.
      const emit = mode.name === 'nodenext';
      const compilerOptions = {
        target: 'ES2022',
        lib: program.lib,
        module: mode.module,
        moduleResolution: mode.moduleResolution,
        esModuleInterop: mode.esModuleInterop,
        strict: true,
        // Our .d.ts files are checked like the app (TypeScript's own lib files need not be).
        skipLibCheck: false,
        skipDefaultLibCheck: true,
        types: program.types,
        jsx: program.jsx,
        ...(emit ? { outDir: 'out', rootDir: 'src' } : { noEmit: true }),
      };
      writeFileSync(
        join(consumer, project),
        JSON.stringify({ compilerOptions, files: program.files }, null, 2),
      );
      projects.push({ label: `types (${mode.name}, ${program.name})`, project });
    }
  }
  const results = await Promise.all(projects.map(({ project }) => typeCheck(project)));
  for (const [index, { label, project }] of projects.entries()) {
    const { failure, seconds } = results[index] ?? {};
    if (failure) throw new CheckFailure(`${label} failed (${project}):\n${failure}`);
    console.log(`✓ ${label} (${seconds}s, in parallel)`);
  }

  await check('bundle (vite, browser)', async () => {
    const { build } = await import('vite');
    /** @type {string[]} */
    const warnings = [];
    const output = await build({
      root: consumer,
      configFile: false,
      envFile: false,
      logLevel: 'silent',
      build: {
        outDir: join(consumer, 'dist'),
        minify: false,
        chunkSizeWarningLimit: Infinity,
        rolldownOptions: {
          onwarn(warning) {
            // Bundling client entries into one chunk drops 'use client', as it should in an SPA.
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warnings.push(warning.message);
          },
        },
      },
    }).catch((/** @type {unknown} */ error) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new CheckFailure(`Vite could not build the browser app: ${stripVTControlCharacters(message)}`);
    });
    const files = (Array.isArray(output) ? output : [output]).flatMap((result) =>
      'output' in result ? result.output.map((file) => file.fileName) : [],
    );
    if (warnings.length > 0) {
      throw new CheckFailure(`Vite warned:\n${stripVTControlCharacters(warnings.join('\n'))}`);
    }
    if (!files.some((file) => file.endsWith('.css'))) {
      throw new CheckFailure(`the bundle has no CSS (@chatstream/ui/styles.css): ${files.join(', ')}`);
    }
    return files.join(', ');
  });

  await check('run (Chromium, the bundle)', () => {
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const script = join(root, 'scripts', 'run-consumer-in-chromium.ts');
    const worker = join(modules, 'msw', 'lib', 'mockServiceWorker.js');
    const args = [tsx, '--conditions=@chatstream/source', script, join(consumer, 'dist'), worker];
    return run('the bundle in Chromium', process.execPath, args, { cwd: root, timeout: 60_000 }).trim();
  });

  for (const entry of ['node.js', 'mocks-node.js', 'server-render.js']) {
    await check(`run (node out/${entry})`, () => {
      // No NODE_OPTIONS: no loader, no --conditions, only what `exports` says.
      const env = { ...process.env, NODE_OPTIONS: '' };
      const options = { cwd: consumer, env, timeout: 15_000 };
      return run(`node out/${entry}`, process.execPath, [join('out', entry)], options).trim();
    });
  }
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    for (const child of children) child.kill();
    rmSync(temp, { recursive: true, force: true });
    process.exit(130);
  });
}
const started = performance.now();
try {
  await main();
  console.log(`packed consumer: all checks passed in ${((performance.now() - started) / 1000).toFixed(1)}s`);
} catch (error) {
  console.error(
    `✗ ${error instanceof CheckFailure ? error.message : error instanceof Error ? error.stack : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  rmSync(temp, { recursive: true, force: true });
}
