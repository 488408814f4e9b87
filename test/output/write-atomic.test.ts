import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { writeAtomic } from '../../src/output/write-atomic.js';

/** A temp dir for an async callback, removed after it settles. */
async function inTempDir(callback: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rank-write-'));
  try {
    await callback(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isRoot = process.getuid?.() === 0;

describe('writeAtomic', () => {
  it('writes through a symlink: the link stays a link, its target gets the text', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'real.md'), 'old');
      symlinkSync('real.md', join(dir, 'out.md'));
      await writeAtomic(join(dir, 'out.md'), 'new');
      expect(lstatSync(join(dir, 'out.md')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'out.md'))).toBe('real.md');
      expect(readFileSync(join(dir, 'real.md'), 'utf8')).toBe('new');
      expect(readdirSync(dir).sort()).toEqual(['out.md', 'real.md']);
    });
  });

  it('follows a chain of links into another folder, and a dangling link creates its target', async () => {
    await inTempDir(async (dir) => {
      mkdirSync(join(dir, 'sub'));
      symlinkSync('sub/middle.md', join(dir, 'out.md'));
      symlinkSync('final.md', join(dir, 'sub/middle.md'));
      await writeAtomic(join(dir, 'out.md'), 'text');
      expect(readFileSync(join(dir, 'sub/final.md'), 'utf8')).toBe('text');
      expect(lstatSync(join(dir, 'sub/middle.md')).isSymbolicLink()).toBe(true);
    });
  });

  it('keeps the mode of the file it replaces', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'out.md'), 'old', { mode: 0o600 });
      chmodSync(join(dir, 'out.md'), 0o600); // exactly, whatever the umask
      await writeAtomic(join(dir, 'out.md'), 'new');
      expect(statSync(join(dir, 'out.md')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'out.md'), 'utf8')).toBe('new');
    });
  });

  it('refuses a directory and leaves it alone', async () => {
    await inTempDir(async (dir) => {
      mkdirSync(join(dir, 'out.md'));
      await expect(writeAtomic(join(dir, 'out.md'), 'text')).rejects.toThrow(UsageError);
      expect(statSync(join(dir, 'out.md')).isDirectory()).toBe(true);
    });
  });

  // Not as root: there the old rename replaced the machine's real /dev/null; the mknod case below covers root.
  it.skipIf(isRoot)('writes into a character device instead of replacing it (/dev/null)', async () => {
    await writeAtomic('/dev/null', 'text');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  // mknod needs root; the /dev/null case above covers the same path for everyone else.
  it.skipIf(!isRoot)('a device node made with mknod stays a device node', async () => {
    await inTempDir(async (dir) => {
      const node = join(dir, 'null');
      expect(spawnSync('mknod', [node, 'c', '1', '3']).status).toBe(0); // 1,3 is Linux's null device
      symlinkSync('null', join(dir, 'out.md'));
      await writeAtomic(join(dir, 'out.md'), 'text');
      await writeAtomic(node, 'text');
      expect(statSync(node).isCharacterDevice()).toBe(true);
      expect(lstatSync(join(dir, 'out.md')).isSymbolicLink()).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['null', 'out.md']);
    });
  });

  it('writes a 250-character file name: the temp name stays under the 255-byte limit', async () => {
    await inTempDir(async (dir) => {
      const name = `${'a'.repeat(247)}.md`;
      await writeAtomic(join(dir, name), 'text');
      expect(readdirSync(dir)).toEqual([name]);
    });
  });

  it('a name over the limit is one clear error, not the cleanup failing', async () => {
    await inTempDir(async (dir) => {
      const path = join(dir, `${'a'.repeat(300)}.md`);
      await expect(writeAtomic(path, 'text')).rejects.toThrow(
        new InputError(`cannot write ${path}: the file name is too long; nothing was changed`),
      );
    });
  });

  it('an exclusive write refuses an existing link, even a dangling one', async () => {
    await inTempDir(async (dir) => {
      symlinkSync('nowhere.md', join(dir, 'out.md'));
      await expect(writeAtomic(join(dir, 'out.md'), 'text', { isExclusive: true })).rejects.toThrow(UsageError);
      expect(readdirSync(dir)).toEqual(['out.md']);
    });
  });

  it('a link loop is one clear error', async () => {
    await inTempDir(async (dir) => {
      symlinkSync('b', join(dir, 'a'));
      symlinkSync('a', join(dir, 'b'));
      await expect(writeAtomic(join(dir, 'a'), 'text')).rejects.toThrow(/too many levels of symbolic links; nothing was changed/);
    });
  });
});
