#!/usr/bin/env node
// Run publint --strict and attw --pack on every package under packages/ (built first).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join(process.cwd(), 'node_modules', '.bin', name);
const failures = [];
for (const dir of readdirSync('packages')) {
  const root = join('packages', dir);
  if (!existsSync(join(root, 'package.json'))) continue;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--format', 'table-flipped']],
  ]) {
    process.stdout.write(`\n== ${tool} ${pkg.name}\n`);
    try {
      execFileSync(bin(tool), args, { cwd: root, stdio: 'inherit' });
    } catch {
      failures.push(`${tool} ${pkg.name}`);
    }
  }
}
if (failures.length > 0) {
  console.error(`\nPackage checks failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nAll package checks passed.');
