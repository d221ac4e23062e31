// The differential oracle on CPython 3.12 (Pyodide): see versions.ts.
import { describeVersion } from './versions.js';

describeVersion('3.12');
