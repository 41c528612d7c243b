// The fuses build/electron-builder.yml sets are flipped in the binary that ships. Electron's real
// binary cannot be downloaded here, so electron-builder packages a stand-in that carries what
// @electron/fuses looks for: the fuse sentinel followed by Electron's default wire (version 1,
// 8 fuses: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
// only-load-from-asar off, browser V8 snapshot off, file:// privileges on). Then the packaged
// binary's wire is read back with @electron/fuses, as `npx @electron/fuses read` does.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
// electron-builder's own dependency: the same reader/writer that flipped the fuses.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '10110001';
/** A fuse's byte on the wire: ASCII '0' or '1' (@electron/fuses' FuseState, which it does not export). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;

describe(
  'the packaged desktop app (electron-builder over a stand-in Electron binary)',
  { timeout: 300_000 },
  () => {
    let dir: string;
    let binary: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cupdate-package-'));
      const dist = join(dir, 'electron-dist');
      await mkdir(dist);
      const standIn = Buffer.concat([
        Buffer.from('#!/bin/sh\nexit 1\n'),
        Buffer.from(SENTINEL),
        Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
        Buffer.from(ELECTRON_DEFAULT_WIRE),
      ]);
      await writeFile(join(dist, 'electron'), standIn);
      await chmod(join(dist, 'electron'), 0o755);
      const { version } = JSON.parse(
        await readFile(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
      ) as {
        version: string;
      };
      await writeFile(join(dist, 'version'), `v${version}`);
      await run(process.execPath, ['scripts/build-desktop.mjs', '--electron'], { cwd: ROOT });
      // npmRebuild off: ~/.npmrc's nodedir would rebuild native modules for Node (docs/desktop.md).
      await run(
        process.execPath,
        [
          join(ROOT, 'node_modules/electron-builder/cli.js'),
          '--config',
          'build/electron-builder.yml',
          '--linux',
          'dir',
          '-c.npmRebuild=false',
          `-c.electronDist=${dist}`,
          `-c.directories.output=${join(dir, 'out')}`,
        ],
        { cwd: ROOT, env: { ...process.env, CI: 'true' } },
      );
      binary = join(dir, 'out', 'linux-unpacked', 'cupdate-desktop');
    }, 300_000);

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('ships with RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; cookie encryption, asar integrity and asar-only on', async () => {
      const wire = await getCurrentFuseWire(binary);
      const state = (fuse: FuseV1Options) => wire[fuse];
      expect({
        runAsNode: state(FuseV1Options.RunAsNode),
        nodeOptions: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
        inspect: state(FuseV1Options.EnableNodeCliInspectArguments),
        fileProtocol: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
        cookieEncryption: state(FuseV1Options.EnableCookieEncryption),
        asarIntegrity: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
        onlyAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      }).toEqual({
        runAsNode: FuseState.DISABLE,
        nodeOptions: FuseState.DISABLE,
        inspect: FuseState.DISABLE,
        fileProtocol: FuseState.DISABLE,
        cookieEncryption: FuseState.ENABLE,
        asarIntegrity: FuseState.ENABLE,
        onlyAsar: FuseState.ENABLE,
      });
    });
  },
);
