// Where the CPU went in a V8 profile (`node --cpu-prof`): self time by function, by area (our
// directories under internal/, each package under node_modules, node's own code, GC, idle), and
// by the nearest function of ours on the stack (what made SQLite, undici or JSON work: "run" and
// "writeLatin1String" alone do not say whose).
// Run: `npx tsx bench/profile-top.ts <file.cpuprofile> [top]`.
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: profile-top.ts <file.cpuprofile> [top]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const self = new Map<number, number>();
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

function area(url: string, name: string): string {
  if (url === '') return name.startsWith('(') ? name : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] ?? url;
  const ours = /\/(internal\/[^/]+|test\/[^/]+|bench)\//.exec(url);
  if (ours) return ours[1] ?? url;
  return url.startsWith('node:') ? 'node' : url;
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
const ours = new Map<string, number>();
const isOurs = (url: string) => /\/internal\//.test(url) && !url.includes('node_modules');
const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/(internal|node_modules|test|bench)\//, '$1/');
  return `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
};
let total = 0;
for (const [id, micros] of self) {
  const node = byId.get(id);
  if (node === undefined) continue;
  const { functionName, url } = node.callFrame;
  const key = label(node);
  functions.set(key, (functions.get(key) ?? 0) + micros);
  let nearest: ProfileNode | undefined = node;
  while (nearest !== undefined && !isOurs(nearest.callFrame.url)) {
    const parent = parentOf.get(nearest.id);
    nearest = parent === undefined ? undefined : byId.get(parent);
  }
  const owner = nearest === undefined ? `(not ours) ${area(url, functionName)}` : label(nearest);
  ours.set(owner, (ours.get(owner) ?? 0) + micros);
  const region = area(url, functionName);
  areas.set(region, (areas.get(region) ?? 0) + micros);
  total += micros;
}
const top = Number(topArg ?? 25);
const print = (title: string, entries: Map<string, number>, count: number) => {
  console.log(title);
  for (const [key, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(
      `${(micros / 1000).toFixed(0).padStart(7)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
};
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
print('by area (self time):', areas, 20);
print(`top ${top} functions (self time):`, functions, top);
print(`top ${top} of our functions (self time + what they called outside internal/):`, ours, top);
