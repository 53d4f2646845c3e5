// Every JavaScript entry of the package in the working directory must begin with the 'use client'
// directive: its components and hooks run only on the client, and React Server Components bundlers
// (the Next.js App Router) refuse a server component that imports one without it.
import { readFileSync } from 'node:fs';

const { name, exports } = JSON.parse(readFileSync('package.json', 'utf8'));
const entries = Object.values(exports).flatMap((entry) =>
  typeof entry === 'object' && entry.default?.endsWith('.js') ? [entry.default] : [],
);
const missing = entries.filter((file) => !/^\s*["']use client["'];/.test(readFileSync(file, 'utf8')));
if (missing.length > 0) {
  console.error(`${name}: these entries do not begin with 'use client': ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`${name}: ${entries.length} entries begin with 'use client'`);
