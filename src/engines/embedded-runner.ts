// The embedded engine's process: loads CPython compiled to WebAssembly (src/engines/pyodide.ts),
// says `loaded` on its standard output, runs the recorder (src/recorder/recorder.py) on the program
// inside it, and streams the recorder's NDJSON on descriptor 3 as it is written, as the recorder
// does on a local interpreter. The lab runs it as a child process (src/recorder/embedded.ts): each
// run gets a fresh interpreter (from a memory snapshot, src/engines/snapshot.ts), and a crash of
// the WebAssembly runtime ends only this process.
//
//   node dist/embedded-runner.js '<recorder config JSON>'  < program source
import { readFileSync, writeSync } from 'node:fs';
import { isPyodideVersion, loadPython } from './pyodide.js';
import { installRecorder, placeProgram, recorderBytecode } from './recorder-files.js';

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as { file: string; dir: string; cwd?: string; version?: string };
  const version = config.version ?? '3.14';
  if (!isPyodideVersion(version)) throw new Error(`no embedded Python ${version}`);
  const source = readFileSync(0, 'utf8');
  const bytecode = recorderBytecode();
  const python = await loadPython(version, { snapshot: bytecode.snapshot });
  python.useVirtualTime();
  writeAll(1, 'loaded\n');
  const { FS } = python.pyodide;
  const entry = installRecorder(FS);
  bytecode.written(python.pyodide);
  const { sourceFile } = placeProgram(FS, config, source);
  // The recorder's writer hands each chunk of NDJSON to `sink`, written at once on descriptor 3.
  const run = python.pyodide.toPy({ config: JSON.stringify({ ...config, sourceFile, engine: 'embedded' }), sink: (text: string) => writeAll(3, text) });
  python.runPython(
    `import runpy, sys
sys.argv = ['${entry}', config]
runpy.run_path('${entry}', init_globals={'_lab_sink': sink}, run_name='__main__')`,
    { globals: run },
  );
}

/** Writes all of `text` on descriptor `fd`, waiting while the pipe is full (the lab reads slower). */
function writeAll(fd: number, text: string): void {
  let data = Buffer.from(text, 'utf8');
  while (data.length > 0) {
    try {
      data = data.subarray(writeSync(fd, data));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
