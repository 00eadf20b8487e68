#!/usr/bin/env node
// Copy the template package (packages/hello) to packages/<name> as @councilkit/<name>.
// Usage: pnpm new-package <name> ["One-line description"]
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description = 'A councilkit package.'] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('Usage: pnpm new-package <name> ["description"]  (name: lower-case kebab-case, e.g. housing-repairs)');
  process.exit(2);
}
const target = join('packages', name);
if (existsSync(target)) {
  console.error(`${target} already exists; choose another name.`);
  process.exit(2);
}
cpSync(join('packages', 'hello'), target, {
  recursive: true,
  filter: (src) => !/(node_modules|dist)$/.test(src),
});
const pkgPath = join(target, 'package.json');
const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
pkg.name = `@councilkit/${name}`;
pkg.description = description;
delete pkg.private;
writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
for (const file of ['src/greeter.ts', 'src/greeter.test.ts']) rmSync(join(target, file));
writeFileSync(join(target, 'src/index.ts'), `/**\n * ${description}\n *\n * @packageDocumentation\n */\nexport {};\n`);
writeFileSync(join(target, 'README.md'), `# @councilkit/${name}\n\n${description}\n`);
console.log(`Created ${target}. Next: pnpm install, write src/, then pnpm changeset.`);
