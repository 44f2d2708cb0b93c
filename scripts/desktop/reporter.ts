import type { Reporter } from './electron-binary';

/** Lines as they come; progress rewrites one line on a terminal and prints every few seconds in logs. */
export function consoleReporter(stream: NodeJS.WriteStream = process.stdout, everyMs = 5000): Reporter {
  let last = 0;
  let open = false;
  return {
    line(text) {
      if (open) stream.write('\n');
      open = false;
      stream.write(`${text}\n`);
    },
    progress(text) {
      if (stream.isTTY) {
        stream.write(`\r${text}\x1b[K`);
        open = true;
      } else if (Date.now() - last >= everyMs) {
        last = Date.now();
        stream.write(`${text}\n`);
      }
    },
  };
}
