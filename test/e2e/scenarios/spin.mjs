// A scenario whose program never gives control back: a synchronous infinite loop after one print.
export default {
  title: 'A loop that never yields',
  source: { file: 'spin.py', text: 'print("before")\nwhile True:\n    pass\n' },
  *program(py) {
    py.line(1);
    py.print('before');
    py.line(2);
    for (;;) {
      // spins for ever
    }
  },
};
