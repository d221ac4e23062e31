// The learner's files in the embedded interpreter: the program's folder and the working directory,
// mounted from the host (Emscripten's NODEFS) at the same paths, so that a program reads the files
// beside it by a relative or an absolute path, and imports its own modules, as on python3. Read-only:
// a recorded run may not change the learner's files (a write fails with EROFS, "Read-only file
// system"; CPython's import system then simply writes no bytecode cache).
// Used by the embedded engine's process (embedded-runner.ts) and by the tests' shared interpreter.
import type { PyodideAPI } from 'pyodide';

type FS = PyodideAPI['FS'];

/** Emscripten's errno for a read-only file system. */
const EROFS = 69;
/** open(2) flags that write: O_WRONLY, O_RDWR, O_TRUNC, O_APPEND. */
const WRITES = 1 | 2 | 512 | 1024;

/** Folders of the interpreter's own (and the recorder's, recorder-files.ts) that a host folder must not cover. */
const OWN = ['/lib', '/dev', '/proc', '/home/pyodide', '/asyncio_lab'];

const inside = (path: string, folder: string) => path === folder || path.startsWith(folder === '/' ? '/' : `${folder}/`);

/** The folders to mount: each of `folders` not inside another (nor the root, nor the interpreter's own). */
export function foldersToMount(folders: readonly string[]): string[] {
  const usable = [...new Set(folders)].filter((f) => f.startsWith('/') && f !== '/' && !OWN.some((own) => inside(f, own) || inside(own, f)));
  return usable.filter((f) => !usable.some((other) => other !== f && inside(f, other)));
}

/** Mounts the host folders read-only at their own paths; returns what unmounts them. */
export function mountHostFolders(FS: FS, folders: readonly string[]): () => void {
  const mounted: string[] = [];
  for (const folder of foldersToMount(folders)) {
    try {
      FS.mkdirTree(folder);
      FS.mount(readOnlyNodeFs(FS), { root: folder }, folder);
      mounted.push(folder);
    } catch {
      // A folder the host does not let us read: the program runs without its files, as before.
    }
  }
  return () => {
    for (const folder of mounted) FS.unmount(folder);
  };
}

interface NodeFs {
  node_ops: Record<string, unknown>;
  stream_ops: Record<string, unknown>;
}

const madeReadOnly = new WeakSet<object>();

/**
 * NODEFS with every operation that changes the host refused. Its nodes share two tables of
 * operations, changed in place: NODEFS serves only these mounts in the lab's interpreters.
 */
function readOnlyNodeFs(FS: FS): NodeFs {
  const fs = FS as unknown as { filesystems: { NODEFS: NodeFs }; ErrnoError: new (errno: number) => Error };
  const nodefs = fs.filesystems.NODEFS;
  if (madeReadOnly.has(nodefs)) return nodefs;
  madeReadOnly.add(nodefs);
  const refuse = () => {
    throw new fs.ErrnoError(EROFS);
  };
  for (const op of ['setattr', 'mknod', 'rename', 'unlink', 'rmdir', 'symlink']) nodefs.node_ops[op] = refuse;
  const open = nodefs.stream_ops.open as (stream: { flags: number }) => unknown;
  nodefs.stream_ops.open = (stream: { flags: number }) => ((stream.flags & WRITES) !== 0 ? refuse() : open(stream));
  nodefs.stream_ops.setattr = refuse;
  nodefs.stream_ops.write = refuse;
  return nodefs;
}
