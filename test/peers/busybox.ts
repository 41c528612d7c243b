import { readFileSync } from 'node:fs';
import { INSTALL_HINT } from './run-tool.js';
import type { TarEntry } from './tar-writer.js';

// The runnable test image holds /bin/busybox from Debian's busybox-static: a static binary needs
// nothing else in the image, so dockerd and podman can run it with no base image and no internet.

const BUSYBOX = '/bin/busybox';
const PT_INTERP = 3;

/**
 * null when /bin/busybox is a static 64-bit ELF, else why not and what to do. A dynamic busybox
 * (package `busybox`) would fail inside the image with a confusing "no such file or directory".
 */
export function busyboxAvailable(): string | null {
  let elf: Buffer;
  try {
    elf = readFileSync(BUSYBOX);
  } catch {
    return `${BUSYBOX} is missing (package busybox-static): ${INSTALL_HINT}`;
  }
  const isElf64 = elf.subarray(0, 4).toString('latin1') === '\x7fELF' && elf[4] === 2;
  if (!isElf64) return `${BUSYBOX} is not a 64-bit ELF binary`;
  // ELF64 header: e_phoff at 0x20, e_phentsize at 0x36, e_phnum at 0x38 (little-endian hosts).
  const programHeaders = Number(elf.readBigUInt64LE(0x20));
  const entrySize = elf.readUInt16LE(0x36);
  const count = elf.readUInt16LE(0x38);
  for (let index = 0; index < count; index += 1) {
    if (elf.readUInt32LE(programHeaders + index * entrySize) === PT_INTERP) {
      return `${BUSYBOX} is dynamically linked (package busybox); install busybox-static: ${INSTALL_HINT}`;
    }
  }
  return null;
}

/** Layer entries: /bin/busybox plus applets as a symlink (`sh`) and hard links (`sleep`, `ls`, `cat`). */
export function busyboxLayerEntries(): TarEntry[] {
  return [
    { type: 'directory', path: 'bin/', mode: 0o755 },
    { type: 'file', path: 'bin/busybox', mode: 0o755, content: readFileSync(BUSYBOX) },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' },
    { type: 'hardlink', path: 'bin/sleep', target: 'bin/busybox' },
    { type: 'hardlink', path: 'bin/ls', target: 'bin/busybox' },
    { type: 'hardlink', path: 'bin/cat', target: 'bin/busybox' },
    { type: 'directory', path: 'tmp/', mode: 0o1777 },
  ];
}
